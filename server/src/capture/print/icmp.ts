// ICMP for IPv4 (print-icmp.c, no -v): `ICMP echo request, id N, seq N, length N`, the
// unreachable / redirect / time-exceeded / parameter-problem texts, and type names otherwise.
// Router advertisements and time stamp replies are summarised by their type name only.

import { tok2str, type Tok } from './format';
import { ipaddr } from './addr';
import type { Nd } from './nd';

const TYPE_NAMES: Tok = [
  [0, 'echo reply'],
  [4, 'source quench'],
  [8, 'echo request'],
  [9, 'router advertisement'],
  [10, 'router solicitation'],
  [13, 'time stamp request'],
  [14, 'time stamp reply'],
  [15, 'information request'],
  [16, 'information reply'],
  [17, 'address mask request'],
];

const UNREACH: Record<number, (dst: string) => string> = {
  0: (d) => `net ${d} unreachable`,
  1: (d) => `host ${d} unreachable`,
  5: (d) => `${d} unreachable - source route failed`,
  6: (d) => `net ${d} unreachable - unknown`,
  7: (d) => `host ${d} unreachable - unknown`,
  8: (d) => `${d} unreachable - source host isolated`,
  9: (d) => `net ${d} unreachable - admin prohibited`,
  10: (d) => `host ${d} unreachable - admin prohibited`,
  11: (d) => `net ${d} unreachable - tos prohibited`,
  12: (d) => `host ${d} unreachable - tos prohibited`,
  13: (d) => `host ${d} unreachable - admin prohibited filter`,
  14: (d) => `host ${d} unreachable - host precedence violation`,
  15: (d) => `host ${d} unreachable - precedence cutoff`,
};

function unreachable(nd: Nd, off: number, code: number): string {
  const inner = off + 8;
  switch (code) {
    case 2:
      return `${ipaddr(nd, inner + 16)} protocol ${nd.u8(inner + 9)} unreachable`;
    case 3: {
      nd.u8(inner + 9);
      const hlen = (nd.u8(inner) & 0x0f) * 4;
      const dport = nd.be16(inner + hlen + 2);
      const proto = nd.u8(inner + 9);
      const dst = ipaddr(nd, inner + 16);
      if (proto === 6) return `${dst} tcp port ${dport} unreachable`;
      if (proto === 17) return `${dst} udp port ${dport} unreachable`;
      return `${dst} protocol ${proto} port ${dport} unreachable`;
    }
    case 4: {
      const mtu = nd.be16(off + 6);
      const dst = ipaddr(nd, inner + 16);
      return mtu
        ? `${dst} unreachable - need to frag (mtu ${mtu})`
        : `${dst} unreachable - need to frag`;
    }
    default: {
      const dst = ipaddr(nd, inner + 16);
      const text = UNREACH[code];
      return text ? text(dst) : `${dst} unreachable - #${code}`;
    }
  }
}

const REDIRECT = [
  'redirect %s to net %s',
  'redirect %s to host %s',
  'redirect-tos %s to net %s',
  'redirect-tos %s to host %s',
];

export function icmpPrint(nd: Nd, off: number, plen: number, _iph: number, _frag: boolean): void {
  nd.protocol = 'icmp';
  const type = nd.u8(off);
  const code = nd.u8(off + 1);
  let str: string;
  switch (type) {
    case 0:
    case 8:
      str = `echo ${type === 8 ? 'request' : 'reply'}, id ${nd.be16(off + 4)}, seq ${nd.be16(off + 6)}`;
      break;
    case 3:
      str = unreachable(nd, off, code);
      break;
    case 5: {
      const dst = ipaddr(nd, off + 24);
      const gw = ipaddr(nd, off + 4);
      const fmt = REDIRECT[code];
      str = fmt ? fmt.replace('%s', dst).replace('%s', gw) : `redirect-#${code} ${dst} to ${gw}`;
      break;
    }
    case 11:
      if (!nd.ttest(off + 24, 4)) {
        nd.printTrunc();
        return;
      }
      str =
        code === 0
          ? 'time exceeded in-transit'
          : code === 1
            ? 'ip reassembly time exceeded'
            : `time exceeded-#${code}`;
      break;
    case 12:
      str = code
        ? `parameter problem - code ${code}`
        : `parameter problem - octet ${nd.u8(off + 4)}`;
      break;
    case 18:
      str = `address mask is 0x${nd
        .be32(off + 8)
        .toString(16)
        .padStart(8, '0')}`;
      break;
    case 13:
      str = `time stamp query id ${nd.be16(off + 4)} seq ${nd.be16(off + 6)}`;
      break;
    default:
      str = tok2str(TYPE_NAMES, 'type-#%u', type);
  }
  nd.print(`ICMP ${str}, length ${plen}`);
}
