// Ethernet frames (print-ether.c `ether_common_print`, without -e): 802.1Q / QinQ tags are
// skipped silently, 802.3 length frames go to a minimal LLC printer.

import { ETHERTYPE, ETHERTYPE_NAMES } from './constants';
import { ethertypePrint } from './ethertype';
import { hex, macString, tok2str } from './format';
import { hexAndAsciiPrint } from './hexdump';
import { llcPrint } from './llc';
import type { Nd } from './nd';

const VLAN_TYPES: readonly number[] = [
  ETHERTYPE.VLAN,
  ETHERTYPE.Q9100,
  ETHERTYPE.Q9200,
  ETHERTYPE.QINQ,
];

/** Prints an Ethernet frame at `off`; returns the link-layer header length. */
export function etherPrint(nd: Nd, off: number, length: number, caplen: number): number {
  nd.protocol = 'ether';
  if (length < caplen) {
    nd.print(`[length ${length} < caplen ${caplen}]`);
    nd.printInvalid();
    return length;
  }
  if (caplen < 14) {
    nd.printTrunc();
    return caplen;
  }
  const origLength = length;
  const src = off + 6;
  const dst = off;
  let p = off + 12;
  length -= 12;
  caplen -= 12;
  let type = nd.be16(p);
  p += 2;
  length -= 2;
  caplen -= 2;
  while (VLAN_TYPES.includes(type)) {
    if (caplen < 4) {
      nd.protocol = 'vlan';
      nd.printTrunc();
      return p - off + caplen;
    }
    if (length < 4) {
      nd.protocol = 'vlan';
      nd.printTrunc();
      return p - off + length;
    }
    type = nd.be16(p + 2);
    p += 4;
    length -= 4;
    caplen -= 4;
  }
  if (type <= 1500) {
    if (type < length) {
      length = type;
      if (caplen > length) caplen = length;
    }
    nd.pushSnaplen(p, length);
    if (!llcPrint(nd, p, length, caplen)) hexAndAsciiPrint(nd, '\n\t', p, caplen);
    nd.popSnaplen();
  } else if (!ethertypePrint(nd, type, p, length, caplen)) {
    nd.print(
      `${macString(nd.data, src)} > ${macString(nd.data, dst)}, ethertype ` +
        `${tok2str(ETHERTYPE_NAMES, 'Unknown', type)} (0x${hex(type, 4)}), length ${origLength}: `,
    );
    hexAndAsciiPrint(nd, '\n\t', p, caplen);
  }
  return p - off;
}
