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
