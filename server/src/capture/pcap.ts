// Classic pcap files (libpcap sf-pcap.c): both byte orders, microsecond and nanosecond magic,
// the "Kuznetzov" patched record header, and libpcap's length sanity rules.

import { i32, u16, u32, type ByteQueue } from './bytes';
import { adjustSnapLength, maxSnapLength } from './linkTypes';
import type { CaptureError, CaptureInterface, CapturedPacket } from './types';

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const MAGIC_KUZNETZOV = 0xa1b2cd34;
const FILE_HEADER = 24;

/** Is this the start of a pcap file (either byte order)? Needs 4 bytes. */
export function isPcapMagic(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const be = u32(b, 0, false);
  const le = u32(b, 0, true);
  return [MAGIC_MICRO, MAGIC_NANO, MAGIC_KUZNETZOV].some((m) => m === be || m === le);
}

type LengthsSwapped = 'no' | 'maybe' | 'yes';

export interface ParserOutput {
  interfaces: CaptureInterface[];
  emit(packet: Omit<CapturedPacket, 'index'>): void;
}

export class PcapParser {
  private little = false;
  private nano = false;
  private recordHeader = 16;
  private swapped: LengthsSwapped = 'no';
  private snapshot = 0;
  private linkType = 0;
  private started = false;
  private records = 0;

  /** Consumes every complete unit in `q`; returns an error when the file is corrupt. */
  parse(q: ByteQueue, out: ParserOutput): CaptureError | null {
    if (!this.started) {
      if (q.length < FILE_HEADER) return null;
      const error = this.header(q.peek(FILE_HEADER), q.offset, out);
      if (error) return error;
      q.consume(FILE_HEADER);
      this.started = true;
    }
    for (;;) {
      if (q.length < this.recordHeader) return null;
      const start = q.offset;
      const h = q.peek(this.recordHeader);
      let caplen = u32(h, 8, this.little);
      let len = u32(h, 12, this.little);
      if (this.swapped === 'yes' || (this.swapped === 'maybe' && caplen > len)) {
        [caplen, len] = [len, caplen];
      }
      const max = maxSnapLength(this.linkType);
      if (caplen > max) {
        const what =
          caplen > this.snapshot
            ? `bigger than snaplen of ${this.snapshot}`
            : `bigger than maximum of ${max}`;
        return this.fail(start, `invalid packet capture length ${caplen}, ${what}`);
      }
      if (q.length < this.recordHeader + caplen) return null;
      const kept = Math.min(caplen, this.snapshot);
      const body = q.peek(this.recordHeader + kept).slice(this.recordHeader);
      const sec = i32(h, 0, this.little);
      const frac = i32(h, 4, this.little);
      out.emit({
        offset: start,
        interfaceId: 0,
        linkType: this.linkType,
        timestamp: {
          seconds: sec,
          micros: this.nano ? Math.trunc(frac / 1000) : frac,
          nanos: this.nano ? frac : frac * 1000,
        },
        capturedLength: kept,
        originalLength: len,
        data: body,
      });
      q.consume(this.recordHeader + caplen);
      this.records++;
    }
  }

  /** Called at the end of input: leftover bytes mean the file was cut. */
  finish(q: ByteQueue): CaptureError | null {
    if (!this.started) {
      return this.fail(
        q.offset,
        `truncated dump file; tried to read ${FILE_HEADER} file header bytes, only got ${q.length}`,
      );
    }
    if (q.length === 0) return null;
    if (q.length < this.recordHeader) {
      return this.fail(
        q.offset,
        `truncated dump file; tried to read ${this.recordHeader} header bytes, only got ${q.length}`,
      );
    }
    const h = q.peek(this.recordHeader);
    let caplen = u32(h, 8, this.little);
    if (this.swapped === 'yes' || (this.swapped === 'maybe' && caplen > u32(h, 12, this.little))) {
      caplen = u32(h, 12, this.little);
    }
    return this.fail(
      q.offset,
      `truncated dump file; tried to read ${caplen} captured bytes, only got ${q.length - this.recordHeader}`,
    );
  }

  private fail(offset: number, message: string): CaptureError {
    const where = this.started ? `packet record ${this.records + 1}: ` : 'file header: ';
    return { offset, message: where + message };
  }

  private header(h: Uint8Array, offset: number, out: ParserOutput): CaptureError | null {
    const be = u32(h, 0, false);
    this.little = ![MAGIC_MICRO, MAGIC_NANO, MAGIC_KUZNETZOV].includes(be);
    const magic = u32(h, 0, this.little);
    this.nano = magic === MAGIC_NANO;
    this.recordHeader = magic === MAGIC_KUZNETZOV ? 24 : 16;
    const major = u16(h, 4, this.little);
    const minor = u16(h, 6, this.little);
    if (major < 2) return this.fail(offset, 'archaic pcap savefile format');
    if (!((major === 2 && minor <= 4) || (major === 543 && minor === 0))) {
      return this.fail(offset, `unsupported pcap savefile version ${major}.${minor}`);
    }
    this.swapped = major === 543 || minor < 3 ? 'yes' : minor === 3 ? 'maybe' : 'no';
    this.linkType = u32(h, 20, this.little) & 0x03ffffff;
    this.snapshot = adjustSnapLength(this.linkType, u32(h, 16, this.little));
    if (magic === MAGIC_KUZNETZOV && this.linkType === 1) this.snapshot += 14;
    out.interfaces.push({
      id: out.interfaces.length,
      linkType: this.linkType,
      snapLength: this.snapshot,
      name: null,
      timestampUnitsPerSecond: this.nano ? 1e9 : 1e6,
      timestampOffset: 0,
    });
    return null;
  }
}
