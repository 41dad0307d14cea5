// Renders capture files (pcap, pcapng) as the text `tcpdump -n -r` prints, a chunk of bytes at a
// time: shared by the CLI, the language server's "Analyze from disk" and the client's capture
// documents, so that all three number a capture's lines alike.
import type { CaptureError, TimestampStyle } from '../capture';
import { CaptureReader, TcpdumpTextRenderer } from '../capture';

/** How a capture is rendered as text: the time zone and timestamp form tcpdump would use. */
export interface CaptureRendering {
  timeZone: string;
  timestamps: TimestampStyle;
}

/** What reading a capture found: known once its last chunk is read. */
export interface CaptureOutcome {
  error: CaptureError | null;
  packets: number;
}

/**
 * Why a capture cannot be shown: an error stopped it before its first packet. Null when it can
 * (a capture cut short after some packets shows those).
 */
export function unreadableCaptureReason(outcome: CaptureOutcome): string | null {
  const { error, packets } = outcome;
  if (!error || packets > 0) return null;
  return `not a readable capture file: ${error.message} (byte offset ${error.offset})`;
}

/** A capture's packets rendered as `tcpdump -n -r` prints them, as its chunks are read. */
export class CaptureText {
  readonly #reader = new CaptureReader();
  readonly #renderer: TcpdumpTextRenderer;

  constructor(rendering: CaptureRendering) {
    this.#renderer = new TcpdumpTextRenderer({
      timeZone: rendering.timeZone,
      timestamps: rendering.timestamps,
    });
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

/** Bytes of a capture held whole that are rendered at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * The text of a capture held whole, rendered a chunk at a time: yields the share of the bytes
 * read after each chunk (a caller may report progress or let other work run), and returns the
 * text, each line ended, with what reading it found.
 */
export function* captureBytesText(
  bytes: Uint8Array,
  rendering: CaptureRendering,
): Generator<number, CaptureOutcome & { text: string }, void> {
  const capture = new CaptureText(rendering);
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    for (const line of capture.push(bytes.subarray(offset, offset + CHUNK_BYTES))) lines.push(line);
    yield Math.min(1, (offset + CHUNK_BYTES) / bytes.length);
  }
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', ...capture.end() };
}

/**
 * A capture read in chunks, rendered a chunk's packets at a time: neither the capture nor its
 * text is held whole. `outcome` is filled in once the last chunk is read.
 */
export async function* captureLines(
  chunks: AsyncIterable<Uint8Array>,
  rendering: CaptureRendering,
  outcome: CaptureOutcome,
): AsyncGenerator<string[]> {
  const capture = new CaptureText(rendering);
  for await (const chunk of chunks) yield capture.push(chunk);
  Object.assign(outcome, capture.end());
}
