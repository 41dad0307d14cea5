import type { AnalysisStream } from '../analysis';
import { LineSplitter } from '../input/lineSplitter';
import type { LineSamples } from './lineSamples';

/**
 * The lines of UTF-8 text read in chunks (LF, CRLF and CR end a line, as in the whole-text
 * analysis), a chunk's worth at a time: never more of the text than one chunk.
 */
export async function* textLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  let lines: string[] = [];
  const splitter = new LineSplitter((text) => lines.push(text));
  for await (const chunk of chunks) {
    splitter.push(chunk);
    yield lines;
    lines = [];
  }
  splitter.end();
  yield lines;
}

/** `chunks` as they come, telling `onBytes` the bytes read so far after each one is used. */
export async function* countBytes(
  chunks: AsyncIterable<Buffer>,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    yield chunk;
    onBytes(bytes);
  }
}

/** Feeds every line of `batches` to the analysis, the first lines' starts to `samples`. */
export async function feedLines(
  batches: AsyncIterable<readonly string[]>,
  stream: AnalysisStream,
  samples: LineSamples,
): Promise<void> {
  let line = 0;
  for await (const batch of batches) {
    for (const text of batch) {
      samples.see(text, line++);
      stream.push(text);
    }
  }
}
