// Application decoders after a TCP header (the port tests at the end of print-tcp.c, in
// tcpdump's order). Ports whose decoder is not reproduced here print nothing after `length N`;
// KNOWN-DIFFERENCES.md lists them.

import type { Nd } from '../nd';
import { domainPrint } from './domain';
import { ldpPrint } from './ldp';
import { nfsPrint } from './nfs';
import { openflowPrint } from './openflow';
import { pptpPrint } from './pptp';
import { respPrint } from './resp';
import { sshPrint } from './ssh';
import { textProtocolPrint } from './txtproto';

export function tcpPayloadPrint(
  nd: Nd,
  bp: number,
  length: number,
  sport: number,
  dport: number,
): void {
  const either = (port: number): boolean => sport === port || dport === port;
  if (either(23)) return; // telnet: option negotiation decoder not reproduced
  if (either(25)) return textProtocolPrint(nd, 'smtp', bp, length);
  if (either(43)) return textProtocolPrint(nd, 'whois', bp, length);
  if (either(179)) {
    nd.protocol = 'bgp';
    nd.print(': BGP');
    return;
  }
  if (either(1723)) return pptpPrint(nd, bp);
  if (either(6379)) return respPrint(nd, bp, length);
  if (either(22)) return sshPrint(nd, bp, length);
  if (either(10288)) return; // BEEP: not reproduced
  if (either(6633) || either(6653)) return openflowPrint(nd, bp, length);
  if (either(21)) return textProtocolPrint(nd, 'ftp', bp, length);
  if (either(80) || either(8080)) return textProtocolPrint(nd, 'http', bp, length);
  if (either(554) || either(8554)) return textProtocolPrint(nd, 'rtsp', bp, length);
  if (either(53)) return domainPrint(nd, bp, length, true, false);
  if (either(639)) return; // MSDP: not reproduced
  if (either(323)) {
    nd.protocol = 'rpki_rtr';
    nd.print(', RPKI-RTR');
    return;
  }
  if (either(646)) return ldpPrint(nd, bp, length);
  if (either(2049) && length >= 4 && nd.ttest(bp, 4)) nfsPrint(nd, bp, sport, dport);
}
