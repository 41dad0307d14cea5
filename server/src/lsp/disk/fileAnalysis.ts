import * as fs from 'node:fs';
import type { StreamedAnalysis } from '../../analysis';
import { createAnalysisStream } from '../../analysis';
import { CaptureTextCopy } from './captureTextCopy';
import { CHECKPOINT_LINES } from './checkpoints';
import type { Cancellation, LineSource } from './readLines';
import { readLines } from './readLines';

/** What is known of a file on disk when it was read: a later read checks it did not change. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface AnalysedFile {
  stamp: FileStamp;
  analysis: StreamedAnalysis;
  /**
   * Where its lines are read again: the file, or for a capture the copy of the text it was
   * rendered as (unless none could be kept); `checkpoints` holds the byte offset of line
   * `k * CHECKPOINT_LINES` by `k` (of a capture read again from its start, only the first).
   */
  readBack: LineSource & { size: number; checkpoints: number[] };
  /** Removes what was kept to read the lines again (the copy of a capture's text). */
  release: () => void;
  seconds: number;
}

/** How far the analysis is: the bytes read, then the packets tracked. */
export type FileProgress =
  | { stage: 'read'; bytes: number; size: number }
  | { stage: 'track'; packets: number; total: number };

export async function stampOf(path: string): Promise<FileStamp> {
  const stat = await fs.promises.stat(path);
  if (stat.isDirectory())
    throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  return { path, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * Streams a file from disk through the analysis core, line by line: memory grows with the
 * packets (what the core keeps), never with the text. Rejects with the file system's error,
 * ReadCancelled or NotACapture.
 */
export async function analyseFile(
  source: LineSource,
  cancellation: Cancellation,
  onProgress: (progress: FileProgress) => void,
): Promise<AnalysedFile> {
  const started = performance.now();
  const stamp = await stampOf(source.path);
  const stream = createAnalysisStream();
  // A capture's lines are rendered from its start; they are copied as text to be read in part.
  const copy = source.capture ? await CaptureTextCopy.create() : null;
  const checkpoints: number[] = source.capture ? [0] : [];
  try {
    await readLines(
      source,
      (text, line, byte) => {
        if (!source.capture && line % CHECKPOINT_LINES === 0) checkpoints.push(byte);
        copy?.add(text, line);
        stream.push(text);
      },
      {
        cancellation,
        onBytes: (bytes) => onProgress({ stage: 'read', bytes, size: stamp.size }),
        afterChunk: copy ? () => copy.flush() : undefined,
      },
    );
  } catch (error) {
    copy?.remove();
    throw error;
  }
  const text = (await copy?.finish()) ?? null;
  const analysis = stream.finish({
    onProgress: (stage, done, total) => {
      if (stage === 'track') onProgress({ stage: 'track', packets: done, total });
    },
  });
  return {
    stamp,
    analysis,
    readBack: text
      ? { path: text.file, capture: null, size: text.size, checkpoints: text.checkpoints }
      : { ...source, size: stamp.size, checkpoints },
    release: () => copy?.remove(),
    seconds: (performance.now() - started) / 1000,
  };
}
