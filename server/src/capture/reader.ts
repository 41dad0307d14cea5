// Capture-file reading: format detection, an incremental reader that takes the file in chunks,
// and `readCapture` for a whole file in memory. Never throws: problems become `error`.

import { ByteQueue } from './bytes';
import { PcapParser, isPcapMagic, type ParserOutput } from './pcap';
import { PcapngParser, isPcapngMagic } from './pcapng';
import type {
  Capture,
  CaptureError,
  CaptureFormat,
  CaptureInterface,
  CapturedPacket,
} from './types';

/**
 * Recognises a capture file by its first bytes: pcap needs 4 (magic a1b2c3d4 / a1b23c4d /
 * a1b2cd34 in either byte order), pcapng 12 (block type 0a0d0d0a and byte-order magic
 * 1a2b3c4d). Returns null for anything else, including text.
 */
export function detectCaptureFormat(bytes: Uint8Array): CaptureFormat | null {
  if (isPcapMagic(bytes)) return 'pcap';
  if (isPcapngMagic(bytes)) return 'pcapng';
  return null;
}

export interface ReadOptions {
  /** Stop after this many packets (the rest of the input is ignored, no error). */
  maxPackets?: number;
}

/**
 * Reads a capture incrementally: `push` each chunk as it arrives and get the packets completed
 * by it, then call `end`. After an error, further input is ignored.
 */
export class CaptureReader {
  format: CaptureFormat | null = null;
  readonly interfaces: CaptureInterface[] = [];
  readonly linkTypes: number[] = [];
  error: CaptureError | null = null;
  /** Packets returned so far. */
  packetCount = 0;
  private readonly queue = new ByteQueue();
  private parser: PcapParser | PcapngParser | null = null;
  private done = false;

  constructor(private readonly options: ReadOptions = {}) {}

  push(chunk: Uint8Array): CapturedPacket[] {
    const packets: CapturedPacket[] = [];
    if (this.done || this.error) return packets;
    try {
      this.queue.push(chunk);
      if (this.parser || this.detect(false)) this.run(packets);
      this.queue.ownLast();
    } catch (e) {
      this.error = { offset: this.queue.offset, message: `internal error: ${String(e)}` };
    }
    return packets;
  }

  /** Ends the input; returns the error, if any (truncated file, not a capture…). */
  end(): CaptureError | null {
    if (this.done || this.error) return this.error;
    try {
      if (!this.parser) this.detect(true);
      if (this.parser && !this.error) this.error = this.parser.finish(this.queue);
    } catch (e) {
      this.error = { offset: this.queue.offset, message: `internal error: ${String(e)}` };
    }
    this.done = true;
    return this.error;
  }

  private detect(final: boolean): boolean {
    const head = this.queue.peek(Math.min(this.queue.length, 12));
    if (isPcapMagic(head)) {
      this.format = 'pcap';
      this.parser = new PcapParser();
    } else if (isPcapngMagic(head)) {
      this.format = 'pcapng';
      this.parser = new PcapngParser();
    } else if (head.length >= 12 || final) {
      this.error = {
        offset: 0,
        message:
          head.length < 4
            ? `file is too short (${head.length} bytes) to be a pcap or pcapng file`
            : 'not a pcap or pcapng file (unknown magic number)',
      };
    }
    return this.parser !== null;
  }

  private run(packets: CapturedPacket[]): void {
    const parser = this.parser;
    if (!parser) return;
    const max = this.options.maxPackets ?? Infinity;
    const out: ParserOutput = {
      interfaces: this.interfaces,
      emit: (p) => {
        if (this.packetCount >= max) return;
        packets.push({ index: this.packetCount++, ...p });
      },
    };
    const error = parser.parse(this.queue, out);
    for (const i of this.interfaces) {
      if (!this.linkTypes.includes(i.linkType)) {
        this.linkTypes.push(i.linkType);
      }
    }
    if (error) this.error = error;
    if (this.packetCount >= max) this.done = true;
  }
}

/** Reads a whole capture file held in memory. */
export function readCapture(bytes: Uint8Array, options: ReadOptions = {}): Capture {
  const reader = new CaptureReader(options);
  const packets = reader.push(bytes);
  const error = reader.end();
  return {
    format: reader.format,
    linkTypes: [...reader.linkTypes],
    interfaces: [...reader.interfaces],
    packets,
    error,
  };
}
