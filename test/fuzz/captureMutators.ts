// Capture-file mutators: real pcap and pcapng files (test/baseline/pcap, and tcpdump's own when
// ../shared is present) flipped, truncated, with header fields set to extreme values, link types
// swapped, records spliced, converted to pcapng with odd options, or packets of random bytes
// behind valid headers.
import {
  PcapngBuilder,
  concat,
  ethernet,
  ipv4,
  ipv6,
  nullLink,
  pcapFile,
  sll,
  sll2,
  tcp,
  u32,
} from '../capture/builders';
import type { CaptureFile } from './corpus';
import type { Rng } from './prng';

export interface CaptureMutator {
  name: string;
  weight: number;
  make(rng: Rng, files: CaptureFile[]): Uint8Array;
}

interface PcapLayout {
  little: boolean;
  nano: boolean;
  linkType: number;
  /** Offset of each record header. */
  records: number[];
}

/** Reads a pcap file's layout (null for pcapng or anything else). */
export function pcapLayout(bytes: Uint8Array): PcapLayout | null {
  if (bytes.length < 24) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = dv.getUint32(0, false);
  const le = dv.getUint32(0, true);
  const magics = [0xa1b2c3d4, 0xa1b23c4d];
  let little: boolean;
  if (magics.includes(le)) little = true;
  else if (magics.includes(be)) little = false;
  else return null;
  const nano = dv.getUint32(0, little) === 0xa1b23c4d;
  const records: number[] = [];
  let off = 24;
  while (off + 16 <= bytes.length) {
    records.push(off);
    off += 16 + dv.getUint32(off + 8, little);
  }
  return { little, nano, linkType: dv.getUint32(20, little), records };
}

/** Offsets of the 32-bit fields worth breaking: header fields and every record's lengths. */
function fieldOffsets(bytes: Uint8Array): number[] {
  const layout = pcapLayout(bytes);
  if (layout) {
    const out = [4, 8, 12, 16, 20];
    for (const r of layout.records) out.push(r, r + 4, r + 8, r + 12);
    return out;
  }
  // pcapng: every block's type and both lengths, and the first words of each body.
  const out: number[] = [];
  if (bytes.length < 12) return [0];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = dv.getUint32(8, true) === 0x1a2b3c4d;
  let off = 0;
  while (off + 12 <= bytes.length) {
    const len = dv.getUint32(off + 4, little);
    out.push(off, off + 4, off + 8, off + 12, off + 16, off + 20, off + 24);
    if (len >= 12 && off + len <= bytes.length) out.push(off + len - 4);
    if (len < 12 || len % 4 !== 0) break;
    off += len;
  }
  return out.filter((o) => o + 4 <= bytes.length);
}

const EXTREMES = [
  0, 1, 2, 3, 4, 11, 12, 13, 15, 16, 24, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 65535, 65536,
  262144, 262145, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
];

const LINK_TYPES = [0, 1, 9, 12, 14, 50, 101, 108, 113, 129, 228, 229, 242, 276, 147, 0xffff];

function setU32(bytes: Uint8Array, off: number, value: number, little: boolean): void {
  const b = u32(value >>> 0, little);
  for (let i = 0; i < 4 && off + i < bytes.length; i++) bytes[off + i] = b[i]!;
}

function isLittle(bytes: Uint8Array): boolean {
  const layout = pcapLayout(bytes);
  if (layout) return layout.little;
  if (bytes.length < 12) return true;
  return (
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true) === 0x1a2b3c4d
  );
}

function pickFile(rng: Rng, files: CaptureFile[]): Uint8Array {
  // Small files are cheaper to mutate many times; big ones are still drawn now and then.
  const small = files.filter((f) => f.bytes.length <= 64 * 1024);
  const pool = small.length > 0 && rng.chance(0.85) ? small : files;
  return pool.length > 0 ? rng.pick(pool).bytes.slice() : randomPackets(rng);
}

function bitFlip(rng: Rng, files: CaptureFile[]): Uint8Array {
  const bytes = pickFile(rng, files);
  const flips = rng.small(64);
  // Mostly past the file header, where the packet printers read.
  for (let k = 0; k < flips && bytes.length > 0; k++) {
    const i =
      rng.chance(0.9) && bytes.length > 40
        ? 24 + rng.int(bytes.length - 24)
        : rng.int(bytes.length);
    bytes[i] = rng.chance(0.5) ? bytes[i]! ^ (1 << rng.int(8)) : rng.int(256);
  }
  return bytes;
}

function truncate(rng: Rng, files: CaptureFile[]): Uint8Array {
  const bytes = pickFile(rng, files);
  const layout = pcapLayout(bytes);
  // Cut inside a record header, inside packet data, or at a random byte.
  if (layout && layout.records.length > 0 && rng.chance(0.6)) {
    const r = rng.pick(layout.records);
    return bytes.slice(0, Math.min(bytes.length, r + rng.int(40)));
  }
  return bytes.slice(0, rng.int(bytes.length + 1));
}

function extremeField(rng: Rng, files: CaptureFile[]): Uint8Array {
  const bytes = pickFile(rng, files);
  const little = isLittle(bytes);
  const offsets = fieldOffsets(bytes);
  for (let k = rng.small(4); k > 0; k--) {
    const off = rng.pick(offsets);
    const value = rng.chance(0.8) ? rng.pick(EXTREMES) : rng.next();
    setU32(bytes, off, value, little);
  }
  return bytes;
}

function linkType(rng: Rng, files: CaptureFile[]): Uint8Array {
  const bytes = pickFile(rng, files);
  const layout = pcapLayout(bytes);
  const value = rng.chance(0.9) ? rng.pick(LINK_TYPES) : rng.int(0x10000);
  if (layout) {
    setU32(bytes, 20, value, layout.little);
    return bytes;
  }
  // pcapng: the link type of the first Interface Description Block.
  const little = isLittle(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  while (off + 12 <= bytes.length) {
    const type = dv.getUint32(off, little);
    const len = dv.getUint32(off + 4, little);
    if (type === 1 && off + 10 <= bytes.length) {
      dv.setUint16(off + 8, value, little);
      break;
    }
    if (len < 12) break;
    off += len;
  }
  return bytes;
}

function spliceRecords(rng: Rng, files: CaptureFile[]): Uint8Array {
  const bytes = pickFile(rng, files);
  const layout = pcapLayout(bytes);
  if (!layout || layout.records.length === 0) return concat(bytes, rng.bytes(rng.small(256)));
  const records: Uint8Array[] = layout.records.map((r, i) =>
    bytes.slice(r, layout.records[i + 1] ?? bytes.length),
  );
  switch (rng.int(4)) {
    case 0: {
      const i = rng.int(records.length);
      records.splice(i, 0, ...Array<Uint8Array>(rng.small(50)).fill(records[i]!));
      break;
    }
    case 1:
      for (let i = records.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [records[i], records[j]] = [records[j]!, records[i]!];
      }
      break;
    case 2:
      records.splice(rng.int(records.length), 0, rng.bytes(rng.small(64)));
      break;
    default: {
      // Another file appended whole, header included.
      return concat(bytes, pickFile(rng, files));
    }
  }
  return concat(bytes.slice(0, 24), ...records);
}

/** A pcap file re-written as pcapng, with odd interface options, then perhaps broken further. */
function toPcapng(rng: Rng, files: CaptureFile[]): Uint8Array {
  const bytes = pickFile(rng, files);
  const layout = pcapLayout(bytes);
  if (!layout) return bytes;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b = new PcapngBuilder(rng.chance(0.5));
  b.shb();
  const resolution = rng.pick([undefined, 6, 9, 0, 3, 0x80 | rng.int(64), 0x7f, 0xff]);
  b.idb({
    linkType: layout.linkType,
    snaplen: rng.pick([0, 65535, 262144, 0xffffffff]),
    tsresol: resolution,
    tsoffset: rng.chance(0.2) ? rng.next() : undefined,
    name: rng.chance(0.3) ? rng.pick(['eth0', '', 'x'.repeat(300), '\u00ff\u00fe']) : undefined,
  });
  if (rng.chance(0.2)) b.idb({ linkType: rng.pick(LINK_TYPES), tsresol: rng.int(256) });
  for (const r of layout.records.slice(0, 400)) {
    const caplen = dv.getUint32(r + 8, layout.little);
    const data = bytes.slice(r + 16, Math.min(bytes.length, r + 16 + caplen));
    const sec = BigInt(dv.getUint32(r, layout.little));
    const frac = BigInt(dv.getUint32(r + 4, layout.little));
    const units = sec * (layout.nano ? 1_000_000_000n : 1_000_000n) + frac;
    if (rng.chance(0.05)) b.spb(data);
    else if (rng.chance(0.03))
      b.raw(rng.pick([0x0bad, 5, 7, 0x80000001]), Array.from(rng.bytes(rng.small(64))));
    else b.epb(rng.chance(0.05) ? rng.int(4) : 0, units, data, dv.getUint32(r + 12, layout.little));
  }
  const out = b.bytes();
  return rng.chance(0.5) ? out : extremeField(rng, [{ name: 'pcapng', bytes: out }]);
}

const BUILDERS: Array<(payload: Uint8Array, rng: Rng) => { linkType: number; frame: Uint8Array }> =
  [
    (p) => ({ linkType: 1, frame: ethernet(0x0800, p) }),
    (p, r) => ({ linkType: 1, frame: ethernet(0x0800, p, [r.int(4096), r.int(4096)]) }),
    (p) => ({ linkType: 113, frame: sll(0, 0x0800, p) }),
    (p, r) => ({ linkType: 276, frame: sll2(r.int(4), 4, 0x0800, p) }),
    (p) => ({ linkType: 0, frame: nullLink(2, p) }),
    (p) => ({ linkType: 101, frame: p }),
    (p) => ({ linkType: 228, frame: p }),
  ];

/** Random TCP/IP packets: valid-looking headers with random fields, options and payload. */
function randomPackets(rng: Rng): Uint8Array {
  const records = [];
  for (let k = rng.range(1, 30); k > 0; k--) {
    const options = Array.from(rng.bytes(4 * rng.int(11)));
    const segment = tcp({
      sport: rng.int(65536),
      dport: rng.int(65536),
      seq: rng.next(),
      ack: rng.next(),
      flags: rng.pick(['S', 'S.', '.', 'P.', 'F.', 'R', 'R.', 'FSRP.UEW', '']),
      win: rng.int(65536),
      urg: rng.int(65536),
      options,
      payload: rng.bytes(rng.small(1500)),
    });
    if (rng.chance(0.2)) segment[12] = rng.int(256); // data offset nibble out of range
    const payload = rng.chance(0.75)
      ? ipv4({
          src: `${rng.int(256)}.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`,
          dst: '10.0.0.2',
          proto: rng.chance(0.9) ? 6 : rng.int(256),
          payload: segment,
          frag: rng.chance(0.8) ? 0x4000 : rng.int(0x10000),
          totalLength: rng.chance(0.8) ? undefined : rng.int(0x10000),
          options: rng.chance(0.2) ? Array.from(rng.bytes(4 * rng.range(1, 10))) : undefined,
        })
      : ipv6(
          'fd00::1',
          'fd00::2',
          rng.chance(0.9) ? 6 : rng.pick([0, 43, 44, 60, 59, rng.int(256)]),
          segment,
        );
    const { linkType, frame } = rng.pick(BUILDERS)(payload, rng);
    const cut = rng.chance(0.2) ? frame.slice(0, rng.int(frame.length + 1)) : frame;
    records.push({ linkType, data: cut, origLen: rng.chance(0.9) ? frame.length : rng.next() });
  }
  const linkType = records[0]!.linkType;
  return pcapFile({
    linkType,
    little: rng.chance(0.5),
    nano: rng.chance(0.3),
    snaplen: rng.pick([262144, 65535, 96, 0]),
    records: records.map((r, i) => ({
      sec: rng.chance(0.9) ? 1_700_000_000 + i : rng.next(),
      frac: rng.chance(0.9) ? rng.int(1_000_000) : rng.next(),
      data: r.data,
      origLen: r.origLen,
    })),
  });
}

export const captureMutators: CaptureMutator[] = [
  { name: 'pcap-bit-flip', weight: 6, make: bitFlip },
  { name: 'pcap-truncate', weight: 4, make: truncate },
  { name: 'pcap-extreme-field', weight: 5, make: extremeField },
  { name: 'pcap-link-type', weight: 3, make: linkType },
  { name: 'pcap-splice', weight: 2, make: spliceRecords },
  { name: 'pcapng-convert', weight: 4, make: toPcapng },
  { name: 'pcap-random-packets', weight: 4, make: (rng) => randomPackets(rng) },
];
