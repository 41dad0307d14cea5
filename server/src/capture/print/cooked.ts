// Linux "cooked" headers (print-sll.c): SLL v1 (LINKTYPE 113) prints nothing without -e;
// SLL2 (LINKTYPE 276, `-i any`) prints `IFNAME DIR ` (`lo    In  `) before the network layer.

import { ETHERTYPE_NAMES } from './constants';
import { ethertypePrint } from './ethertype';
import { hex, macString, padRight, tok2str, type Tok } from './format';
import { hexAndAsciiPrint } from './hexdump';
import { llcPrint } from './llc';
import type { Nd } from './nd';

const PKTTYPES: Tok = [
  [0, 'In'],
  [1, 'B'],
  [2, 'M'],
  [3, 'P'],
  [4, 'Out'],
];

/** print-sll.c `sll_print` (v1 -e header), printed before a hex dump of an unknown type. */
function cookedHeader(
  nd: Nd,
  pkttype: string,
  halen: number,
  addrOff: number,
  type: number,
  length: number,
): void {
  nd.print(`${pkttype.padStart(3)} `);
  if (halen === 6) nd.print(`${macString(nd.data, addrOff)} `);
  if (type <= 1500) {
    nd.print(type === 1 ? '802.3' : type === 4 ? '802.2' : `ethertype Unknown (0x${hex(type, 4)})`);
  } else {
    nd.print(`ethertype ${tok2str(ETHERTYPE_NAMES, 'Unknown', type)} (0x${hex(type, 4)})`);
  }
  nd.print(`, length ${length}: `);
}

/** The part shared by v1 and v2 after the header: protocol type, one VLAN level, payload. */
function cookedPayload(
  nd: Nd,
  p: number,
  length: number,
  caplen: number,
  type: number,
  unknownHeader: () => void,
): void {
  for (;;) {
    if (type <= 1500) {
      if (type !== 4 || !llcPrint(nd, p, length, caplen)) hexAndAsciiPrint(nd, '\n\t', p, caplen);
      return;
    }
    if (type === 0x8100) {
      if (caplen < 4) {
        nd.protocol = 'vlan';
        nd.printTrunc();
        return;
      }
      type = nd.be16(p + 2);
      if (type <= 1500) type = 4;
      nd.print(`ethertype ${tok2str(ETHERTYPE_NAMES, 'Unknown', type)}, `);
      p += 4;
      length -= 4;
      caplen -= 4;
      continue;
    }
    if (!ethertypePrint(nd, type, p, length, caplen)) {
      unknownHeader();
      hexAndAsciiPrint(nd, '\n\t', p, caplen);
    }
    return;
  }
}

export function sllPrint(nd: Nd, length: number, caplen: number): void {
  nd.protocol = 'sll';
  nd.tcheck(0, 16);
  const pkttype = nd.be16(0);
  const hatype = nd.be16(2);
  const halen = nd.be16(4);
  const type = nd.be16(14);
  if (hatype === 803) {
    hexAndAsciiPrint(nd, '\n\t', 16, caplen - 16);
    return;
  }
  cookedPayload(nd, 16, length - 16, caplen - 16, type, () =>
    cookedHeader(nd, tok2str(PKTTYPES, '?', pkttype), halen, 6, type, length),
  );
}

export function sll2Print(nd: Nd, length: number, caplen: number): void {
  nd.protocol = 'sll2';
  nd.tcheck(0, 20);
  const type = nd.be16(0);
  const ifindex = nd.be32(4);
  const hatype = nd.be16(8);
  const pkttype = nd.u8(10);
  const halen = nd.u8(11);
  nd.print(`${padRight(nd.flags.interfaceName(ifindex) ?? '?', 5)} `);
  nd.print(`${padRight(tok2str(PKTTYPES, '?', pkttype), 3)} `);
  if (hatype === 803) {
    hexAndAsciiPrint(nd, '\n\t', 20, caplen - 20);
    return;
  }
  cookedPayload(nd, 20, length - 20, caplen - 20, type, () => {
    nd.print(`ifindex ${ifindex} `);
    if (halen === 6) nd.print(`${macString(nd.data, 12)} `);
    if (type <= 1500) {
      nd.print(
        type === 1 ? '802.3' : type === 4 ? '802.2' : `ethertype Unknown (0x${hex(type, 4)})`,
      );
    } else {
      nd.print(`ethertype ${tok2str(ETHERTYPE_NAMES, 'Unknown', type)} (0x${hex(type, 4)})`);
    }
    nd.print(`, length ${length}: `);
  });
}
