// The dissection context: a small TypeScript counterpart of tcpdump's `netdissect_options`.
//
// tcpdump's printers read the packet through bounds-checked GET_* macros. When a read would go
// past the captured bytes (`ndo_snapend`), the macro long-jumps back to the top level, which
// appends ` [|PROTOCOL]` to whatever was printed. `Nd` reproduces that: its readers throw
// `NdTruncated`, and only `renderPacketText` (packet.ts) catches it. Nothing escapes this folder.

import type { PacketPrintState } from './state';

/** Options that change what the printers print (a subset of tcpdump's flags). */
export interface PrintFlags {
  /** `-S`: absolute TCP sequence numbers. */
  absoluteSequence: boolean;
  /** Name of the interface with this index on the machine that reads the capture (SLL2). */
  interfaceName: (ifindex: number) => string | null;
}

/** Thrown by the readers when the captured bytes end; caught once per packet. */
export class NdTruncated extends Error {
  constructor() {
    super('truncated');
  }
}

export class Nd {
  /** Text printed so far for this packet. */
  out = '';
  /** Name used by ` [|name]` (tcpdump's `ndo_protocol`); printers set it as they go. */
  protocol = '';
  /** One past the last byte that may be read. */
  snapend: number;
  private readonly saved: number[] = [];

  constructor(
    readonly data: Uint8Array,
    caplen: number,
    readonly flags: PrintFlags,
    readonly state: PacketPrintState,
  ) {
    this.snapend = Math.min(caplen, data.length);
  }

  print(text: string): void {
    this.out += text;
  }

  /** tcpdump's `nd_print_trunc`. */
  printTrunc(): void {
    this.out += ` [|${this.protocol}]`;
  }

  /** tcpdump's `nd_print_invalid`. */
  printInvalid(): void {
    this.out += ' (invalid)';
  }

  /** ND_TTEST_LEN: are `len` bytes at `off` captured? */
  ttest(off: number, len: number): boolean {
    return len >= 0 && off >= 0 && off <= this.snapend && len <= this.snapend - off;
  }

  /** ND_TCHECK_LEN: like `ttest`, but stops the packet when the bytes are missing. */
  tcheck(off: number, len: number): void {
    if (!this.ttest(off, len)) throw new NdTruncated();
  }

  /** ND_BYTES_AVAILABLE_AFTER. */
  available(off: number): number {
    return off < 0 || off >= this.snapend ? 0 : this.snapend - off;
  }

  u8(off: number): number {
    this.tcheck(off, 1);
    return this.data[off]!;
  }

  be16(off: number): number {
    this.tcheck(off, 2);
    return (this.data[off]! << 8) | this.data[off + 1]!;
  }

  be24(off: number): number {
    this.tcheck(off, 3);
    return (this.data[off]! << 16) | (this.data[off + 1]! << 8) | this.data[off + 2]!;
  }

  be32(off: number): number {
    this.tcheck(off, 4);
    const d = this.data;
    return ((d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!) >>> 0;
  }

  be64(off: number): bigint {
    const hi = this.be32(off);
    const lo = this.be32(off + 4);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  le32(off: number): number {
    this.tcheck(off, 4);
    const d = this.data;
    return ((d[off + 3]! << 24) | (d[off + 2]! << 16) | (d[off + 1]! << 8) | d[off]!) >>> 0;
  }

  /** nd_push_snaplen: narrow the readable bytes to `len` from `off` (never widens). */
  pushSnaplen(off: number, len: number): void {
    this.saved.push(this.snapend);
    if (len <= this.snapend - off) this.snapend = off + len;
  }

  /** nd_change_snaplen: re-narrow the top entry, bounded by the end saved below it. */
  changeSnaplen(off: number, len: number): void {
    const previous = this.saved.length >= 2 ? this.saved[this.saved.length - 2]! : this.snapend;
    if (len <= previous - off) this.snapend = off + len;
  }

  /** nd_pop_packet_info. */
  popSnaplen(): void {
    const end = this.saved.pop();
    if (end !== undefined) this.snapend = end;
  }
}
