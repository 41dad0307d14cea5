import type { Event, TextDocument, Uri } from 'vscode';
import { Disposable, EventEmitter, window, workspace } from 'vscode';
import type { DiskAnalyses } from '../diskAnalysis/diskAnalyses';
import { activeTabUri } from '../diskAnalysis/tabs';

/**
 * The tcpdump log the side views follow: the active editor's document when it is a tcpdump log,
 * or the active tab's file when it was analysed from disk (VS Code hands no editor for it), else
 * the last one that was (so focusing the diagram or another panel keeps it).
 */
export class ActiveLog implements Disposable {
  private current: Uri | undefined;
  private readonly emitter = new EventEmitter<Uri | undefined>();
  private readonly subscriptions: Disposable[];
  readonly onDidChange: Event<Uri | undefined> = this.emitter.event;

  constructor(disk?: DiskAnalyses) {
    const follow = (uri: Uri) => {
      if (this.current?.toString() === uri.toString()) return;
      this.current = uri;
      this.emitter.fire(uri);
    };
    const consider = (doc: TextDocument | undefined) => {
      if (doc && doc.languageId === 'tcpdump') follow(doc.uri);
    };
    const considerTab = () => {
      const uri = activeTabUri();
      if (uri && disk?.has(uri)) follow(uri);
    };
    const forget = (uri: string) => {
      if (this.current?.toString() !== uri) return;
      this.current = undefined;
      this.emitter.fire(undefined);
      consider(window.activeTextEditor?.document);
      considerTab();
    };
    this.subscriptions = [
      this.emitter,
      window.onDidChangeActiveTextEditor((e) => consider(e?.document)),
      // A plain-text log switched to tcpdump is opened again with the new language.
      workspace.onDidOpenTextDocument((d) => {
        if (window.activeTextEditor?.document.uri.toString() === d.uri.toString()) consider(d);
      }),
      workspace.onDidCloseTextDocument((d) => forget(d.uri.toString())),
      window.tabGroups.onDidChangeTabs(considerTab),
      window.tabGroups.onDidChangeTabGroups(considerTab),
      disk
        ? disk.onDidChange((uri) => (disk.has(uri) ? considerTab() : forget(uri)))
        : new Disposable(() => undefined),
    ];
    consider(window.activeTextEditor?.document);
    considerTab();
  }

  get uri(): Uri | undefined {
    return this.current;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
