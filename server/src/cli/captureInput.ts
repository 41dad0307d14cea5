import type { CaptureError, TimestampStyle } from '../capture';
import { CaptureReader, TcpdumpTextRenderer, detectCaptureFormat } from '../capture';

export function isCaptureFile(head: Uint8Array): boolean {
  return detectCaptureFormat(head) !== null;
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
): { text: string; error: CaptureError | null; packets: number } {
  const reader = new CaptureReader();
  const renderer = new TcpdumpTextRenderer({ timeZone, timestamps });
  const lines: string[] = [];
  const CHUNK = 1 << 20;
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    for (const packet of reader.push(bytes.subarray(offset, offset + CHUNK)))
      lines.push(...renderer.render(packet));
  }
  const error = reader.end();
  return {
    text: lines.length > 0 ? `${lines.join('\n')}\n` : '',
    error,
    packets: reader.packetCount,
  };
}

/** What reading a capture found: filled in once its last chunk is read. */
export interface CaptureOutcome {
  error: CaptureError | null;
  packets: number;
}

/**
 * A capture read in chunks, rendered as `tcpdump -n -r` prints it, a chunk's packets at a time:
 * neither the capture nor its text is held whole.
 */
export async function* captureLines(
  chunks: AsyncIterable<Uint8Array>,
  timeZone: string,
  timestamps: TimestampStyle,
  outcome: CaptureOutcome,
): AsyncGenerator<string[]> {
  const reader = new CaptureReader();
  const renderer = new TcpdumpTextRenderer({ timeZone, timestamps });
  for await (const chunk of chunks) {
    const lines: string[] = [];
    for (const packet of reader.push(chunk)) for (const l of renderer.render(packet)) lines.push(l);
    yield lines;
  }
  outcome.error = reader.end();
  outcome.packets = reader.packetCount;
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
