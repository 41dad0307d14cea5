import * as fs from 'node:fs';
import type { CaptureRendering } from '../../input/captureLines';
import { CaptureText, unreadableCaptureReason } from '../../input/captureLines';
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

/** Thrown by readLines for a capture file none of whose packets could be read. */
export class NotACapture extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotACapture';
  }
}

/** A file on disk whose lines are read: tcpdump text, or a capture rendered as tcpdump prints it. */
export interface LineSource {
  path: string;
  /** Set for a capture file (pcap, pcapng): how its packets are rendered as lines. */
  capture: CaptureRendering | null;
}

export interface ReadLinesOptions {
  /**
   * Start at this byte offset, which is the start of this 0-based line (default: the top). A
   * capture is always read from its start: its lines are made by rendering its packets in order.
   */
  from?: { byte: number; line: number };
  cancellation?: Cancellation;
  /** Told the bytes read so far (from `from`) after each chunk. */
  onBytes?: (bytesRead: number) => void;
  /** Checked after each chunk: true stops reading (the lines of that chunk were all delivered). */
  done?: () => boolean;
  /** Waited for after each chunk's lines were delivered, before the next chunk is read. */
  afterChunk?: () => Promise<void>;
}

/**
 * Streams a file and hands every line to `sink`, one chunk at a time: memory holds one chunk and
 * one line, never the file. Between chunks the event loop runs, so that other requests and a
 * cancellation are handled. Rejects with the file system's error (ENOENT, EACCES, EISDIR…), with
 * ReadCancelled, or with NotACapture. The byte offset a capture's sink is given is that of the
 * chunk that completed the line's packet (it is not where a line starts).
 */
export async function readLines(
  source: LineSource,
  sink: LineSink,
  options: ReadLinesOptions = {},
): Promise<{ lines: number; bytes: number }> {
  if (source.capture) return readCaptureLines(source.path, source.capture, sink, options);
  const from = options.from ?? { byte: 0, line: 0 };
  const splitter = new LineSplitter(sink, from);
  const bytes = await readChunks(source.path, from.byte, options, (chunk) => splitter.push(chunk));
  if (bytes.finished) splitter.end();
  return { lines: splitter.lineCount, bytes: bytes.read };
}

async function readCaptureLines(
  path: string,
  rendering: CaptureRendering,
  sink: LineSink,
  options: ReadLinesOptions,
): Promise<{ lines: number; bytes: number }> {
  const capture = new CaptureText(rendering);
  let line = 0;
  let chunkStart = 0;
  const bytes = await readChunks(path, 0, options, (chunk) => {
    for (const text of capture.push(chunk)) sink(text, line++, chunkStart);
    chunkStart += chunk.length;
  });
  if (bytes.finished) {
    const unreadable = unreadableCaptureReason(capture.end());
    if (unreadable !== null) throw new NotACapture(unreadable);
  }
  return { lines: line, bytes: bytes.read };
}

/**
 * Reads a file from `start` a chunk at a time, yielding to the event loop between chunks.
 * `finished` is false when `done` stopped it before the end.
 */
async function readChunks(
  path: string,
  start: number,
  options: ReadLinesOptions,
  push: (chunk: Buffer) => void,
): Promise<{ read: number; finished: boolean }> {
  const stream = fs.createReadStream(path, { start, highWaterMark: CHUNK_BYTES });
  let read = 0;
  try {
    for await (const chunk of stream) {
      if (options.cancellation?.isCancellationRequested) throw new ReadCancelled();
      const buffer = chunk as Buffer;
      push(buffer);
      await options.afterChunk?.();
      read += buffer.length;
      options.onBytes?.(read);
      if (options.done?.()) return { read, finished: false };
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (options.cancellation?.isCancellationRequested) throw new ReadCancelled();
    return { read, finished: true };
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
