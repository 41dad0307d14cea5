// NFS over TCP (print-tcp.c, port 2049): the RPC record mark, then `: NFS request xid N ` or
// `: NFS reply xid N `. The procedure decode that tcpdump prints after it is not reproduced.

import type { Nd } from '../nd';

export function nfsPrint(
  nd: Nd,
  bp: number,
  length: number,
  sport: number,
  dport: number,
  _iph: number,
): void {
  const rp = bp + 4;
  if (!nd.ttest(rp + 4, 4)) return;
  const direction = nd.be32(rp + 4);
  if (dport === 2049 && direction === 0) {
    nd.print(`: NFS request xid ${nd.be32(rp)} `);
  } else if (sport === 2049 && direction === 1) {
    nd.print(`: NFS reply xid ${nd.be32(rp)} `);
  }
  void length;
}
