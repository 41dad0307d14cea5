// IPv6 extension headers as print-ip6opts.c, print-frag6.c and print-rt6.c print them without
// -v: `HBH `, `DSTOPT `, `frag (OFFSET|SIZE) `, `RT6 (len=…, type=…, segleft=…, …) `.

import { ip6addr } from './addr';
import type { Nd } from './nd';

/** The jumbo payload length found in a hop-by-hop header (RFC 2675). */
export interface Jumbo {
  found: boolean;
  payloadLen: number;
}

/** print-ip6opts.c `ip6_opt_process` without -v: only errors are printed. */
function optionsProcess(nd: Nd, off: number, len: number, jumbo: Jumbo | null): boolean {
  let optlen = 0;
  let seen = false;
  for (let i = 0; i < len; i += optlen) {
    const type = nd.u8(off + i);
    if (type === 0) optlen = 1;
    else if (i + 1 < len) optlen = nd.u8(off + i + 1) + 2;
    else return false;
    if (i + optlen > len) return false;
    switch (type) {
      case 0:
        break;
      case 1:
        if (len - i < 2) {
          nd.print('(padn: trunc)');
          return false;
        }
        break;
      case 0x05:
        if (len - i < 4) {
          nd.print('(rtalert: trunc)');
          return false;
        }
        if (nd.u8(off + i + 1) !== 2) {
          nd.print(`(rtalert: invalid len ${nd.u8(off + i + 1)})`);
          return false;
        }
        break;
      case 0xc2: {
        if (len - i < 6) {
          nd.print('(jumbo: trunc)');
          return false;
        }
        if (nd.u8(off + i + 1) !== 4) {
          nd.print(`(jumbo: invalid len ${nd.u8(off + i + 1)})`);
          return false;
        }
        const jumbolen = nd.be32(off + i + 2);
        if (!seen) {
          seen = true;
          if (jumbo && jumbo.payloadLen === 0 && jumbolen >= 65536) {
            jumbo.found = true;
            jumbo.payloadLen = jumbolen;
          }
        }
        break;
      }
      case 0xc9:
        if (len - i < 18) {
          nd.print('(homeaddr: trunc)');
          return false;
        }
        if (nd.u8(off + i + 1) < 16) {
          nd.print(`(homeaddr: invalid len ${nd.u8(off + i + 1)})`);
          return false;
        }
        break;
      default:
        if (len - i < 2) {
          nd.print(`(type ${type}: trunc)`);
          return false;
        }
    }
  }
  return true;
}

export function hbhPrint(nd: Nd, off: number, jumbo: Jumbo): number {
  nd.protocol = 'hbhopt';
  const hbhlen = (nd.u8(off + 1) + 1) << 3;
  if (!nd.ttest(off, hbhlen)) {
    nd.printTrunc();
    return -1;
  }
  nd.print('HBH ');
  if (!optionsProcess(nd, off + 2, hbhlen - 2, jumbo)) {
    nd.printTrunc();
    return -1;
  }
  return hbhlen;
}

export function dstoptPrint(nd: Nd, off: number): number {
  nd.protocol = 'dstopt';
  const len = (nd.u8(off + 1) + 1) << 3;
  if (!nd.ttest(off, len)) {
    nd.printTrunc();
    return -1;
  }
  nd.print('DSTOPT ');
  return len;
}

export function frag6Print(nd: Nd, off: number, ip6: number): number {
  nd.protocol = 'frag6';
  const offlg = nd.be16(off + 2) & 0xfff8;
  const size = 40 + nd.be16(ip6 + 4) - (off - ip6) - 8;
  nd.print(`frag (${offlg}|${size})`);
  if (offlg !== 0) return -1;
  nd.print(' ');
  return 8;
}

export function rt6Print(nd: Nd, off: number): number {
  nd.protocol = 'rt6';
  nd.print('RT6');
  let len = nd.u8(off + 1);
  nd.print(` (len=${len}`);
  const type = nd.u8(off + 2);
  nd.print(`, type=${type}`);
  if (type === 0) nd.print(' [Deprecated]');
  nd.print(`, segleft=${nd.u8(off + 3)}`);
  if (type === 0 || type === 2 || type === 4) {
    let p: number;
    if (type === 4) {
      nd.print(`, last-entry=${nd.u8(off + 4)}`);
      const flags = nd.u8(off + 5);
      if (flags) nd.print(`, flags=0x${flags.toString(16)}`);
      nd.print(`, tag=${nd.be16(off + 6).toString(16)}`);
    } else {
      const reserved = nd.be32(off + 4);
      if (reserved) nd.print(`, rsv=0x${reserved.toString(16)}`);
    }
    if (len % 2 === 1) {
      nd.print(` (invalid length ${len})`);
      nd.printInvalid();
      return -1;
    }
    len >>= 1;
    p = off + 8;
    for (let i = 0; i < len; i++) {
      nd.print(`, [${i}]${ip6addr(nd, p)}`);
      p += 16;
    }
    nd.print(') ');
    return (nd.u8(off + 1) + 1) << 3;
  }
  nd.print(' (unknown type)');
  nd.printInvalid();
  return -1;
}
