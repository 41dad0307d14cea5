import type { TimestampStyle } from '../capture';
import { captureFailure, captureToText, captureWarning, isCaptureFile } from './captureInput';
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';

/** Bytes read at a time from a file. */
export const CHUNK_BYTES = 1 << 20;

/** Enough of the start of a file to tell a pcap or pcapng capture from text. */
const HEAD_BYTES = 12;

/** A file or standard input, opened and its first bytes read. */
export interface OpenedInput {
  /** The file's size in bytes; null for standard input and anything else that is not a file. */
  size: number | null;
  /** The input is a pcap or pcapng capture, not text. */
  isCapture: boolean;
  /** Every chunk of the input from the start, the ones read to look at its head included; once. */
  chunks: AsyncIterable<Buffer>;
  /** Ends `chunks` now, as if the input had ended there (Ctrl-C on a live capture piped in). */
  stop: () => void;
}

export type OpenResult = { ok: true; input: OpenedInput } | { ok: false; error: string };

export type InputResult =
  { ok: true; text: string; warning: string | null } | { ok: false; error: string };

/** The message for a file (or standard input) that cannot be read. */
export function describeReadError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file`;
    case 'EISDIR':
      return `${path}: is a directory, not a file of tcpdump output`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'SPOOL_FAILED':
      return `${path}: ${error instanceof Error ? error.message : String(error)}, to read it again; --format summary reads it once`;
    case 'ERR_STRING_TOO_LONG':
      // Only input read whole gets here: --format json, or standard input with no temporary folder.
      return `${path}: too large to read whole; the default format and --format summary stream it`;
    default:
      return `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Opens a file (or standard input for `-`, or `stdin` when given) and reads its first chunk, so
 * that a file that cannot be read is reported here and a capture is told from text. Nothing more
 * is read until `chunks` is iterated: text can then be streamed, never held whole.
 */
export async function openInput(
  path: string,
  options: { chunkBytes?: number; stdin?: Readable } = {},
): Promise<OpenResult> {
  let size: number | null = null;
  let stream: Readable;
  if (path === '-') {
    stream = options.stdin ?? process.stdin;
  } else {
    try {
      const stat = await fs.promises.stat(path);
      if (stat.isDirectory())
        return { ok: false, error: describeReadError({ code: 'EISDIR' }, path) };
      if (stat.isFile()) size = stat.size;
    } catch (error) {
      return { ok: false, error: describeReadError(error, path) };
    }
    stream = fs.createReadStream(path, { highWaterMark: options.chunkBytes ?? CHUNK_BYTES });
  }
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  try {
    while (headBytes < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = toBuffer(next.value);
      head.push(chunk);
      headBytes += chunk.length;
    }
  } catch (error) {
    stream.destroy();
    return { ok: false, error: describeReadError(error, path) };
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  let stopped = false;
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) yield first;
      if (ended) return;
      for (;;) {
        let next: IteratorResult<Buffer | string>;
        try {
          next = await iterator.next();
        } catch (error) {
          // A read cut short by `stop` ends the input; any other failure is the file's.
          if (stopped) return;
          throw error;
        }
        if (next.done || stopped) return;
        yield toBuffer(next.value);
      }
    } finally {
      if (stream !== process.stdin) stream.destroy();
    }
  }
  const stop = (): void => {
    stopped = true;
    // The pending read ends at once, and an open standard input no longer keeps the process alive.
    stream.destroy();
  };
  return {
    ok: true,
    input: {
      size,
      isCapture: isCaptureFile(first.subarray(0, HEAD_BYTES)),
      chunks: chunks(),
      stop,
    },
  };
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/**
 * Reads an opened input whole: tcpdump text as UTF-8 (invalid bytes become U+FFFD), or a
 * pcap/pcapng capture rendered the way `tcpdump -n -r` prints it. Rejects with the file system's
 * error should reading fail after the first chunk.
 */
export async function readWhole(
  input: OpenedInput,
  path: string,
  timeZone: string,
  timestamps: TimestampStyle = 'time',
): Promise<InputResult> {
  const parts: Buffer[] = [];
  for await (const chunk of input.chunks) parts.push(chunk);
  const bytes = Buffer.concat(parts);
  if (!input.isCapture) return { ok: true, text: bytes.toString('utf8'), warning: null };
  const capture = captureToText(bytes, timeZone, timestamps);
  const failure = captureFailure(path, capture);
  if (failure) return { ok: false, error: failure };
  return { ok: true, text: capture.text, warning: captureWarning(path, capture) };
}
