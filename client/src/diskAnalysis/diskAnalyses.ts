import type { Disposable, Event, Uri } from 'vscode';
import { EventEmitter } from 'vscode';
import type { FileAnalysis, FileConnectionsPage } from '../../../server/src/protocol';

/**
 * The results of the files analysed from disk, by URI, while their tabs are open: the Connections
 * view lists them, the diagram draws their connections. A file's connections come a page at a
 * time: `connections` holds those listed so far, `connectionCount` says how many there are.
 */
export class DiskAnalyses implements Disposable {
  private readonly results = new Map<string, FileAnalysis>();
  private readonly emitter = new EventEmitter<string>();
  private readonly pages = new EventEmitter<string>();
  /** Fired with the URI whose results arrived or were dropped. */
  readonly onDidChange: Event<string> = this.emitter.event;
  /** Fired with the URI of which more connections arrived. */
  readonly onDidAddConnections: Event<string> = this.pages.event;

  get(uri: Uri | string): FileAnalysis | undefined {
    return this.results.get(uri.toString());
  }

  has(uri: Uri | string): boolean {
    return this.results.has(uri.toString());
  }

  set(result: FileAnalysis): void {
    this.results.set(result.uri, { ...result, connections: [...result.connections] });
    this.emitter.fire(result.uri);
  }

  /**
   * Adds the connections of a page that follows those listed (a page for another analysis of
   * the file, or one already added, is ignored). Returns whether it added any.
   */
  addConnections(page: FileConnectionsPage): boolean {
    const result = this.results.get(page.uri);
    if (!result || page.total !== result.connectionCount) return false;
    if (page.start !== result.connections.length || page.connections.length === 0) return false;
    result.connections.push(...page.connections);
    this.pages.fire(page.uri);
    return true;
  }

  delete(uri: string): boolean {
    if (!this.results.delete(uri)) return false;
    this.emitter.fire(uri);
    return true;
  }

  uris(): string[] {
    return [...this.results.keys()];
  }

  dispose(): void {
    this.emitter.dispose();
    this.pages.dispose();
  }
}
