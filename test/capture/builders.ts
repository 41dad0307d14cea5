// Small byte builders for hand-made captures: file formats (pcap, pcapng), link layers
// (Ethernet, VLAN, SLL, SLL2, NULL) and packets (IPv4, IPv6, TCP, UDP, ICMP, ARP).

export type Bytes = Uint8Array;

export function concat(...parts: Array<Bytes | number[]>): Bytes {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

export function u16(v: number, little = false): number[] {
  return little ? [v & 0xff, (v >>> 8) & 0xff] : [(v >>> 8) & 0xff, v & 0xff];
}

export function u32(v: number, little = false): number[] {
  const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return little ? b.reverse() : b;
}

export function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function checksum(bytes: Bytes): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export const ip4 = (text: string): number[] => text.split('.').map(Number);

export function ip6(text: string): number[] {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const words = (s: string | null | undefined): number[] =>
    s
      ? s
          .split(':')
          .filter((w) => w !== '')
          .map((w) => parseInt(w, 16))
      : [];
  const h = words(head);
  const t = words(tail);
  const all =
    tail === null ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((w) => u16(w));
}

export const mac = (text: string): number[] => text.split(':').map((x) => parseInt(x, 16));

// ---------------------------------------------------------------- transport

export interface TcpSpec {
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** Letters as tcpdump prints them: F S R P . U E W. */
  flags: string;
  win?: number;
  urg?: number;
  options?: number[];
  payload?: Bytes | number[];
}

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, '.': 16, U: 32, E: 64, W: 128 };

export function tcp(s: TcpSpec): Bytes {
  const opts = s.options ?? [];
  if (opts.length % 4 !== 0) throw new Error('TCP options must be padded to 4 bytes');
  let flags = 0;
  for (const c of s.flags) flags |= FLAG_BITS[c] ?? 0;
  const hlen = 20 + opts.length;
  return concat(
    u16(s.sport),
    u16(s.dport),
    u32(s.seq),
    u32(s.ack ?? 0),
    [(hlen / 4) << 4, flags],
    u16(s.win ?? 65535),
    [0, 0],
    u16(s.urg ?? 0),
    opts,
    s.payload ?? [],
  );
}

export function udp(sport: number, dport: number, payload: Bytes | number[]): Bytes {
  const p = payload instanceof Uint8Array ? payload : Uint8Array.from(payload);
  return concat(u16(sport), u16(dport), u16(8 + p.length), [0, 0], p);
}

export function icmpEcho(request: boolean, id: number, seq: number, data: number[] = []): Bytes {
  return concat([request ? 8 : 0, 0, 0, 0], u16(id), u16(seq), data);
}

export function icmp6Echo(request: boolean, id: number, seq: number): Bytes {
  return concat([request ? 128 : 129, 0, 0, 0], u16(id), u16(seq));
}

// ---------------------------------------------------------------- network

export interface Ip4Spec {
  src: string;
  dst: string;
  proto: number;
  payload: Bytes;
  id?: number;
  /** Flags and fragment offset field (DF = 0x4000, MF = 0x2000, offset in 8-byte units). */
  frag?: number;
  ttl?: number;
  options?: number[];
  /** Overrides the total length field. */
  totalLength?: number;
}

export function ipv4(s: Ip4Spec): Bytes {
  const opts = s.options ?? [];
  const hlen = 20 + opts.length;
  const header = concat(
    [0x40 | (hlen / 4), 0],
    u16(s.totalLength ?? hlen + s.payload.length),
    u16(s.id ?? 1),
    u16(s.frag ?? 0x4000),
    [s.ttl ?? 64, s.proto],
    [0, 0],
    ip4(s.src),
    ip4(s.dst),
    opts,
  );
  const sum = checksum(header);
  header[10] = sum >> 8;
  header[11] = sum & 0xff;
  return concat(header, s.payload);
}

export function ipv6(src: string, dst: string, nextHeader: number, payload: Bytes): Bytes {
  return concat(
    [0x60, 0, 0, 0],
    u16(payload.length),
    [nextHeader, 64],
    ip6(src),
    ip6(dst),
    payload,
  );
}

/** An IPv6 hop-by-hop or destination-options header padded with PadN to 8 bytes. */
export function ip6Options(nextHeader: number): number[] {
  return [nextHeader, 0, 1, 4, 0, 0, 0, 0];
}

export function ip6Fragment(
  nextHeader: number,
  offset: number,
  more: boolean,
  id: number,
): number[] {
  return [nextHeader, 0, ...u16((offset << 3) | (more ? 1 : 0)), ...u32(id)];
}

export function arp(op: 1 | 2, sha: string, spa: string, tha: string, tpa: string): Bytes {
  return concat(u16(1), u16(0x0800), [6, 4], u16(op), mac(sha), ip4(spa), mac(tha), ip4(tpa));
}

// ---------------------------------------------------------------- link layers

export const MAC_A = '02:00:00:00:00:0a';
export const MAC_B = '02:00:00:00:00:0b';

export function ethernet(type: number, payload: Bytes, vlans: number[] = []): Bytes {
  const tags = vlans.flatMap((tag, i) => [
    ...u16(i === 0 && vlans.length > 1 ? 0x88a8 : 0x8100),
    ...u16(tag),
  ]);
  return concat(mac(MAC_B), mac(MAC_A), tags, u16(type), payload);
}

export function sll(pkttype: number, type: number, payload: Bytes): Bytes {
  return concat(u16(pkttype), u16(1), u16(6), mac(MAC_A), [0, 0], u16(type), payload);
}

export function sll2(ifindex: number, pkttype: number, type: number, payload: Bytes): Bytes {
  return concat(u16(type), [0, 0], u32(ifindex), u16(1), [pkttype, 6], mac(MAC_A), [0, 0], payload);
}

export function nullLink(family: number, payload: Bytes, little = true): Bytes {
  return concat(u32(family, little), payload);
}

// ---------------------------------------------------------------- files

export interface PcapRecord {
  sec: number;
  /** Microseconds, or nanoseconds in a nanosecond file. */
  frac: number;
  data: Bytes;
  /** Length on the wire; defaults to the data length. */
  origLen?: number;
}

export interface PcapSpec {
  linkType: number;
  little?: boolean;
  nano?: boolean;
  snaplen?: number;
  records: PcapRecord[];
}

export function pcapFile(s: PcapSpec): Bytes {
  const le = s.little ?? true;
  const magic = s.nano ? 0xa1b23c4d : 0xa1b2c3d4;
  const parts: Array<Bytes | number[]> = [
    u32(magic, le),
    u16(2, le),
    u16(4, le),
    u32(0, le),
    u32(0, le),
    u32(s.snaplen ?? 262144, le),
    u32(s.linkType, le),
  ];
  for (const r of s.records) {
    parts.push(
      u32(r.sec, le),
      u32(r.frac, le),
      u32(r.data.length, le),
      u32(r.origLen ?? r.data.length, le),
      r.data,
    );
  }
  return concat(...parts);
}

function pad4(bytes: number[]): number[] {
  return [...bytes, ...new Array<number>((4 - (bytes.length % 4)) % 4).fill(0)];
}

function block(type: number, body: number[], le: boolean): number[] {
  const b = pad4(body);
  const total = 12 + b.length;
  return [...u32(type, le), ...u32(total, le), ...b, ...u32(total, le)];
}

function option(code: number, value: number[], le: boolean): number[] {
  return [...u16(code, le), ...u16(value.length, le), ...pad4(value)];
}

export interface PcapngInterface {
  linkType: number;
  snaplen?: number;
  /** if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n). */
  tsresol?: number;
  /** if_tsoffset in seconds. */
  tsoffset?: number;
  name?: string;
}

/** Builds pcapng blocks in one byte order; concatenate sections for multi-section files. */
export class PcapngBuilder {
  private readonly parts: number[] = [];
  constructor(private readonly le = true) {}

  shb(): this {
    const body = [
      ...u32(0x1a2b3c4d, this.le),
      ...u16(1, this.le),
      ...u16(0, this.le),
      ...new Array<number>(8).fill(0xff),
    ];
    this.parts.push(...block(0x0a0d0d0a, body, this.le));
    return this;
  }

  idb(i: PcapngInterface): this {
    const opts: number[] = [];
    if (i.name !== undefined) opts.push(...option(2, ascii(i.name), this.le));
    if (i.tsresol !== undefined) opts.push(...option(9, [i.tsresol], this.le));
    if (i.tsoffset !== undefined) {
      const value = this.le
        ? [...u32(i.tsoffset, true), 0, 0, 0, 0]
        : [0, 0, 0, 0, ...u32(i.tsoffset)];
      opts.push(...option(14, value, this.le));
    }
    if (opts.length) opts.push(...option(0, [], this.le));
    const body = [...u16(i.linkType, this.le), 0, 0, ...u32(i.snaplen ?? 262144, this.le), ...opts];
    this.parts.push(...block(1, body, this.le));
    return this;
  }

  /** Enhanced Packet Block; `units` is the raw timestamp in the interface's resolution. */
  epb(iface: number, units: bigint, data: Bytes, origLen = data.length): this {
    const hi = Number(units >> 32n);
    const lo = Number(units & 0xffffffffn);
    const body = [
      ...u32(iface, this.le),
      ...u32(hi, this.le),
      ...u32(lo, this.le),
      ...u32(data.length, this.le),
      ...u32(origLen, this.le),
      ...data,
    ];
    this.parts.push(...block(6, body, this.le));
    return this;
  }

  spb(data: Bytes, origLen = data.length): this {
    this.parts.push(...block(3, [...u32(origLen, this.le), ...data], this.le));
    return this;
  }

  /** Any other block type (skipped by readers). */
  raw(type: number, body: number[]): this {
    this.parts.push(...block(type, body, this.le));
    return this;
  }

  bytes(): Bytes {
    return Uint8Array.from(this.parts);
  }
}
