// Multipath TCP option (print-mptcp.c of tcpdump 4.99.3): `mptcp LEN SUBTYPE details`.
// Returns false when tcpdump would print `[bad opt]`.

import { hex, ipv4String } from './format';
import { ip6addr } from './addr';
import type { Nd } from './nd';

const SYN = 0x02;
const ACK = 0x10;

type SubPrinter = (nd: Nd, opt: number, len: number, flags: number) => boolean;

const capable: SubPrinter = (nd, opt, len, flags) => {
  if (
    !((len === 12 || len === 4) && flags & SYN) &&
    !((len === 20 || len === 22) && (flags & (SYN | ACK)) === ACK)
  ) {
    return false;
  }
  const version = nd.u8(opt + 2) & 0xf;
  if (version > 1) {
    nd.print(` Unknown Version (${version})`);
    return true;
  }
  nd.print(` v${version}`);
  if (nd.u8(opt + 3) & 0x80) nd.print(' csum');
  if (len === 12 || len >= 20) {
    nd.print(` {0x${nd.be64(opt + 4).toString(16)}`);
    if (len >= 20) nd.print(`,0x${nd.be64(opt + 12).toString(16)}`);
    nd.print('}');
  }
  return true;
};

const join: SubPrinter = (nd, opt, len, flags) => {
  if (
    !(len === 12 && flags & SYN) &&
    !(len === 16 && (flags & (SYN | ACK)) === (SYN | ACK)) &&
    !(len === 24 && flags & ACK)
  ) {
    return false;
  }
  if (len !== 24) {
    if (nd.u8(opt + 2) & 0x01) nd.print(' backup');
    nd.print(` id ${nd.u8(opt + 3)}`);
  }
  if (len === 12) {
    nd.print(` token 0x${nd.be32(opt + 4).toString(16)} nonce 0x${nd.be32(opt + 8).toString(16)}`);
  } else if (len === 16) {
    nd.print(` hmac 0x${nd.be64(opt + 4).toString(16)} nonce 0x${nd.be32(opt + 12).toString(16)}`);
  } else if (len === 24) {
    // tcpdump reads these 20 bytes without a bounds check.
    nd.print(' hmac 0x');
    for (let i = 0; i < 20; i++) nd.print(hex(nd.data[opt + 4 + i] ?? 0, 2));
  }
  return true;
};

const dss: SubPrinter = (nd, opt, len, flags) => {
  if (len < 4) return false;
  if (flags & SYN) return false;
  const f = nd.u8(opt + 3);
  if (f & 0x10) nd.print(' fin');
  let p = opt + 4;
  let left = len - 4;
  if (f & 0x01) {
    nd.print(' ack ');
    if (f & 0x02) {
      if (left < 8) return false;
      nd.print(nd.be64(p).toString());
      p += 8;
      left -= 8;
    } else {
      if (left < 4) return false;
      nd.print(String(nd.be32(p)));
      p += 4;
      left -= 4;
    }
  }
  if (f & 0x04) {
    nd.print(' seq ');
    if (f & 0x08) {
      if (left < 8) return false;
      nd.print(nd.be64(p).toString());
      p += 8;
      left -= 8;
    } else {
      if (left < 4) return false;
      nd.print(String(nd.be32(p)));
      p += 4;
      left -= 4;
    }
    if (left < 4) return false;
    nd.print(` subseq ${nd.be32(p)}`);
    p += 4;
    left -= 4;
    if (left < 2) return false;
    nd.print(` len ${nd.be16(p)}`);
    p += 2;
    left -= 2;
    if (left >= 2) {
      nd.print(` csum 0x${nd.be16(p).toString(16)}`);
      left -= 2;
    }
  }
  return left === 0;
};

const ADDR_KINDS: Record<number, string> = { 6: 'v0-ip6', 4: 'v0-ip4', 1: 'v1-echo', 0: 'v1' };

const addAddr: SubPrinter = (nd, opt, len) => {
  if (![8, 10, 16, 18, 20, 22, 28, 30].includes(len)) return false;
  nd.print(` ${ADDR_KINDS[nd.u8(opt + 2) & 0xf] ?? '[bad version/echo]'}`);
  nd.print(` id ${nd.u8(opt + 3)}`);
  if (len === 8 || len === 10 || len === 16 || len === 18) {
    nd.tcheck(opt + 4, 4);
    nd.print(` ${ipv4String(nd.data, opt + 4)}`);
    if (len === 10 || len === 18) nd.print(`:${nd.be16(opt + 8)}`);
    if (len === 16) nd.print(` hmac 0x${nd.be64(opt + 8).toString(16)}`);
    if (len === 18) nd.print(` hmac 0x${nd.be64(opt + 10).toString(16)}`);
  } else {
    nd.print(` ${ip6addr(nd, opt + 4)}`);
    if (len === 22 || len === 30) nd.print(`:${nd.be16(opt + 20)}`);
    if (len === 28) nd.print(` hmac 0x${nd.be64(opt + 20).toString(16)}`);
    if (len === 30) nd.print(` hmac 0x${nd.be64(opt + 22).toString(16)}`);
  }
  return true;
};

const removeAddr: SubPrinter = (nd, opt, len) => {
  if (len < 4) return false;
  nd.print(' id');
  for (let i = 0; i < len - 3; i++) nd.print(` ${nd.u8(opt + 3 + i)}`);
  return true;
};

const prio: SubPrinter = (nd, opt, len) => {
  if (len !== 3 && len !== 4) return false;
  nd.print(nd.u8(opt + 2) & 0x01 ? ' backup' : ' non-backup');
  if (len === 4) nd.print(` id ${nd.u8(opt + 3)}`);
  return true;
};

const fail: SubPrinter = (nd, opt, len) => {
  if (len !== 12) return false;
  nd.print(` seq ${nd.be64(opt + 4).toString()}`);
  return true;
};

const fastClose: SubPrinter = (nd, opt, len) => {
  if (len !== 12) return false;
  nd.print(` key 0x${nd.be64(opt + 4).toString(16)}`);
  return true;
};

const SUBTYPES: ReadonlyArray<[string, SubPrinter]> = [
  ['capable', capable],
  ['join', join],
  ['dss', dss],
  ['add-addr', addAddr],
  ['rem-addr', removeAddr],
  ['prio', prio],
  ['fail', fail],
  ['fast-close', fastClose],
  ['unknown', () => true],
];

export function mptcpPrint(nd: Nd, opt: number, len: number, flags: number): boolean {
  nd.protocol = 'mptcp';
  if (len < 3) return false;
  const subtype = Math.min((nd.u8(opt + 2) >> 4) & 0xf, 8);
  const [name, printer] = SUBTYPES[subtype]!;
  nd.print(` ${len} ${name}`);
  return printer(nd, opt, len, flags);
}
