// No editor imports: renders capture bytes as tcpdump text, yielding between chunks.
import type { CaptureError, TimestampStyle } from '../../../server/src/capture';
import { CaptureReader, TcpdumpTextRenderer } from '../../../server/src/capture';

export interface RenderedCapture {
  text: string;
  packets: number;
  error: CaptureError | null;
}

const CHUNK = 1 << 20;

/**
 * The text `tcpdump -n -r` prints for a capture, in `timeZone`. Works through the bytes in 1 MiB
 * chunks, reporting progress and yielding so the editor stays responsive on large files.
 */
export async function renderCapture(
  bytes: Uint8Array,
  timeZone: string,
  timestamps: TimestampStyle = 'time',
  progress: (fraction: number) => void = () => undefined,
): Promise<RenderedCapture> {
  const reader = new CaptureReader();
  const renderer = new TcpdumpTextRenderer({ timeZone, timestamps });
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    for (const packet of reader.push(bytes.subarray(offset, offset + CHUNK)))
      lines.push(...renderer.render(packet));
    progress(Math.min(1, (offset + CHUNK) / bytes.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const error = reader.end();
  return {
    text: lines.length > 0 ? `${lines.join('\n')}\n` : '',
    packets: reader.packetCount,
    error,
  };
}
