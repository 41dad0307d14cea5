// NFS over TCP (print-tcp.c, port 2049): after the RPC record mark, `: NFS request xid N ` or
// `: NFS reply xid N `. The procedure decode tcpdump prints after it is not reproduced
// (KNOWN-DIFFERENCES.md).

import type { Nd } from '../nd';

export function nfsPrint(nd: Nd, bp: number, sport: number, dport: number): void {
  const rp = bp + 4;
  if (!nd.ttest(rp + 4, 4)) return;
  const direction = nd.be32(rp + 4);
  if (dport === 2049 && direction === 0) nd.print(`: NFS request xid ${nd.be32(rp)} `);
  else if (sport === 2049 && direction === 1) nd.print(`: NFS reply xid ${nd.be32(rp)} `);
}
