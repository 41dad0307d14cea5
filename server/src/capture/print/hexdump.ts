// tcpdump's default printer for payloads it cannot decode (print-ascii.c
// `hex_and_ascii_print`): `\n\t0x0000:  4500 003c …  E..<…` lines.

import { hex, padRight } from './format';
import { NdTruncated, type Nd } from './nd';

export function hexAndAsciiPrint(nd: Nd, indent: string, off: number, length: number): void {
  const caplength = nd.available(off);
  let truncated = false;
  if (length > caplength) {
    length = caplength;
    truncated = true;
  }
  let line = 0;
  for (let start = 0; start < length; start += 16) {
    const end = Math.min(length, start + 16);
    let hexPart = '';
    let ascii = '';
    for (let i = start; i < end; i++) {
      const c = nd.u8(off + i);
      hexPart += (i - start) % 2 === 0 ? ' ' + hex(c, 2) : hex(c, 2);
      ascii += c > 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
    }
    nd.print(`${indent}0x${hex(line * 16, 4)}: ${padRight(hexPart, 40)}  ${ascii}`);
    line++;
  }
  if (truncated) throw new NdTruncated();
}
