import * as fs from 'node:fs';
import type { LineSink } from '../../input/lineSplitter';
import { LineSplitter } from '../../input/lineSplitter';

/** Bytes read at a time: large enough to be fast, small enough to answer cancellation promptly. */
const CHUNK_BYTES = 256 * 1024;

/** The caller's cancellation (an LSP CancellationToken fits). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** Thrown by readLines when its cancellation was requested: nothing more was read. */
export class ReadCancelled extends Error {
  constructor() {
    super('reading was cancelled');
    this.name = 'ReadCancelled';
  }
}

export interface ReadLinesOptions {
  /** Start at this byte offset, which is the start of this 0-based line (default: the top). */
  from?: { byte: number; line: number };
  cancellation?: Cancellation;
  /** Told the bytes read so far (from `from`) after each chunk. */
  onBytes?: (bytesRead: number) => void;
  /** Checked after each chunk: true stops reading (the lines of that chunk were all delivered). */
  done?: () => boolean;
}

/**
 * Streams a file and hands every line to `sink`, one chunk at a time: memory holds one chunk and
 * one line, never the file. Between chunks the event loop runs, so that other requests and a
 * cancellation are handled. Rejects with the file system's error (ENOENT, EACCES, EISDIR…) or
 * with ReadCancelled.
 */
export async function readLines(
  path: string,
  sink: LineSink,
  options: ReadLinesOptions = {},
): Promise<{ lines: number; bytes: number }> {
  const from = options.from ?? { byte: 0, line: 0 };
  const splitter = new LineSplitter(sink, from);
  const stream = fs.createReadStream(path, { start: from.byte, highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      if (options.cancellation?.isCancellationRequested) throw new ReadCancelled();
      const buffer = chunk as Buffer;
      splitter.push(buffer);
      bytes += buffer.length;
      options.onBytes?.(bytes);
      if (options.done?.()) return { lines: splitter.lineCount, bytes };
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (options.cancellation?.isCancellationRequested) throw new ReadCancelled();
    splitter.end();
    return { lines: splitter.lineCount, bytes };
  } finally {
    await close(stream);
  }
}

/** Closes the file and waits until it is: a read that ends early leaves nothing open. */
function close(stream: fs.ReadStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) {
      resolve();
      return;
    }
    stream.once('close', () => resolve());
    stream.destroy();
  });
}
