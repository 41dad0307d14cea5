// The tcpdump text of a capture: one string per output line, as `tcpdump -nn -r FILE` prints
// it (tcpdump 4.99.3), plus an incremental renderer for streamed packets.

import { printPacketBody, invalidHeader } from './print/packet';
import { newPacketPrintState, type PacketPrintState } from './print/state';
import {
  formatTimestamp,
  type DeltaReference,
  type TimeZone,
  type TimestampStyle,
} from './timestamp';
import type { Capture, CapturedPacket } from './types';

export interface RenderOptions {
  /** Timestamp form (tcpdump's -t flags). Default `'time'` (`HH:MM:SS.ffffff`). */
  timestamps?: TimestampStyle;
  /** `--nano`: nine fraction digits. Default false. */
  nano?: boolean;
  /** Time zone of the `time` and `date-time` forms. Default `'UTC'`. */
  timeZone?: TimeZone;
  /** `-S`: absolute TCP sequence numbers. Default false (relative, tcpdump's default). */
  absoluteSequence?: boolean;
  /** `-#`: prefix each packet with its number (`%5u  `). Default false. */
  packetNumbers?: boolean;
  /**
   * Interface names for LINUX_SLL2 (`-i any`) captures. tcpdump asks the machine that reads
   * the file (if_indextoname), so the names depend on that machine; `?` when unknown.
   * Default: index 1 is `lo` (always true on Linux), every other index is `?`.
   */
  interfaceNames?: Record<number, string> | ((ifindex: number) => string | null);
}

const DEFAULT_INTERFACES: Record<number, string> = { 1: 'lo' };

/** Renders packets one at a time, keeping tcpdump's state between them. */
export class TcpdumpTextRenderer {
  private readonly state: PacketPrintState = newPacketPrintState();
  private readonly delta: DeltaReference = { ref: null };
  private count = 0;

  constructor(private readonly options: RenderOptions = {}) {}

  /** The output lines of one packet. Never throws. */
  render(packet: CapturedPacket): string[] {
    this.count++;
    try {
      return this.renderUnsafe(packet).split('\n');
    } catch (e) {
      return [`[capture: internal error on packet ${packet.index + 1}: ${String(e)}]`];
    }
  }

  private renderUnsafe(packet: CapturedPacket): string {
    const o = this.options;
    const prefix = o.packetNumbers ? `${String(this.count).padStart(5)}  ` : '';
    const invalid = invalidHeader(packet.capturedLength, packet.originalLength);
    if (invalid) return prefix + invalid;
    const names = o.interfaceNames ?? DEFAULT_INTERFACES;
    const interfaceName =
      typeof names === 'function' ? names : (i: number): string | null => names[i] ?? null;
    const ts = formatTimestamp(
      packet.timestamp,
      o.timestamps ?? 'time',
      o.nano ?? false,
      o.timeZone ?? 'UTC',
      this.delta,
    );
    const body = printPacketBody(
      packet,
      { absoluteSequence: o.absoluteSequence ?? false, interfaceName },
      this.state,
    );
    return prefix + ts + body;
  }
}

/** Every output line of the capture's packets, as `tcpdump -nn -r FILE` would print them. */
export function renderTcpdumpText(
  capture: Pick<Capture, 'packets'>,
  options: RenderOptions = {},
): string[] {
  const renderer = new TcpdumpTextRenderer(options);
  const lines: string[] = [];
  for (const p of capture.packets) for (const l of renderer.render(p)) lines.push(l);
  return lines;
}
