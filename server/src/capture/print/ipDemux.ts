// Transport dispatch after an IP header (print-ip-demux.c `ip_demux_print`). TCP, UDP, ICMP,
// ICMPv6 and IP-in-IP are decoded; other protocols print tcpdump's `-n` fallback
// ` ip-proto-N LENGTH`, which differs from tcpdump's own decoders (see KNOWN-DIFFERENCES.md).

import { gre4Print } from './gre';
import { icmpPrint } from './icmp';
import { icmp6Print } from './icmp6';
import { IPPROTO } from './constants';
import { ipPrint } from './ipv4';
import { ip6Print } from './ipv6';
import type { Nd } from './nd';
import { tcpPrint } from './tcp';
import { udpPrint } from './udp';

export function ipDemuxPrint(
  nd: Nd,
  off: number,
  length: number,
  ver: 4 | 6,
  fragmented: boolean,
  nh: number,
  iph: number,
): void {
  switch (nh) {
    case IPPROTO.TCP:
      tcpPrint(nd, off, length, iph, fragmented);
      return;
    case IPPROTO.UDP:
      udpPrint(nd, off, length, iph, fragmented);
      return;
    case IPPROTO.ICMP:
      if (ver === 4) icmpPrint(nd, off, length, iph, fragmented);
      else {
        nd.print('[ICMP requires IPv4]');
        nd.printInvalid();
      }
      return;
    case IPPROTO.ICMPV6:
      if (ver === 6) icmp6Print(nd, off, length, iph);
      else {
        nd.print('[ICMPv6 requires IPv6]');
        nd.printInvalid();
      }
      return;
    case IPPROTO.IPV4:
      ipPrint(nd, off, length);
      return;
    case IPPROTO.IPV6:
      ip6Print(nd, off, length);
      return;
    case IPPROTO.GRE:
      gre4Print(nd, off, length);
      return;
    case IPPROTO.NONE:
      nd.print('no next header');
      return;
    default:
      nd.print(` ip-proto-${nh} ${length}`);
  }
}
