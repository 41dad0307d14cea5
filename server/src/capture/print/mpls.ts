// MPLS label stacks (print-mpls.c, without -v): `MPLS (label L, tc T, [S], ttl N) ` then the
// payload, guessed from the first nibble as tcpdump does.

import { hexAndAsciiPrint } from './hexdump';
import { ipPrint } from './ipv4';
import { ip6Print } from './ipv6';
import type { Nd } from './nd';

export function mplsPrint(nd: Nd, off: number, length: number): void {
  nd.protocol = 'mpls';
  nd.print('MPLS');
  let p = off;
  let entry = 0;
  do {
    if (length < 4) {
      nd.printInvalid();
      nd.tcheck(p, length);
      return;
    }
    entry = nd.be32(p);
    nd.print(` (label ${entry >>> 12}, tc ${(entry >>> 9) & 7}`);
    if (entry & 0x100) nd.print(', [S]');
    nd.print(`, ttl ${entry & 0xff})`);
    p += 4;
    length -= 4;
  } while (!(entry & 0x100));
  const label = entry >>> 12;
  let kind: 'ip' | 'ip6' | 'unknown' = 'unknown';
  if (label === 0) kind = 'ip';
  else if (label === 2) kind = 'ip6';
  else {
    if (length < 1) return;
    const first = nd.u8(p);
    if (first >= 0x45 && first <= 0x4f) kind = 'ip';
    else if (first >= 0x60 && first <= 0x6f) kind = 'ip6';
  }
  if (kind === 'ip') {
    nd.print(' ');
    ipPrint(nd, p, length);
  } else if (kind === 'ip6') {
    nd.print(' ');
    ip6Print(nd, p, length);
  } else hexAndAsciiPrint(nd, '\n\t', p, length);
}
