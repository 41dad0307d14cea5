// TCP (print-tcp.c `tcp_print`, tcpdump 4.99.3, no -v): endpoints, flags, relative or
// absolute sequence numbers, window, urgent pointer, options, length, then the application
// decoder chosen by port.

import { tcpPayloadPrint } from './app/dispatch';
import { bittok2strNosep, type Tok } from './format';
import { ip6addr, ipaddr } from './addr';
import { NdTruncated, type Nd } from './nd';
import { tcpOptionsPrint } from './tcpOptions';

export const TH = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PUSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

const FLAG_NAMES: Tok = [
  [TH.FIN, 'F'],
  [TH.SYN, 'S'],
  [TH.RST, 'R'],
  [TH.PUSH, 'P'],
  [TH.ACK, '.'],
  [TH.URG, 'U'],
  [TH.ECE, 'E'],
  [TH.CWR, 'W'],
];

/** Result of the relative-sequence step, needed by the SACK option printer. */
export interface SeqContext {
  rev: boolean;
  thseq: number;
  thack: number;
}

function keyBytes(nd: Nd, from: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(nd.data[from + i]!);
  return s;
}

function compareBytes(nd: Nd, a: number, b: number, len: number): number {
  for (let i = 0; i < len; i++) {
    const d = nd.data[a + i]! - nd.data[b + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * tcpdump's relative numbering: the first ACK-bearing segment of a conversation (and every
 * SYN with ACK set) records the bases — its seq for its side, ack-1 for the other — and prints
 * raw numbers; later ACK-bearing segments print offsets from the bases.
 */
function relativize(
  nd: Nd,
  iph: number,
  v6: boolean,
  sport: number,
  dport: number,
  flags: number,
  seqAck: [number, number],
): SeqContext {
  const alen = v6 ? 16 : 4;
  const src = iph + (v6 ? 8 : 12);
  const dst = src + alen;
  let rev = false;
  if (sport > dport) rev = true;
  else if (sport === dport && compareBytes(nd, src, dst, alen) > 0) rev = true;
  const key = rev
    ? `${keyBytes(nd, dst, alen)}${keyBytes(nd, src, alen)}${dport}:${sport}`
    : `${keyBytes(nd, src, alen)}${keyBytes(nd, dst, alen)}${sport}:${dport}`;
  const [seq, ack] = seqAck;
  let th = nd.state.tcpSeq.get(key);
  if (!th || flags & TH.SYN) {
    th = rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 };
    nd.state.tcpSeq.set(key, th);
  } else if (rev) {
    seqAck[0] = (seq - th.ack) >>> 0;
    seqAck[1] = (ack - th.seq) >>> 0;
  } else {
    seqAck[0] = (seq - th.seq) >>> 0;
    seqAck[1] = (ack - th.ack) >>> 0;
  }
  return { rev, thseq: th.seq, thack: th.ack };
}

export function tcpPrint(
  nd: Nd,
  off: number,
  length: number,
  iph: number,
  _fragmented: boolean,
): void {
  nd.protocol = 'tcp';
  const v6 = nd.u8(iph) >> 4 === 6;
  const srcAddr = (): string => (v6 ? ip6addr(nd, iph + 8) : ipaddr(nd, iph + 12));
  const dstAddr = (): string => (v6 ? ip6addr(nd, iph + 24) : ipaddr(nd, iph + 16));
  if (!nd.ttest(off + 2, 2)) {
    nd.print(`${srcAddr()} > ${dstAddr()}:`);
    nd.printTrunc();
    return;
  }
  const sport = nd.be16(off);
  const dport = nd.be16(off + 2);
  const nextHeader = nd.u8(iph + (v6 ? 6 : 9));
  if (nextHeader === 6) nd.print(`${srcAddr()}.${sport} > ${dstAddr()}.${dport}: `);
  else nd.print(`${sport} > ${dport}: `);
  if (!nd.ttest(off, 20)) {
    nd.printTrunc();
    return;
  }
  let hlen = (nd.u8(off + 12) >> 4) * 4;
  if (hlen < 20) {
    nd.print(` tcp ${(length - hlen) >>> 0} [bad hdr length ${hlen} - too short, < 20]`);
    return;
  }
  const seqAck: [number, number] = [nd.be32(off + 4), nd.be32(off + 8)];
  const win = nd.be16(off + 14);
  const urp = nd.be16(off + 18);
  const flags = nd.u8(off + 13);
  nd.print(`Flags [${bittok2strNosep(FLAG_NAMES, 'none', flags)}]`);
  let ctx: SeqContext = { rev: false, thseq: 0, thack: 0 };
  if (!nd.flags.absoluteSequence && flags & TH.ACK) {
    ctx = relativize(nd, iph, v6, sport, dport, flags, seqAck);
  }
  if (hlen > length) {
    nd.print(` [bad hdr length ${hlen} - too long, > ${length}]`);
    return;
  }
  const [seq, ack] = seqAck;
  length -= hlen;
  if (length > 0 || flags & (TH.SYN | TH.FIN | TH.RST)) {
    nd.print(`, seq ${seq}`);
    if (length > 0) nd.print(`:${(seq + length) >>> 0}`);
  }
  if (flags & TH.ACK) nd.print(`, ack ${ack}`);
  nd.print(`, win ${win}`);
  if (flags & TH.URG) nd.print(`, urg ${urp}`);
  if (hlen > 20) {
    if (!tcpOptionsPrint(nd, off, hlen, length, flags, ctx)) return;
  }
  nd.print(`, length ${length}`);
  if (length === 0) return;
  hlen = (nd.u8(off + 12) >> 4) * 4;
  if (!nd.ttest(off, hlen)) {
    nd.print(` [remaining caplen(${nd.available(off)}) < header length(${hlen})]`);
    throw new NdTruncated();
  }
  tcpPayloadPrint(nd, off + hlen, length, sport, dport);
}
