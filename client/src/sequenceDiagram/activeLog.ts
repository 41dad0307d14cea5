import type { Disposable, Event, TextDocument, Uri } from 'vscode';
import { EventEmitter, window, workspace } from 'vscode';

/**
 * The tcpdump log the side views follow: the active editor's document when it is a tcpdump log,
 * else the last one that was (so focusing the diagram or another panel keeps it).
 */
export class ActiveLog implements Disposable {
  private current: Uri | undefined;
  private readonly emitter = new EventEmitter<Uri | undefined>();
  private readonly subscriptions: Disposable[];
  readonly onDidChange: Event<Uri | undefined> = this.emitter.event;

  constructor() {
    const consider = (doc: TextDocument | undefined) => {
      if (!doc || doc.languageId !== 'tcpdump') return;
      if (this.current?.toString() === doc.uri.toString()) return;
      this.current = doc.uri;
      this.emitter.fire(doc.uri);
    };
    this.subscriptions = [
      this.emitter,
      window.onDidChangeActiveTextEditor((e) => consider(e?.document)),
      // A plain-text log switched to tcpdump is opened again with the new language.
      workspace.onDidOpenTextDocument((d) => {
        if (window.activeTextEditor?.document.uri.toString() === d.uri.toString()) consider(d);
      }),
      workspace.onDidCloseTextDocument((d) => {
        if (this.current?.toString() !== d.uri.toString()) return;
        this.current = undefined;
        this.emitter.fire(undefined);
        consider(window.activeTextEditor?.document);
      }),
    ];
    consider(window.activeTextEditor?.document);
  }

  get uri(): Uri | undefined {
    return this.current;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
