// Headerless and loopback link types: raw IP (print-raw.c, `ipN_print`) and BSD NULL / OpenBSD
// LOOP (print-null.c), whose 4-byte address family may be in either byte order.

import { hexAndAsciiPrint } from './hexdump';
import { ipPrint } from './ipv4';
import { ip6Print } from './ipv6';
import type { Nd } from './nd';
import { tok2str, type Tok } from './format';

/** ipN_print: the version nibble picks IPv4 or IPv6. */
export function ipNPrint(nd: Nd, off: number, length: number): void {
  nd.protocol = 'ipn';
  if (length < 1) {
    nd.print(`truncated-ip ${length}`);
    return;
  }
  switch (nd.u8(off) & 0xf0) {
    case 0x40:
      ipPrint(nd, off, length);
      break;
    case 0x60:
      ip6Print(nd, off, length);
      break;
    default:
      nd.print(`unknown ip ${(nd.u8(off) & 0xf0) >> 4}`);
  }
}

const BSD_AF: Tok = [
  [2, 'IPv4'],
  [7, 'ISO'],
  [16, 'Appletalk'],
  [23, 'IPX'],
  [24, 'IPv6'],
  [28, 'IPv6'],
  [30, 'IPv6'],
];

export function nullPrint(nd: Nd, length: number, caplen: number): void {
  nd.protocol = 'null';
  nd.tcheck(0, 4);
  let family = nd.le32(0);
  if ((family & 0xffff0000) !== 0) {
    family =
      (((family & 0xff) << 24) |
        ((family & 0xff00) << 8) |
        ((family & 0xff0000) >>> 8) |
        ((family >>> 24) & 0xff)) >>>
      0;
  }
  switch (family) {
    case 2:
      ipPrint(nd, 4, length - 4);
      break;
    case 24:
    case 28:
    case 30:
      ip6Print(nd, 4, length - 4);
      break;
    default:
      nd.print(`AF ${tok2str(BSD_AF, 'Unknown', family)} (${family}), length ${length}: `);
      hexAndAsciiPrint(nd, '\n\t', 4, caplen - 4);
  }
}
