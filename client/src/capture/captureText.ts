// No editor imports: renders capture bytes as tcpdump text, yielding between chunks.
import type { CaptureError } from '../../../server/src/capture';
import type { CaptureRendering } from '../../../server/src/input/captureLines';
import { CaptureText } from '../../../server/src/input/captureLines';

export interface RenderedCapture {
  text: string;
  packets: number;
  error: CaptureError | null;
}

const CHUNK = 1 << 20;

/**
 * The text `tcpdump -n -r` prints for a capture. Works through the bytes in 1 MiB chunks,
 * reporting progress and yielding so the editor stays responsive on large files.
 */
export async function renderCapture(
  bytes: Uint8Array,
  rendering: CaptureRendering,
  progress: (fraction: number) => void = () => undefined,
): Promise<RenderedCapture> {
  const capture = new CaptureText(rendering);
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    for (const line of capture.push(bytes.subarray(offset, offset + CHUNK))) lines.push(line);
    progress(Math.min(1, (offset + CHUNK) / bytes.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { error, packets } = capture.end();
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', packets, error };
}
