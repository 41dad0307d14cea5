import type { Analysis } from '../analysis';
import { analyze } from '../analysis';
import type { AnalysisIndex } from '../explain';
import { indexAnalysis } from '../explain';

export interface CachedAnalysis {
  uri: string;
  version: number;
  analysis: Analysis;
  index: AnalysisIndex;
  /** The document's lines, for positions and token text. */
  lines: string[];
}

/** Latest analysis per open document, keyed by URI and version; evicted when the document closes. */
export class DocumentCache {
  readonly #entries = new Map<string, CachedAnalysis>();

  get(uri: string, version: number, text: () => string): CachedAnalysis {
    const entry = this.#entries.get(uri);
    if (entry && entry.version === version) return entry;
    const content = text();
    const analysis = analyze(content);
    const fresh: CachedAnalysis = {
      uri,
      version,
      analysis,
      index: indexAnalysis(analysis),
      lines: content.split(/\r\n|\n|\r/),
    };
    this.#entries.set(uri, fresh);
    return fresh;
  }

  /** Every cached analysis (for workspace-wide symbol search). */
  all(): CachedAnalysis[] {
    return [...this.#entries.values()];
  }

  delete(uri: string): void {
    this.#entries.delete(uri);
  }
}
