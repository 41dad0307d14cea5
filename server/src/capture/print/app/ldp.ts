// LDP (print-ldp.c, port 646, TCP and UDP, no -v): one `LDP, Label-Space-ID: A:N, pdu-length: N`
// per PDU header; tcpdump stops after the first one when not verbose.

import { ipaddr } from '../addr';
import type { Nd } from '../nd';

export function ldpPrint(nd: Nd, p: number, len: number): void {
  nd.protocol = 'ldp';
  if (len <= 10 + 8) return;
  nd.tcheck(p, 10);
  const version = nd.be16(p);
  if (version !== 1) {
    nd.print(`LDP version ${version} packet not supported`);
    return;
  }
  const pduLen = nd.be16(p + 2);
  if (pduLen < 6) {
    nd.print(`LDP, pdu-length: ${pduLen} (too short, < 6)`);
    return;
  }
  nd.print(`LDP, Label-Space-ID: ${ipaddr(nd, p + 4)}:${nd.be16(p + 8)}, pdu-length: ${pduLen}`);
}
