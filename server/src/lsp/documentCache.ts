import type { Analysis, AnalysisStep, IncrementalAnalysis } from '../analysis';
import { analysisSteps, analyzeLines, tryUpdateLines } from '../analysis';
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
  /** What the next edit is applied to; null once an edit could not be (start over). */
  engine: IncrementalAnalysis | null;
  /** The document the analysis was made of (a reopened document starts over). */
  document: LineDocument;
}

/** An analysis from scratch under way, one step per turn of the event loop. */
interface Job {
  document: LineDocument;
  version: number;
  result: Promise<CachedAnalysis | null>;
  cancelled: boolean;
}

/** Lets other messages (edits, requests, cancellation) be handled before the next steps. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Steps run back to back for at most this long before other messages get their turn. */
const SLICE_MS = 15;

/**
 * Latest analysis per open document, keyed by URI and version; evicted when the document closes.
 * The document keeps track of the lines its edits touched, so an analysis after an edit re-reads
 * only those instead of the whole text.
 */
export class DocumentCache {
  readonly #entries = new Map<string, Entry>();
  readonly #jobs = new Map<string, Job>();
  /** Versions whose analysis the user cancelled: not started again until the document changes. */
  readonly #cancelled = new Map<string, number>();

  /**
   * The analysis of the document as it is now, when it costs little: already made, or made by
   * applying the edits in place. Null when only an analysis from scratch would do.
   */
  current(document: LineDocument): CachedAnalysis | null {
    const entry = this.#entries.get(document.uri);
    if (entry?.document !== document) return null;
    if (entry.cached.version === document.version) return entry.cached;
    const changed = document.changed;
    if (!entry.engine || !changed) return null;
    const { lines } = document;
    const count = analysedCount(lines);
    const oldCount = entry.cached.analysis.lines.length;
    // The raw tail may include the empty line after a final line end, which is not analysed.
    const tail = Math.max(0, Math.min(changed.tail - (lines.length - count), oldCount, count));
    const start = Math.min(changed.start, oldCount - tail, count - tail);
    const engine = tryUpdateLines(entry.engine, lines, count, {
      start,
      oldEnd: oldCount - tail,
      newEnd: count - tail,
    });
    entry.engine = null;
    return engine ? this.#store(document, engine) : null;
  }

  /** The latest analysis made of the document, whatever its version. */
  latest(document: LineDocument): CachedAnalysis | null {
    const entry = this.#entries.get(document.uri);
    return entry?.document === document ? entry.cached : null;
  }

  /**
   * The analysis of the document as it is now. From scratch it is made in steps between which
   * other messages are handled; it is abandoned (null) once the document changes again, is
   * closed, or `cancel` is called.
   */
  analyse(
    document: LineDocument,
    onStep?: (step: AnalysisStep) => void,
  ): Promise<CachedAnalysis | null> {
    const ready = this.current(document);
    if (ready) return Promise.resolve(ready);
    if (this.#cancelled.get(document.uri) === document.version) return Promise.resolve(null);
    const running = this.#jobs.get(document.uri);
    if (running?.document === document && running.version === document.version)
      return running.result;
    if (running) running.cancelled = true;
    const job: Job = {
      document,
      version: document.version,
      cancelled: false,
      result: Promise.resolve(null),
    };
    job.result = this.#run(job, onStep);
    this.#jobs.set(document.uri, job);
    return job.result;
  }

  /** An analysis from scratch of the document as it is now is under way. */
  running(document: LineDocument): boolean {
    const job = this.#jobs.get(document.uri);
    return job?.document === document && job.version === document.version && !job.cancelled;
  }

  /** Abandons the analysis under way for a document; its version is not analysed again. */
  cancel(uri: string): void {
    const job = this.#jobs.get(uri);
    if (!job) return;
    job.cancelled = true;
    this.#cancelled.set(uri, job.version);
  }

  async #run(job: Job, onStep?: (step: AnalysisStep) => void): Promise<CachedAnalysis | null> {
    const { document, version } = job;
    try {
      const steps = analysisSteps(document.lines, analysedCount(document.lines));
      for (;;) {
        await nextTurn();
        // The lines are read between turns: an edit since then would mix two versions.
        if (job.cancelled || document.version !== version) return null;
        const deadline = performance.now() + SLICE_MS;
        do {
          const next = steps.next();
          if (next.done) return this.#store(document, next.value);
          onStep?.(next.value);
        } while (performance.now() < deadline);
      }
    } finally {
      if (this.#jobs.get(document.uri) === job) this.#jobs.delete(document.uri);
    }
  }

  /** The analysis of the document as it is now, made at once (from scratch if need be). */
  get(document: LineDocument): CachedAnalysis {
    return (
      this.current(document) ??
      this.#store(document, analyzeLines(document.lines, analysedCount(document.lines)))
    );
  }

  #store(document: LineDocument, engine: IncrementalAnalysis): CachedAnalysis {
    document.markAnalysed();
    const cached: CachedAnalysis = {
      uri: document.uri,
      version: document.version,
      analysis: engine.analysis,
      index: indexAnalysis(engine.analysis),
      lines: document.lines,
      unrecognisedLines: engine.unrecognisedLines,
      method: engine.method,
    };
    this.#entries.set(document.uri, { cached, engine, document });
    return cached;
  }

  /** The edits since the last analysis are known line by line: the next one can be incremental. */
  canUpdateInPlace(document: LineDocument): boolean {
    const entry = this.#entries.get(document.uri);
    return entry?.document === document && entry.engine !== null && document.changed !== null;
  }

  /** Every cached analysis (for workspace-wide symbol search). */
  all(): CachedAnalysis[] {
    return [...this.#entries.values()].map((e) => e.cached);
  }

  delete(uri: string): void {
    const job = this.#jobs.get(uri);
    if (job) job.cancelled = true;
    this.#cancelled.delete(uri);
    this.#entries.delete(uri);
  }
}
