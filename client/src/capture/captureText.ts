// No editor imports: renders capture bytes as tcpdump text, yielding between chunks.
import type { CaptureOutcome, CaptureRendering } from '../../../server/src/input/captureLines';
import { captureBytesText } from '../../../server/src/input/captureLines';

export type RenderedCapture = CaptureOutcome & { text: string };

/**
 * The text `tcpdump -n -r` prints for a capture. Works through the bytes in 1 MiB chunks,
 * reporting progress and yielding so the editor stays responsive on large files.
 */
export async function renderCapture(
  bytes: Uint8Array,
  rendering: CaptureRendering,
  progress: (fraction: number) => void = () => undefined,
): Promise<RenderedCapture> {
  const steps = captureBytesText(bytes, rendering);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    progress(step.value);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
