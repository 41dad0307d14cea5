// A minimal 802.2 LLC printer (print-llc.c): SNAP with an Ethernet type and RFC 948 IP are
// decoded; every other LLC frame is left to the caller's hex dump (a known difference).

import { ethertypePrint } from './ethertype';
import type { Nd } from './nd';

export function llcPrint(nd: Nd, off: number, length: number, caplen: number): boolean {
  nd.protocol = 'llc';
  if (caplen < 3 || length < 3) return false;
  const dsap = nd.u8(off) & 0xfe;
  const ssap = nd.u8(off + 1) & 0xfe;
  const control = nd.u8(off + 2);
  if (control !== 0x03) return false;
  if (dsap === 0xaa && ssap === 0xaa && caplen >= 8 && length >= 8) {
    const oui = nd.be24(off + 3);
    const type = nd.be16(off + 6);
    if (oui !== 0) return false;
    return ethertypePrint(nd, type, off + 8, length - 8, caplen - 8);
  }
  if (dsap === 0x06 && ssap === 0x06)
    return ethertypePrint(nd, 0x0800, off + 3, length - 3, caplen - 3);
  return false;
}
