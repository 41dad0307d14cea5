import type { Analysis } from '../analysis';
import { analyze } from '../analysis';

interface Entry {
  version: number;
  analysis: Analysis;
}

/** Latest analysis per open document, keyed by URI and version; evicted when the document closes. */
export class DocumentCache {
  readonly #entries = new Map<string, Entry>();

  get(uri: string, version: number, text: () => string): Analysis {
    const entry = this.#entries.get(uri);
    if (entry && entry.version === version) return entry.analysis;
    const analysis = analyze(text());
    this.#entries.set(uri, { version, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.#entries.delete(uri);
  }
}
