// ARP / RARP (print-arp.c, no -v): `ARP, Request who-has A tell B, length N`,
// `ARP, Reply A is-at MAC, length N`. ATM ARP (RFC 2225) is not decoded.

import { ETHERTYPE_NAMES } from './constants';
import { hex, ipv4String, tok2str, type Tok } from './format';
import { hexAndAsciiPrint } from './hexdump';
import type { Nd } from './nd';

const OPS: Tok = [
  [1, 'Request'],
  [2, 'Reply'],
  [3, 'Reverse Request'],
  [4, 'Reverse Reply'],
  [8, 'Inverse Request'],
  [9, 'Inverse Reply'],
  [10, 'NACK Reply'],
];

const HARDWARE: Tok = [
  [1, 'Ethernet'],
  [6, 'TokenRing'],
  [7, 'ArcNet'],
  [15, 'FrameRelay'],
  [23, 'Strip'],
  [24, 'IEEE 1394'],
  [19, 'ATM'],
  [32, 'InfiniBand'],
];

/** linkaddr_string: colon-separated hex bytes (`<empty>` for none). */
function linkaddr(nd: Nd, off: number, len: number): string {
  if (len === 0) return '<empty>';
  nd.tcheck(off, len);
  const parts: string[] = [];
  for (let i = 0; i < len; i++) parts.push(hex(nd.data[off + i]!, 2));
  return parts.join(':');
}

export function arpPrint(nd: Nd, off: number, length: number, caplen: number): void {
  nd.protocol = 'arp';
  nd.tcheck(off, 8);
  const hrd = nd.be16(off);
  const pro = nd.be16(off + 2);
  const hln = nd.u8(off + 4);
  const pln = nd.u8(off + 5);
  const op = nd.be16(off + 6);
  const sha = off + 8;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;
  nd.tcheck(tpa, pln);
  nd.print('ARP, ');
  const ipLike = pro === 0x0800 || pro === 0x1000;
  if (!ipLike || pln !== 4 || hln === 0) {
    nd.print(
      `${tok2str(HARDWARE, 'Unknown Hardware (%u)', hrd)} (len ${hln}), ` +
        `${tok2str(ETHERTYPE_NAMES, 'Unknown Protocol (0x%04x)', pro)} (len ${pln})`,
    );
    nd.print(`, length ${length}`);
    return;
  }
  const ip = (at: number): string => {
    nd.tcheck(at, 4);
    return ipv4String(nd.data, at);
  };
  nd.print(`${tok2str(OPS, 'Unknown (%u)', op)} `);
  switch (op) {
    case 1: {
      nd.print(`who-has ${ip(tpa)}`);
      let nonzero = false;
      for (let i = 0; i < hln; i++) if (nd.u8(tha + i) !== 0) nonzero = true;
      if (nonzero) nd.print(` (${linkaddr(nd, tha, hln)})`);
      nd.print(` tell ${ip(spa)}`);
      break;
    }
    case 2:
      nd.print(`${ip(spa)} is-at ${linkaddr(nd, sha, hln)}`);
      break;
    case 3:
    case 8:
      nd.print(`who-is ${linkaddr(nd, tha, hln)} tell ${linkaddr(nd, sha, hln)}`);
      break;
    case 4:
      nd.print(`${linkaddr(nd, tha, hln)} at ${ip(tpa)}`);
      break;
    case 9:
      nd.print(`${linkaddr(nd, sha, hln)} at ${ip(spa)}`);
      break;
    default:
      hexAndAsciiPrint(nd, '\n\t', off, caplen);
      return;
  }
  nd.print(`, length ${length}`);
}
