import type { CaptureError, TimestampStyle } from '../capture';
import { CaptureReader, TcpdumpTextRenderer, detectCaptureFormat } from '../capture';

export function isCaptureFile(head: Uint8Array): boolean {
  return detectCaptureFormat(head) !== null;
}

/** What reading a capture found: known once its last chunk is read. */
export interface CaptureOutcome {
  error: CaptureError | null;
  packets: number;
}

/** A capture's packets rendered as `tcpdump -n -r` prints them, as its chunks are read. */
class CaptureText {
  readonly #reader = new CaptureReader();
  readonly #renderer: TcpdumpTextRenderer;

  constructor(timeZone: string, timestamps: TimestampStyle) {
    this.#renderer = new TcpdumpTextRenderer({ timeZone, timestamps });
  }

  /** The lines of the packets the chunk completes. */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    for (const packet of this.#reader.push(chunk))
      for (const line of this.#renderer.render(packet)) lines.push(line);
    return lines;
  }

  /** Ends the capture: the error that cut it short, if any, and the packets read. */
  end(): CaptureOutcome {
    return { error: this.#reader.end(), packets: this.#reader.packetCount };
  }
}

/**
 * Renders a pcap or pcapng file as the text `tcpdump -n -r` prints, in the machine's time zone
 * like tcpdump; a corrupt or truncated tail is reported with its byte offset, the packets before
 * it are kept.
 */
export function captureToText(
  bytes: Uint8Array,
  timeZone: string,
  timestamps: TimestampStyle = 'time',
): CaptureOutcome & { text: string } {
  const capture = new CaptureText(timeZone, timestamps);
  const lines: string[] = [];
  const CHUNK = 1 << 20;
  for (let offset = 0; offset < bytes.length; offset += CHUNK)
    for (const line of capture.push(bytes.subarray(offset, offset + CHUNK))) lines.push(line);
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', ...capture.end() };
}

/**
 * A capture read in chunks, rendered a chunk's packets at a time: neither the capture nor its
 * text is held whole. `outcome` is filled in once the last chunk is read.
 */
export async function* captureLines(
  chunks: AsyncIterable<Uint8Array>,
  timeZone: string,
  timestamps: TimestampStyle,
  outcome: CaptureOutcome,
): AsyncGenerator<string[]> {
  const capture = new CaptureText(timeZone, timestamps);
  for await (const chunk of chunks) yield capture.push(chunk);
  Object.assign(outcome, capture.end());
}

/** Why a capture with no packet before its error cannot be shown; null when it can. */
export function captureFailure(path: string, outcome: CaptureOutcome): string | null {
  const { error, packets } = outcome;
  if (!error || packets > 0) return null;
  return `${path}: not a readable capture file: ${error.message} (byte offset ${error.offset})`;
}

/** The warning for a capture cut short after some packets; null when it was read to its end. */
export function captureWarning(path: string, outcome: CaptureOutcome): string | null {
  const { error, packets } = outcome;
  if (!error) return null;
  return `${path}: ${error.message} at byte offset ${error.offset}; showing the ${packets} packets before it`;
}
