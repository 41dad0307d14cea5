import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Analysis, IncrementalAnalysis } from '../analysis';
import { analyzeLines, updateLines } from '../analysis';
import type { AnalysisIndex } from '../explain';
import { indexAnalysis } from '../explain';

export interface CachedAnalysis {
  uri: string;
  version: number;
  analysis: Analysis;
  index: AnalysisIndex;
  /** The document's lines, for positions and token text. */
  lines: string[];
  /** Analysed from scratch, or by re-reading only what the edits since the last version touched. */
  method: IncrementalAnalysis['method'];
}

const LINE_BREAK = /\r\n|\n|\r/;
/** A paste longer than this is read with the whole text (and spread arguments stay small). */
const MAX_SPLICED_LINES = 10_000;

/** Lines the analysis reads: a final line end adds no line (as splitLines counts them). */
function analysedCount(lines: readonly string[]): number {
  if (lines.length === 1 && lines[0] === '') return 0;
  return lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

/** Where the document changed since its last analysis: lines before `start` and the last `tail` did not. */
interface ChangedRegion {
  start: number;
  tail: number;
}

interface Entry {
  cached: CachedAnalysis;
  engine: IncrementalAnalysis;
  /** The document's lines now (kept up to date by `change`), and their version. */
  lines: string[];
  linesVersion: number;
  /** What changed since `cached.version`; null when only starting over is safe. */
  changed: ChangedRegion | null;
}

/**
 * Latest analysis per open document, keyed by URI and version; evicted when the document closes.
 * Edits are applied to a copy of the document's lines, so an analysis after an edit re-reads
 * only what changed instead of the whole text.
 */
export class DocumentCache {
  readonly #entries = new Map<string, Entry>();

  get(uri: string, version: number, text: () => string): CachedAnalysis {
    const entry = this.#entries.get(uri);
    if (entry && entry.cached.version === version) return entry.cached;
    let lines: string[];
    let engine: IncrementalAnalysis;
    if (entry && entry.linesVersion === version && entry.changed) {
      lines = entry.lines;
      const oldCount = entry.cached.analysis.lines.length;
      const newCount = analysedCount(lines);
      // The raw tail may include the empty line after a final line end, which is not analysed.
      const tail = Math.max(
        0,
        Math.min(entry.changed.tail - (lines.length - newCount), oldCount, newCount),
      );
      const start = Math.min(entry.changed.start, oldCount - tail, newCount - tail);
      engine = updateLines(entry.engine, lines, newCount, {
        start,
        oldEnd: oldCount - tail,
        newEnd: newCount - tail,
      });
    } else {
      lines = text().split(LINE_BREAK);
      engine = analyzeLines(lines, analysedCount(lines));
    }
    const cached: CachedAnalysis = {
      uri,
      version,
      analysis: engine.analysis,
      index: indexAnalysis(engine.analysis),
      lines,
      method: engine.method,
    };
    this.#entries.set(uri, {
      cached,
      engine,
      lines,
      linesVersion: version,
      changed: { start: lines.length, tail: lines.length },
    });
    return cached;
  }

  /**
   * Applies a document's content changes (in order) to the cached lines. `lineCount` is the
   * document's line count after them, to check the copy stayed in step.
   */
  change(
    uri: string,
    changes: readonly TextDocumentContentChangeEvent[],
    version: number,
    lineCount: number,
  ): void {
    const entry = this.#entries.get(uri);
    if (!entry) return;
    // The analysis keeps reading the lines it was given: edit a copy once per analysed version.
    if (entry.lines === entry.cached.lines) entry.lines = entry.lines.slice();
    const lines = entry.lines;
    let region = entry.changed;
    for (const change of changes) {
      if (!('range' in change) || region === null) {
        region = null;
        break;
      }
      const { start, end } = change.range;
      if (start.line >= lines.length || end.line >= lines.length) {
        region = null;
        break;
      }
      const before = lines[start.line]!.slice(0, start.character);
      const after = lines[end.line]!.slice(end.character);
      const replacement = `${before}${change.text}${after}`.split(LINE_BREAK);
      if (replacement.length > MAX_SPLICED_LINES) {
        region = null;
        break;
      }
      const tailAfter = lines.length - end.line - 1;
      lines.splice(start.line, end.line - start.line + 1, ...replacement);
      region = {
        start: Math.min(region.start, start.line),
        tail: Math.min(region.tail, tailAfter),
      };
    }
    entry.linesVersion = version;
    // A line end split across an edit (`\r` + `\n`) joins lines the copy keeps apart.
    entry.changed = region !== null && lines.length === lineCount ? region : null;
  }

  /** The edits since the last analysis are known line by line: the next one can be incremental. */
  canUpdateInPlace(uri: string, version: number): boolean {
    const entry = this.#entries.get(uri);
    return entry !== undefined && entry.linesVersion === version && entry.changed !== null;
  }

  /** Every cached analysis (for workspace-wide symbol search). */
  all(): CachedAnalysis[] {
    return [...this.#entries.values()].map((e) => e.cached);
  }

  delete(uri: string): void {
    this.#entries.delete(uri);
  }
}
