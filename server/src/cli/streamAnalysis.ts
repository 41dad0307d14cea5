import type { AnalysisStage, StreamedAnalysis } from '../analysis';
import { createAnalysisStream } from '../analysis';
import { LineSplitter } from '../input/lineSplitter';
import { StreamedAnnotations } from '../report/annotatedText';
import type { Paint } from '../report/paint';
import { renderSummary, summaryOfStream } from '../report/summaryTable';

/** How many characters of a line the "not tcpdump output" message shows. */
export const EXAMPLE_CHARS = 120;

/**
 * How many non-blank lines keep their start for that message: the lines it names are the first
 * unrecognised ones of an input without a single packet, which come within the first few lines.
 */
const EXAMPLE_LINES_KEPT = 1000;

export interface StreamedText {
  analysis: StreamedAnalysis;
  /** Bytes read. */
  bytes: number;
  /** Some line holds more than white space. */
  hasText: boolean;
  /** The first EXAMPLE_CHARS characters of the first non-blank lines, by 0-based line number. */
  lineStarts: Map<number, string>;
}

export interface StreamOptions {
  /** Told the bytes read so far after each chunk. */
  onBytes?: (bytes: number) => void;
  /** Told how far the connections are followed once every line is read. */
  onProgress?: (stage: AnalysisStage, done: number, total: number) => void;
  /** Keep what the annotated text shows of each line (`StreamedAnalysis.notes`). */
  keepNotes?: boolean;
}

/**
 * Analyses UTF-8 text read in chunks, line by line (LF, CRLF and CR end a line, as in the
 * whole-text analysis): memory holds one chunk and what the analysis keeps of the packets, never
 * the text. Rejects with the error of `chunks` should reading fail.
 */
export async function analyseTextChunks(
  chunks: AsyncIterable<Buffer>,
  options: StreamOptions = {},
): Promise<StreamedText> {
  const stream = createAnalysisStream({ keepNotes: options.keepNotes ?? false });
  const lineStarts = new Map<number, string>();
  let hasText = false;
  const splitter = new LineSplitter((text, line) => {
    if (lineStarts.size < EXAMPLE_LINES_KEPT && /\S/.test(text)) {
      hasText = true;
      lineStarts.set(line, text.slice(0, EXAMPLE_CHARS));
    }
    stream.push(text);
  });
  let bytes = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk);
    bytes += chunk.length;
    options.onBytes?.(bytes);
  }
  splitter.end();
  const analysis = stream.finish({ onProgress: options.onProgress });
  return { analysis, bytes, hasText, lineStarts };
}

/** Output lines handed over at a time by `annotatedTextBatches`: few writes, no text held whole. */
export const LINES_PER_BATCH = 4096;

/**
 * The annotated text of a streamed analysis, made while the text is read again: each line
 * followed by its notes, then the connection table, in batches of about LINES_PER_BATCH lines.
 * Lines beyond those analysed (written to the file since) are left out.
 */
export async function* annotatedTextBatches(
  chunks: AsyncIterable<Buffer>,
  analysis: StreamedAnalysis,
  paint: Paint,
): AsyncGenerator<string[]> {
  // Null only when an internal error cut the analysis short: the lines are still all printed.
  const notes = analysis.notes ? new StreamedAnnotations(analysis.notes, paint) : null;
  let batch: string[] = [];
  let line = 0;
  const splitter = new LineSplitter((text) => {
    if (line >= analysis.lineCount) return;
    batch.push(text);
    notes?.after(line++, batch);
  });
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (batch.length >= LINES_PER_BATCH) {
      yield batch;
      batch = [];
    }
    if (line >= analysis.lineCount) break;
  }
  splitter.end();
  batch.push('', ...renderSummary(summaryOfStream(analysis), paint));
  yield batch;
}
