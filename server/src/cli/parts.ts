import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { LineContext, StreamPart } from '../analysis';
import { createAnalysisStream, documentContext, startsAfresh } from '../analysis';
import { LineSplitter } from '../input/lineSplitter';
import type { LineSampleData } from './lineSamples';
import { LineSamples } from './lineSamples';
import { countBytes, feedLines, textLines } from './lineFeed';

/** Bytes looked at for the document's first packet, and at most after each cut for a line to start at. */
const LOOK_BYTES = 1 << 20;
/** Bytes looked at first after a cut: a line to start at is nearly always among the first. */
const FIRST_LOOK_BYTES = 64 << 10;
/** Bytes read at a time by a part's reader. */
const PART_CHUNK_BYTES = 1 << 20;

/** Where each part of a text file starts, to read them at once. */
export interface PartPlan {
  /** What the document's first packet line set, which every later part is read in. */
  context: LineContext;
  /** Byte offset of each part (the first is 0), increasing. */
  starts: number[];
  size: number;
}

/** What one thread reads: a later part of a text file. */
export interface PartJob {
  path: string;
  start: number;
  end: number;
  context: LineContext;
  keepNotes: boolean;
  /** The file's last part. */
  last: boolean;
}

export interface PartResult {
  part: StreamPart;
  samples: LineSampleData;
}

/** What a part's thread tells the main one. */
export type PartMessage =
  | { type: 'bytes'; bytes: number }
  | { type: 'done'; result: PartResult }
  | { type: 'failed'; code: string | null; message: string };

interface LineAt {
  text: string;
  byte: number;
}

/**
 * The whole lines of a file within `bytes` bytes from `offset`: from the first line that starts
 * there (after the first LF when `offset` is not 0), the last one only when the file ends in them.
 */
async function linesAt(
  handle: fs.promises.FileHandle,
  offset: number,
  bytes: number,
  size: number,
): Promise<LineAt[]> {
  const buffer = Buffer.alloc(Math.min(bytes, size - offset));
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
  const read = buffer.subarray(0, bytesRead);
  const skip = offset === 0 ? 0 : read.indexOf(0x0a) + 1;
  if (offset !== 0 && skip === 0) return [];
  const lines: LineAt[] = [];
  const splitter = new LineSplitter((text, _, byte) => lines.push({ text, byte }), {
    line: 0,
    byte: offset + skip,
  });
  splitter.push(read.subarray(skip));
  if (offset + bytesRead >= size) splitter.end();
  return lines;
}

/** The first whole line from `offset` on that passes `test`, looked for within LOOK_BYTES. */
async function firstLineAt(
  handle: fs.promises.FileHandle,
  offset: number,
  size: number,
  test: (line: LineAt) => boolean,
): Promise<LineAt | undefined> {
  for (const bytes of [FIRST_LOOK_BYTES, LOOK_BYTES]) {
    const line = (await linesAt(handle, offset, bytes, size)).find(test);
    if (line || offset + bytes >= size) return line;
  }
  return undefined;
}

/**
 * Where a text file can be cut into `parts` parts of about the same size, each later one starting
 * at a line that starts afresh after the document's first packet line. Null when it cannot be cut
 * (no packet line near its start, or no line to start at near a cut): it is then read whole.
 */
export async function planParts(
  path: string,
  size: number,
  parts: number,
): Promise<PartPlan | null> {
  if (parts < 2 || size === 0) return null;
  const handle = await fs.promises.open(path, 'r');
  try {
    const head = await linesAt(handle, 0, LOOK_BYTES, size);
    const found = documentContext(head.map((l) => l.text));
    if (!found) return null;
    // The first packet line and the one after are read by the first part.
    let after = head[found.line + 1]?.byte ?? size;
    const starts = [0];
    for (let k = 1; k < parts; k++) {
      const near = Math.max(after, Math.floor((size * k) / parts));
      if (near >= size) break;
      const candidate = await firstLineAt(
        handle,
        near,
        size,
        (l) => l.byte > after && startsAfresh(l.text, found.context),
      );
      if (!candidate) continue;
      starts.push(candidate.byte);
      after = candidate.byte;
    }
    return starts.length > 1 ? { context: found.context, starts, size } : null;
  } finally {
    await handle.close();
  }
}

/** Reads a later part of a text file into a stream of its own; rejects should reading fail. */
export async function readPart(
  job: PartJob,
  onBytes: (bytes: number) => void,
): Promise<PartResult> {
  const stream = createAnalysisStream({ keepNotes: job.keepNotes, laterPart: job.context });
  const samples = new LineSamples();
  const chunks: AsyncIterable<Buffer> =
    job.end > job.start
      ? fs.createReadStream(job.path, {
          start: job.start,
          end: job.end - 1,
          highWaterMark: PART_CHUNK_BYTES,
        })
      : noChunks();
  await feedLines(textLines(countBytes(chunks, onBytes)), stream, samples);
  return { part: stream.part({ last: job.last }), samples: samples.data() };
}

/** The chunks of an empty part. */
async function* noChunks(): AsyncGenerator<Buffer> {}

/** A part read by a thread of its own (`script`, the part reader), and a way to stop it. */
export interface PartReading {
  result: Promise<PartResult>;
  stop: () => void;
}

/**
 * Reads a later part on another thread. The promise rejects with the file system's error (its
 * `code` kept) should reading fail, or with the thread's own error.
 */
export function readPartOnThread(
  script: string,
  job: PartJob,
  onBytes: (bytes: number) => void,
): PartReading {
  const worker = new Worker(script, { workerData: job });
  const result = new Promise<PartResult>((resolve, reject) => {
    worker.on('message', (message: PartMessage) => {
      if (message.type === 'bytes') onBytes(message.bytes);
      else if (message.type === 'done') resolve(message.result);
      else reject(Object.assign(new Error(message.message), { code: message.code ?? undefined }));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the part reader stopped (exit code ${code})`)));
  });
  return { result, stop: () => void worker.terminate() };
}
