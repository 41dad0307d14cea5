import type { Disposable, Event, Uri } from 'vscode';
import { EventEmitter } from 'vscode';
import type { FileAnalysis } from '../../../server/src/protocol';

/**
 * The results of the files analysed from disk, by URI, while their tabs are open: the Connections
 * view lists them, the diagram draws their connections.
 */
export class DiskAnalyses implements Disposable {
  private readonly results = new Map<string, FileAnalysis>();
  private readonly emitter = new EventEmitter<string>();
  /** Fired with the URI whose results arrived or were dropped. */
  readonly onDidChange: Event<string> = this.emitter.event;

  get(uri: Uri | string): FileAnalysis | undefined {
    return this.results.get(uri.toString());
  }

  has(uri: Uri | string): boolean {
    return this.results.has(uri.toString());
  }

  set(result: FileAnalysis): void {
    this.results.set(result.uri, result);
    this.emitter.fire(result.uri);
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
  }
}
