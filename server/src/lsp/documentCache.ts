import type { Analysis, IncrementalAnalysis } from '../analysis';
import { analyzeLines, updateLines } from '../analysis';
import type { AnalysisIndex } from '../explain';
import { indexAnalysis } from '../explain';
import type { LineDocument } from './lineDocument';

export interface CachedAnalysis {
  uri: string;
  version: number;
  analysis: Analysis;
  index: AnalysisIndex;
  /** The document's lines, for positions and token text. */
  lines: readonly string[];
  /** Numbers of the unrecognised lines, in order. */
  unrecognisedLines: readonly number[];
  /** Analysed from scratch, or by re-reading only what the edits since the last version touched. */
  method: IncrementalAnalysis['method'];
}

/** Lines the analysis reads: a final line end adds no line (as splitLines counts them). */
function analysedCount(lines: readonly string[]): number {
  if (lines.length === 1 && lines[0] === '') return 0;
  return lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

interface Entry {
  cached: CachedAnalysis;
  engine: IncrementalAnalysis;
  /** The document the analysis was made of (a reopened document starts over). */
  document: LineDocument;
}

/**
 * Latest analysis per open document, keyed by URI and version; evicted when the document closes.
 * The document keeps track of the lines its edits touched, so an analysis after an edit re-reads
 * only those instead of the whole text.
 */
export class DocumentCache {
  readonly #entries = new Map<string, Entry>();

  get(document: LineDocument): CachedAnalysis {
    const { uri, version, lines } = document;
    const entry = this.#entries.get(uri);
    if (entry && entry.document === document && entry.cached.version === version)
      return entry.cached;
    const changed = entry?.document === document ? document.changed : null;
    const count = analysedCount(lines);
    let engine: IncrementalAnalysis;
    if (entry && changed) {
      const oldCount = entry.cached.analysis.lines.length;
      // The raw tail may include the empty line after a final line end, which is not analysed.
      const tail = Math.max(0, Math.min(changed.tail - (lines.length - count), oldCount, count));
      const start = Math.min(changed.start, oldCount - tail, count - tail);
      engine = updateLines(entry.engine, lines, count, {
        start,
        oldEnd: oldCount - tail,
        newEnd: count - tail,
      });
    } else {
      engine = analyzeLines(lines, count);
    }
    document.markAnalysed();
    const cached: CachedAnalysis = {
      uri,
      version,
      analysis: engine.analysis,
      index: indexAnalysis(engine.analysis),
      lines,
      unrecognisedLines: engine.unrecognisedLines,
      method: engine.method,
    };
    this.#entries.set(uri, { cached, engine, document });
    return cached;
  }

  /** The edits since the last analysis are known line by line: the next one can be incremental. */
  canUpdateInPlace(document: LineDocument): boolean {
    return this.#entries.get(document.uri)?.document === document && document.changed !== null;
  }

  /** Every cached analysis (for workspace-wide symbol search). */
  all(): CachedAnalysis[] {
    return [...this.#entries.values()].map((e) => e.cached);
  }

  delete(uri: string): void {
    this.#entries.delete(uri);
  }
}
