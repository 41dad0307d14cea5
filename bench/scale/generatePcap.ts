// Writes a pcap (Ethernet, IPv4, TCP) of many interleaved connections, each with a handshake,
// request/response data, some retransmissions and duplicate ACKs, and a close: input for the
// scale benchmarks. Deterministic for a given size. Usage: tsx generatePcap.ts PACKETS OUT.pcap
import * as fs from 'node:fs';

const MSS = 1448;

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checksum(buf: Buffer, start: number, end: number, initial = 0): number {
  let sum = initial;
  for (let i = start; i + 1 < end; i += 2) sum += buf.readUInt16BE(i);
  if ((end - start) % 2) sum += buf[end - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Segment {
  time: number;
  src: [number, number];
  dst: [number, number];
  seq: number;
  ack: number;
  flags: number;
  win: number;
  len: number;
  syn: boolean;
}

const F = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 };

function frame(s: Segment): Buffer {
  const opts = s.syn
    ? Buffer.from([2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7])
    : Buffer.alloc(0);
  const tcpLen = 20 + opts.length;
  const ipLen = 20 + tcpLen + s.len;
  const buf = Buffer.alloc(14 + ipLen);
  buf.writeUInt16BE(0x0800, 12);
  const ip = 14;
  buf[ip] = 0x45;
  buf.writeUInt16BE(ipLen, ip + 2);
  buf.writeUInt16BE(0x4000, ip + 6);
  buf[ip + 8] = 64;
  buf[ip + 9] = 6;
  buf.writeUInt32BE(s.src[0], ip + 12);
  buf.writeUInt32BE(s.dst[0], ip + 16);
  buf.writeUInt16BE(checksum(buf, ip, ip + 20), ip + 10);
  const t = ip + 20;
  buf.writeUInt16BE(s.src[1], t);
  buf.writeUInt16BE(s.dst[1], t + 2);
  buf.writeUInt32BE(s.seq >>> 0, t + 4);
  buf.writeUInt32BE(s.ack >>> 0, t + 8);
  buf[t + 12] = (tcpLen / 4) << 4;
  buf[t + 13] = s.flags;
  buf.writeUInt16BE(s.win, t + 14);
  opts.copy(buf, t + 20);
  for (let i = 0; i < s.len; i++) buf[t + tcpLen + i] = 0x61 + (i % 26);
  // Pseudo-header checksum.
  let pseudo =
    (s.src[0] >>> 16) +
    (s.src[0] & 0xffff) +
    (s.dst[0] >>> 16) +
    (s.dst[0] & 0xffff) +
    6 +
    tcpLen +
    s.len;
  while (pseudo > 0xffff) pseudo = (pseudo & 0xffff) + (pseudo >>> 16);
  buf.writeUInt16BE(checksum(buf, t, t + tcpLen + s.len, pseudo), t + 16);
  return buf;
}

/** The segments of one connection, starting at `start` seconds. */
function connection(r: () => number, id: number, start: number): Segment[] {
  const client: [number, number] = [
    (10 << 24) | (1 << 16) | (((id >> 8) & 0xff) << 8) | (id & 0xff),
    32768 + (id % 28000),
  ];
  const server: [number, number] = [(10 << 24) | (2 << 16) | (id % 7), 80 + (id % 3) * 363];
  const rtt = 0.0005 + r() * 0.02;
  let t = start;
  const out: Segment[] = [];
  let cs = Math.floor(r() * 2 ** 32);
  let ss = Math.floor(r() * 2 ** 32);
  const c2s = (flags: number, len: number, extra: Partial<Segment> = {}) =>
    out.push({
      time: t,
      src: client,
      dst: server,
      seq: cs,
      ack: ss,
      flags,
      win: 502,
      len,
      syn: false,
      ...extra,
    });
  const s2c = (flags: number, len: number, extra: Partial<Segment> = {}) =>
    out.push({
      time: t,
      src: server,
      dst: client,
      seq: ss,
      ack: cs,
      flags,
      win: 509,
      len,
      syn: false,
      ...extra,
    });
  c2s(F.SYN, 0, { ack: 0, syn: true, win: 64240 });
  cs++;
  t += rtt / 2;
  s2c(F.SYN | F.ACK, 0, { syn: true, win: 65160 });
  ss++;
  t += rtt / 2;
  c2s(F.ACK, 0);
  const request = 60 + Math.floor(r() * 400);
  c2s(F.PSH | F.ACK, request);
  cs += request;
  t += rtt / 2;
  s2c(F.ACK, 0);
  const segments = 2 + Math.floor(r() * 12);
  for (let i = 0; i < segments; i++) {
    const len = i === segments - 1 ? 1 + Math.floor(r() * MSS) : MSS;
    t += 0.0001;
    s2c(F.ACK | (i === segments - 1 ? F.PSH : 0), len);
    // Now and then a segment is sent again: a retransmission after the timeout.
    if (r() < 0.03) {
      const saved = ss;
      t += 0.2;
      s2c(F.ACK, len);
      ss = saved;
    }
    ss += len;
    if (i % 2 === 1 || i === segments - 1) {
      t += rtt / 2;
      c2s(F.ACK, 0);
    }
  }
  t += 0.001;
  c2s(F.FIN | F.ACK, 0);
  cs++;
  t += rtt / 2;
  s2c(F.FIN | F.ACK, 0);
  ss++;
  t += rtt / 2;
  c2s(F.ACK, 0);
  return out;
}

export function generate(packets: number): Buffer {
  const r = rng(packets);
  const all: Segment[] = [];
  let id = 0;
  while (all.length < packets) {
    // About 40 connections open at any time, interleaved.
    all.push(...connection(r, id, id * 0.005));
    id++;
  }
  all.sort((a, b) => a.time - b.time);
  const chunks: Buffer[] = [];
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  chunks.push(header);
  const base = 1_700_000_000;
  for (const s of all.slice(0, packets)) {
    const f = frame(s);
    const rec = Buffer.alloc(16);
    const secs = Math.floor(s.time);
    rec.writeUInt32LE(base + secs, 0);
    rec.writeUInt32LE(Math.floor((s.time - secs) * 1e6), 4);
    rec.writeUInt32LE(f.length, 8);
    rec.writeUInt32LE(f.length, 12);
    chunks.push(rec, f);
  }
  return Buffer.concat(chunks);
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 10000);
  const out = process.argv[3] ?? `/tmp/bench-${n}.pcap`;
  fs.writeFileSync(out, generate(n));
  console.log(`${out}: ${n} packets`);
}
