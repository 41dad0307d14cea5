import type { AnalysisStage, StreamedAnalysis } from '../analysis';
import { createAnalysisStream } from '../analysis';
import { StreamedAnnotations } from '../report/annotatedText';
import type { Paint } from '../report/paint';
import { renderSummary, summaryOfStream } from '../report/summaryTable';
import type { CaptureOutcome, CaptureRendering } from '../input/captureLines';
import { captureLines } from '../input/captureLines';
import type { OpenedInput } from './readInput';
import { LineSamples } from './lineSamples';
import { countBytes, feedLines, textLines } from './lineFeed';
import type { PartPlan, PartReading } from './parts';
import { readPartOnThread } from './parts';

export interface StreamedText {
  analysis: StreamedAnalysis;
  /** Bytes read. */
  bytes: number;
  /** Some line holds more than white space. */
  hasText: boolean;
  /** The first EXAMPLE_CHARS characters of the first non-blank lines, by 0-based line number. */
  lineStarts: Map<number, string>;
  /** Of a capture: the error that cut it short, if any, and the packets read. */
  capture: CaptureOutcome;
}

export interface StreamOptions {
  /** Told the bytes read so far after each chunk. */
  onBytes?: (bytes: number) => void;
  /** Told how far the connections are followed once every line is read. */
  onProgress?: (stage: AnalysisStage, done: number, total: number) => void;
  /** Keep what the annotated text shows of each line (`StreamedAnalysis.notes`). */
  keepNotes?: boolean;
  /** Keep what the JSON report shows of each connection (`StreamedAnalysis.details`). */
  keepDetails?: boolean;
  /** How a capture is rendered (default: UTC, tcpdump's default timestamps). */
  rendering?: CaptureRendering;
  /**
   * A text file read in parts at once: this thread reads the first, a thread each (running the
   * part reader `script`) the later ones.
   */
  parts?: { path: string; plan: PartPlan; script: string };
}

const UTC: CaptureRendering = { timeZone: 'UTC', timestamps: 'time' };

/** The lines of an input as it is read: its text, or a capture rendered as tcpdump prints it. */
export function inputLines(
  input: Pick<OpenedInput, 'isCapture' | 'chunks'>,
  /** How a capture is rendered (default: UTC, tcpdump's default timestamps). */
  rendering: CaptureRendering = UTC,
  capture: CaptureOutcome = { error: null, packets: 0 },
): AsyncIterable<string[]> {
  return input.isCapture ? captureLines(input.chunks, rendering, capture) : textLines(input.chunks);
}

/**
 * Analyses an input (text, or a capture rendered as it is read) line by line: memory holds one
 * chunk and what the analysis keeps of the packets, never the text. Rejects with the error of
 * the input's chunks should reading fail.
 */
export async function analyseInput(
  input: Pick<OpenedInput, 'isCapture' | 'chunks'>,
  options: StreamOptions = {},
): Promise<StreamedText> {
  let bytes = 0;
  const keepNotes = options.keepNotes ?? false;
  /** Bytes read of each later part so far. */
  const partBytes: number[] = [];
  const readBytes = () => partBytes.reduce((sum, read) => sum + read, bytes);
  const readings = laterParts(options, keepNotes, (k, read) => {
    partBytes[k] = read;
    options.onBytes?.(readBytes());
  });
  const firstPartEnd = options.parts?.plan.starts[1];
  const chunks = firstPartEnd === undefined ? input.chunks : upTo(input.chunks, firstPartEnd);
  const counted = countBytes(chunks, (read) => {
    bytes = read;
    options.onBytes?.(readBytes());
  });
  const capture: CaptureOutcome = { error: null, packets: 0 };
  const lines = inputLines(
    { isCapture: input.isCapture, chunks: counted },
    options.rendering,
    capture,
  );
  const stream = createAnalysisStream({ keepNotes, keepDetails: options.keepDetails ?? false });
  const samples = new LineSamples();
  try {
    await feedLines(lines, stream, samples);
    for (const reading of readings) {
      const { part, samples: later } = await reading.result;
      samples.adopt(later, stream.lineCount);
      stream.append(part);
    }
  } finally {
    for (const reading of readings) reading.stop();
  }
  const analysis = stream.finish({ onProgress: options.onProgress });
  return {
    analysis,
    bytes: readBytes(),
    hasText: samples.hasText,
    lineStarts: samples.starts,
    capture,
  };
}

/**
 * The later parts of a text file read in parts, each on a thread of its own; `onBytes` is told
 * the bytes read so far of the part at `k` (0: the second part).
 */
function laterParts(
  options: StreamOptions,
  keepNotes: boolean,
  onBytes: (k: number, bytes: number) => void,
): PartReading[] {
  const parts = options.parts;
  if (!parts) return [];
  const { starts, size, context } = parts.plan;
  return starts.slice(1).map((start, k) => {
    const last = k + 2 === starts.length;
    const job = {
      path: parts.path,
      start,
      end: last ? size : starts[k + 2]!,
      context,
      keepNotes,
      last,
    };
    const reading = readPartOnThread(parts.script, job, (read) => onBytes(k, read));
    // Seen once this thread awaits it; a failure before then is not left unhandled.
    reading.result.catch(() => undefined);
    return reading;
  });
}

/** The first `limit` bytes of `chunks`; the rest is not read. */
async function* upTo(chunks: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of chunks) {
    if (read + chunk.length >= limit) {
      yield chunk.subarray(0, limit - read);
      return;
    }
    read += chunk.length;
    yield chunk;
  }
}

/** Output lines handed over at a time by `annotatedTextBatches`: few writes, no text held whole. */
export const LINES_PER_BATCH = 4096;

/**
 * The annotated text of a streamed analysis, made while its lines are read again: each line
 * followed by its notes, then the connection table, in batches of about LINES_PER_BATCH lines.
 * Lines beyond those analysed (written to the file since) are left out.
 */
export async function* annotatedTextBatches(
  batches: AsyncIterable<readonly string[]>,
  analysis: StreamedAnalysis,
  paint: Paint,
): AsyncGenerator<string[]> {
  // Null only when an internal error cut the analysis short: the lines are still all printed.
  const notes = analysis.notes ? new StreamedAnnotations(analysis.notes, paint) : null;
  let out: string[] = [];
  let line = 0;
  for await (const batch of batches) {
    for (const text of batch) {
      if (line >= analysis.lineCount) break;
      out.push(text);
      notes?.after(line++, out);
    }
    if (out.length >= LINES_PER_BATCH) {
      yield out;
      out = [];
    }
    if (line >= analysis.lineCount) break;
  }
  out.push('', ...renderSummary(summaryOfStream(analysis), paint));
  yield out;
}
