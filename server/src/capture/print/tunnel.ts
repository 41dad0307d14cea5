// UDP tunnels whose inner packets tcpdump decodes by default: VXLAN (port 4789, the inner frame
// starts a new output line) and Geneve (port 6081, on the same line).

import { etherPrint } from './ethernet';
import { ethertypePrint } from './ethertype';
import { bittok2strNosep, hex, type Tok } from './format';
import type { Nd } from './nd';

const VXLAN_FLAGS: Tok = [[0x08, 'I']];

export function vxlanPrint(nd: Nd, off: number, len: number): void {
  nd.protocol = 'vxlan';
  nd.print('VXLAN');
  if (len < 8) {
    nd.printInvalid();
    return;
  }
  const flags = nd.u8(off);
  nd.print(`, flags [${bittok2strNosep(VXLAN_FLAGS, 'invalid', flags)}] (0x${hex(flags, 2)}), `);
  const vni = nd.be24(off + 4);
  nd.print(`vni ${vni}\n`);
  nd.u8(off + 7);
  etherPrint(nd, off + 8, len - 8, nd.available(off + 8));
}

const GENEVE_FLAGS: Tok = [
  [0x80, 'O'],
  [0x40, 'C'],
  [0x20, 'R1'],
  [0x10, 'R2'],
  [0x08, 'R3'],
  [0x04, 'R4'],
  [0x02, 'R5'],
  [0x01, 'R6'],
];

export function genevePrint(nd: Nd, off: number, len: number): void {
  nd.protocol = 'geneve';
  nd.print('Geneve');
  if (len < 8) {
    nd.print(` [length ${len} < 8]`);
    nd.printInvalid();
    return;
  }
  if (!nd.ttest(off, 8)) {
    nd.printTrunc();
    return;
  }
  const verOpt = nd.u8(off);
  const version = verOpt >> 6;
  if (version !== 0) {
    nd.print(` ERROR: unknown-version ${version}`);
    return;
  }
  const flags = nd.u8(off + 1);
  const prot = nd.be16(off + 2);
  const vni = nd.be24(off + 4);
  const reserved = nd.u8(off + 7);
  let p = off + 8;
  len -= 8;
  nd.print(`, Flags [${bittok2strNosep(GENEVE_FLAGS, 'none', flags)}]`);
  nd.print(`, vni 0x${vni.toString(16)}`);
  if (reserved) nd.print(`, rsvd 0x${reserved.toString(16)}`);
  const optsLen = (verOpt & 0x3f) * 4;
  if (len < optsLen) {
    nd.print(` truncated-geneve - ${optsLen - len} bytes missing`);
    return;
  }
  if (!nd.ttest(p, optsLen)) {
    nd.printTrunc();
    return;
  }
  if (optsLen > 0) nd.print(`, options [${optsLen} bytes]`);
  p += optsLen;
  len -= optsLen;
  nd.print(': ');
  if (!ethertypePrint(nd, prot, p, len, nd.available(p))) {
    if (prot === 0x6558) etherPrint(nd, p, len, nd.available(p));
    else nd.print(`geneve-proto-0x${prot.toString(16)}`);
  }
}
