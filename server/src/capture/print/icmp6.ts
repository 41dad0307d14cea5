// ICMPv6 (print-icmp6.c, no -v): `ICMP6, TYPE[, details], length N`. Neighbour discovery,
// echo, unreachable, too-big, time-exceeded and parameter-problem details are printed;
// multicast listener, node information and RPL bodies are not (see KNOWN-DIFFERENCES.md).

import { tok2str, type Tok } from './format';
import { ip6addr } from './addr';
import type { Nd } from './nd';

const TYPES: Tok = [
  [1, 'destination unreachable'],
  [2, 'packet too big'],
  [3, 'time exceeded in-transit'],
  [4, 'parameter problem'],
  [128, 'echo request'],
  [129, 'echo reply'],
  [130, 'multicast listener query'],
  [131, 'multicast listener report'],
  [132, 'multicast listener done'],
  [133, 'router solicitation'],
  [134, 'router advertisement'],
  [135, 'neighbor solicitation'],
  [136, 'neighbor advertisement'],
  [137, 'redirect'],
  [138, 'router renumbering'],
  [141, 'inverse neighbor solicitation'],
  [142, 'inverse neighbor advertisement'],
  [143, 'multicast listener report v2'],
  [144, 'ha discovery request'],
  [145, 'ha discovery reply'],
  [146, 'mobile router solicitation'],
  [147, 'mobile router advertisement'],
  [139, 'who-are-you request'],
  [140, 'who-are-you reply'],
  [200, 'mtrace message'],
  [201, 'mtrace response'],
  [155, 'RPL'],
];

const UNREACH_CODES: Tok = [
  [0, 'unreachable route'],
  [1, ' unreachable prohibited'],
  [2, 'beyond scope'],
  [3, 'unreachable address'],
  [4, 'unreachable port'],
];

const PARAMPROB: Record<number, string> = {
  0: 'erroneous',
  1: 'next header',
  2: 'option',
  3: 'incomplete header chain',
};

/** get_upperlayer: the transport header inside an ICMPv6 error, skipping extension headers. */
function upperLayer(nd: Nd, ip6: number): { prot: number; off: number } | null {
  if (!nd.ttest(ip6 + 6, 1)) return null;
  let nh = nd.u8(ip6 + 6);
  let hlen = 40;
  let p = ip6;
  while (p < nd.snapend) {
    p += hlen;
    switch (nh) {
      case 6:
      case 17:
        return nd.ttest(p + 2, 2) ? { prot: nh, off: p } : null;
      case 0:
      case 60:
      case 43:
        if (!nd.ttest(p + 1, 1)) return null;
        nh = nd.u8(p);
        hlen = (nd.u8(p + 1) + 1) << 3;
        break;
      case 44:
        if (!nd.ttest(p + 2, 2)) return null;
        if ((nd.be16(p + 2) & 0xfff8) !== 0) return null;
        nh = nd.u8(p);
        hlen = 8;
        break;
      case 51:
        if (!nd.ttest(p + 1, 1)) return null;
        nh = nd.u8(p);
        hlen = (nd.u8(p + 1) + 2) << 2;
        break;
      default:
        return null;
    }
  }
  return null;
}

export function icmp6Print(nd: Nd, off: number, length: number, _iph: number): void {
  nd.protocol = 'icmp6';
  if (length === 0) {
    nd.print('ICMP6, length 0');
    nd.printInvalid();
    return;
  }
  const type = nd.u8(off);
  nd.print(`ICMP6, ${tok2str(TYPES, 'unknown icmp6 type (%u)', type)}`);
  const code = nd.u8(off + 1);
  const oip = off + 8;
  switch (type) {
    case 1:
      nd.print(`, ${tok2str(UNREACH_CODES, 'unknown unreach code (%u)', code)}`);
      if (code === 0 || code === 1 || code === 3) nd.print(` ${ip6addr(nd, oip + 24)}`);
      else if (code === 2)
        nd.print(` ${ip6addr(nd, oip + 24)}, source address ${ip6addr(nd, oip + 8)}`);
      else if (code === 4) {
        const up = upperLayer(nd, oip);
        if (!up) {
          nd.printTrunc();
          return;
        }
        const dport = nd.be16(up.off + 2);
        const dst = ip6addr(nd, oip + 24);
        if (up.prot === 6) nd.print(`, ${dst} tcp port ${dport}`);
        else if (up.prot === 17) nd.print(`, ${dst} udp port ${dport}`);
        else nd.print(`, ${dst} protocol ${up.prot} port ${dport} unreachable`);
      } else return;
      break;
    case 2:
      nd.print(`, mtu ${nd.be32(off + 4)}`);
      break;
    case 3:
      if (code === 0) nd.print(` for ${ip6addr(nd, oip + 24)}`);
      else if (code === 1) nd.print(' (reassembly)');
      else nd.print(`, unknown code (${code})`);
      break;
    case 4: {
      if (!nd.ttest(oip + 24, 16)) {
        nd.printTrunc();
        return;
      }
      const what = PARAMPROB[code];
      nd.print(what ? `, ${what} - octet ${nd.be32(off + 4)}` : `, code-#${code}`);
      break;
    }
    case 128:
    case 129:
      nd.print(`, id ${nd.be16(off + 4)}, seq ${nd.be16(off + 6)}`);
      break;
    case 135:
      nd.print(`, who has ${ip6addr(nd, off + 8)}`);
      break;
    case 136:
      nd.print(`, tgt is ${ip6addr(nd, off + 8)}`);
      break;
    case 137:
      nd.print(`, ${ip6addr(nd, off + 8)} to ${ip6addr(nd, off + 24)}`);
      break;
    case 144:
    case 146:
      nd.print(
        `, id 0x${nd
          .be16(off + 4)
          .toString(16)
          .padStart(4, '0')}`,
      );
      break;
    case 130:
    case 131:
    case 132:
    case 133:
    case 134:
    case 138:
    case 139:
    case 140:
    case 141:
    case 142:
    case 143:
    case 145:
    case 147:
    case 155:
      break;
    default:
      nd.print(`, length ${length}`);
      return;
  }
  nd.print(`, length ${length}`);
}
