// pcapng files (libpcap sf-pcapng.c): sections in either byte order, interfaces with
// if_tsresol / if_tsoffset / if_name, Enhanced, Simple and (obsolete) Packet Blocks. Unknown
// blocks are skipped. Unlike libpcap, interfaces may have different link types.

import { u16, u32, u64, type ByteQueue } from './bytes';
import { adjustSnapLength } from './linkTypes';
import type { ParserOutput } from './pcap';
import type { CaptureError, CaptureTimestamp } from './types';

const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 0x00000001;
const BT_PB = 0x00000002;
const BT_SPB = 0x00000003;
const BT_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const SHB_INSANE_MAX = 1024 * 1024;
const MAX_BLOCK = 16 * 1024 * 1024;

/** Is this the start of a pcapng file? Needs 12 bytes (block type and byte-order magic). */
export function isPcapngMagic(b: Uint8Array): boolean {
  if (b.length < 12 || u32(b, 0, false) !== BT_SHB) return false;
  const bom = u32(b, 8, false);
  return bom === BYTE_ORDER_MAGIC || u32(b, 8, true) === BYTE_ORDER_MAGIC;
}

interface Iface {
  /** Index in the reader's global interface list. */
  global: number;
  linkType: number;
  snapshot: number;
  tsresol: bigint;
  binary: boolean;
  tsoffset: bigint;
}

export class PcapngParser {
  private little = false;
  private sections = 0;
  private ifaces: Iface[] = [];
  private sawInterface = false;
  private blocks = 0;

  parse(q: ByteQueue, out: ParserOutput): CaptureError | null {
    for (;;) {
      if (q.length < 8) return null;
      const start = q.offset;
      let head = q.peek(Math.min(q.length, 12));
      let type = u32(head, 0, this.little);
      if (u32(head, 0, false) === BT_SHB) {
        if (head.length < 12) return null;
        const bom = u32(head, 8, false);
        if (bom === BYTE_ORDER_MAGIC) this.little = false;
        else if (u32(head, 8, true) === BYTE_ORDER_MAGIC) this.little = true;
        else return this.fail(start, 'the file has a section with a bad byte order magic field');
        type = BT_SHB;
      }
      const total = u32(head, 4, this.little);
      if (type === BT_SHB && (total < 28 || total > SHB_INSANE_MAX)) {
        return this.fail(start, `Section Header Block has invalid length ${total}`);
      }
      if (total < 12) return this.fail(start, `block has a length of ${total} < 12`);
      if (total % 4 !== 0) {
        return this.fail(start, `block has a length of ${total} that is not a multiple of 4`);
      }
      if (total > MAX_BLOCK) return this.fail(start, `block size ${total} > maximum ${MAX_BLOCK}`);
      if (q.length < total) return null;
      head = q.peek(total);
      if (u32(head, total - 4, this.little) !== total) {
        return this.fail(start, "block total length in header and trailer don't match");
      }
      const body = head.subarray(8, total - 4);
      const error = this.block(type, body, start, out);
      if (error) return error;
      q.consume(total);
      this.blocks++;
    }
  }

  finish(q: ByteQueue): CaptureError | null {
    if (q.length > 0) {
      const head = q.peek(Math.min(q.length, 8));
      const need = head.length >= 8 ? u32(head, 4, this.little) : 8;
      return this.fail(
        q.offset,
        `truncated pcapng dump file; tried to read ${need} bytes, only got ${q.length}`,
      );
    }
    if (!this.sawInterface) {
      return this.fail(q.offset, 'the capture file has no Interface Description Blocks');
    }
    return null;
  }

  private fail(offset: number, message: string): CaptureError {
    return { offset, message: `block ${this.blocks + 1}: ${message}` };
  }

  private block(
    type: number,
    b: Uint8Array,
    start: number,
    out: ParserOutput,
  ): CaptureError | null {
    const short = (): CaptureError =>
      this.fail(start, `block of type ${type} in pcapng dump file is too short`);
    switch (type) {
      case BT_SHB: {
        const major = u16(b, 4, this.little);
        const minor = u16(b, 6, this.little);
        if (major !== 1 || (this.sections === 0 && minor !== 0 && minor !== 2)) {
          return this.fail(start, `unsupported pcapng savefile version ${major}.${minor}`);
        }
        this.sections++;
        this.ifaces = [];
        return null;
      }
      case BT_IDB:
        return this.interface(b, start, out);
      case BT_EPB:
      case BT_PB: {
        if (b.length < 20) return short();
        const iface = type === BT_EPB ? u32(b, 0, this.little) : u16(b, 0, this.little);
        const t = (BigInt(u32(b, 4, this.little)) << 32n) | BigInt(u32(b, 8, this.little));
        const caplen = u32(b, 12, this.little);
        const len = u32(b, 16, this.little);
        return this.packet(iface, t, caplen, len, b, 20, start, out);
      }
      case BT_SPB: {
        if (b.length < 4) return short();
        const first = this.ifaces[0];
        const len = u32(b, 0, this.little);
        const caplen = first ? Math.min(len, first.snapshot) : len;
        return this.packet(0, 0n, caplen, len, b, 4, start, out);
      }
      default:
        return null;
    }
  }

  private packet(
    ifaceId: number,
    t: bigint,
    caplen: number,
    len: number,
    b: Uint8Array,
    dataStart: number,
    start: number,
    out: ParserOutput,
  ): CaptureError | null {
    if (!this.sawInterface) {
      return this.fail(
        start,
        'the capture file has a packet block before any Interface Description Blocks',
      );
    }
    const iface = this.ifaces[ifaceId];
    if (!iface) {
      return this.fail(
        start,
        `a packet arrived on interface ${ifaceId}, but there's no Interface Description Block for that interface`,
      );
    }
    if (caplen > iface.snapshot) {
      return this.fail(
        start,
        `invalid packet capture length ${caplen}, bigger than snaplen of ${iface.snapshot}`,
      );
    }
    if (b.length - dataStart < caplen) {
      return this.fail(start, `packet block is too short for its captured length ${caplen}`);
    }
    out.emit({
      offset: start,
      interfaceId: iface.global,
      linkType: iface.linkType,
      timestamp: timestampOf(iface, t),
      capturedLength: caplen,
      originalLength: len,
      data: b.slice(dataStart, dataStart + caplen),
    });
    return null;
  }

  private interface(b: Uint8Array, start: number, out: ParserOutput): CaptureError | null {
    if (b.length < 8) {
      return this.fail(start, `block of type ${BT_IDB} in pcapng dump file is too short`);
    }
    const linkType = u16(b, 0, this.little);
    const snapshot = adjustSnapLength(linkType, u32(b, 4, this.little));
    let tsresol = 1000000n;
    let binary = false;
    let tsoffset = 0n;
    let name: string | null = null;
    let sawResol = false;
    let sawOffset = false;
    let p = 8;
    while (p < b.length) {
      if (b.length - p < 4)
        return this.fail(start, 'Interface Description Block option is cut short');
      const code = u16(b, p, this.little);
      const len = u16(b, p + 2, this.little);
      const padded = Math.ceil(len / 4) * 4;
      if (b.length - p - 4 < padded) {
        return this.fail(start, 'Interface Description Block option value is cut short');
      }
      const v = b.subarray(p + 4, p + 4 + len);
      p += 4 + padded;
      if (code === 0) break;
      if (code === 9) {
        if (len !== 1 || sawResol) {
          return this.fail(start, `Interface Description Block has a bad if_tsresol option`);
        }
        sawResol = true;
        const r = v[0]!;
        if (r & 0x80) {
          if ((r & 0x7f) > 63) return this.fail(start, 'if_tsresol resolution is too high');
          binary = true;
          tsresol = 1n << BigInt(r & 0x7f);
        } else {
          if (r > 19) return this.fail(start, 'if_tsresol resolution is too high');
          tsresol = 10n ** BigInt(r);
        }
      } else if (code === 14) {
        if (len !== 8 || sawOffset) {
          return this.fail(start, `Interface Description Block has a bad if_tsoffset option`);
        }
        sawOffset = true;
        tsoffset = u64(v, 0, this.little);
      } else if (code === 2) {
        name = latin1(v).replace(/\0+$/, '');
      }
    }
    const global = out.interfaces.length;
    out.interfaces.push({
      id: global,
      linkType,
      snapLength: snapshot,
      name,
      timestampUnitsPerSecond: Number(tsresol),
      timestampOffset: Number(BigInt.asIntN(64, tsoffset)),
    });
    this.ifaces.push({ global, linkType, snapshot, tsresol, binary, tsoffset });
    this.sawInterface = true;
    return null;
  }
}

function latin1(v: Uint8Array): string {
  let s = '';
  for (const c of v) s += String.fromCharCode(c);
  return s;
}

/** sf-pcapng.c: seconds and fraction, scaled to the µs and ns a reader would hand out. */
function timestampOf(iface: Iface, t: bigint): CaptureTimestamp {
  const sec = BigInt.asIntN(64, t / iface.tsresol + iface.tsoffset);
  const frac = t % iface.tsresol;
  const scale = (user: bigint): number => {
    let f = frac;
    if (iface.tsresol === user) f = frac;
    else if (iface.binary) f = BigInt.asUintN(64, frac * user) / iface.tsresol;
    else if (iface.tsresol > user) f = frac / (iface.tsresol / user);
    else f = BigInt.asUintN(64, frac * (user / iface.tsresol));
    return Number(BigInt.asIntN(32, f));
  };
  return { seconds: Number(sec), micros: scale(1000000n), nanos: scale(1000000000n) };
}
