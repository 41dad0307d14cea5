import type { Disposable, Event } from 'vscode';
import { languages, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import type { Timeline, TimelineParams } from '../../../server/src/protocol';
import { TimelineRequest } from '../../../server/src/protocol';
import type { DiskAnalyses } from '../diskAnalysis/diskAnalyses';
import { sameTimeline } from './timelineModel';

/** Edits closer together than this are fetched once (the server also waits 150 ms). */
const EDIT_DELAY_MS = 300;
/** An analysis the server already published: fetch soon. */
const ANALYSED_DELAY_MS = 60;

type Listener = (timeline: Timeline | null) => void;

/**
 * The `tcpdumpLens/timeline` model of the documents someone watches (a diagram, the Connections
 * view), fetched again, debounced, when the document changes or the server analysed it again.
 *
 * `tcpdumpLens/analysisUpdated` has one handler per client in vscode-languageclient (the status
 * bar's), so this store follows document edits and published diagnostics instead, and accepts
 * an event of analysed URIs from the caller when one exists.
 */
export class TimelineStore implements Disposable {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly latest = new Map<string, Timeline | null>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sequence = new Map<string, number>();
  /** The drawn connection of each file analysed from disk. */
  private readonly drawn = new Map<string, Timeline>();
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    analysed?: Event<{ uri: string }>,
    /** Files analysed from disk: their model is set here, never fetched (the server has none). */
    private readonly disk?: DiskAnalyses,
  ) {
    this.subscriptions.push(
      workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document.uri.toString(), EDIT_DELAY_MS);
      }),
      // A document whose language changes (e.g. to tcpdump) is closed and opened again.
      workspace.onDidOpenTextDocument((d) => this.schedule(d.uri.toString(), ANALYSED_DELAY_MS)),
      languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) this.schedule(uri.toString(), ANALYSED_DELAY_MS);
      }),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running)
          for (const uri of this.listeners.keys()) this.schedule(uri, ANALYSED_DELAY_MS);
      }),
    );
    if (analysed) this.subscriptions.push(analysed((s) => this.schedule(s.uri, ANALYSED_DELAY_MS)));
    // Analysed again (the drawing may be stale), or dropped (fetch from the server again).
    if (disk)
      this.subscriptions.push(
        disk.onDidChange((uri) => {
          this.drawn.delete(uri);
          if (disk.has(uri)) this.notify(uri, null);
          else this.schedule(uri, 0);
        }),
      );
  }

  /** The last model fetched for a watched document (undefined: not fetched yet). */
  current(uri: string): Timeline | null | undefined {
    return this.isFromDisk(uri) ? (this.drawn.get(uri) ?? null) : this.latest.get(uri);
  }

  /** Whether the document is a file analysed from disk (VS Code does not hand it over). */
  isFromDisk(uri: string): boolean {
    return this.disk?.has(uri) ?? false;
  }

  /** Sets the model of a file analysed from disk (one connection's) and tells the watchers. */
  setDrawn(uri: string, timeline: Timeline): void {
    this.drawn.set(uri, timeline);
    this.notify(uri, timeline);
  }

  private notify(uri: string, timeline: Timeline | null): void {
    for (const l of [...(this.listeners.get(uri) ?? [])]) l(timeline);
  }

  /** Calls `listener` with the model now (fetched) and whenever it changes. */
  watch(uri: string, listener: Listener): Disposable {
    let set = this.listeners.get(uri);
    if (!set) this.listeners.set(uri, (set = new Set()));
    set.add(listener);
    const known = this.current(uri);
    if (known !== undefined) listener(known);
    this.schedule(uri, 0);
    return {
      dispose: () => {
        set.delete(listener);
        if (set.size === 0) {
          this.listeners.delete(uri);
          this.latest.delete(uri);
          clearTimeout(this.timers.get(uri));
          this.timers.delete(uri);
        }
      },
    };
  }

  /** Fetches a document's model now (not cached; for one-off uses such as commands). */
  async fetch(uri: string): Promise<Timeline | null> {
    if (this.isFromDisk(uri)) return this.drawn.get(uri) ?? null;
    if (this.client.state !== State.Running) return null;
    try {
      const params: TimelineParams = { uri };
      return await this.client.sendRequest<Timeline | null>(TimelineRequest, params);
    } catch {
      return null;
    }
  }

  private schedule(uri: string, delay: number): void {
    if (!this.listeners.has(uri) || this.isFromDisk(uri)) return;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.refresh(uri);
      }, delay),
    );
  }

  private async refresh(uri: string): Promise<void> {
    const n = (this.sequence.get(uri) ?? 0) + 1;
    this.sequence.set(uri, n);
    const timeline = await this.fetch(uri);
    // A newer request was sent meanwhile, nobody watches any more, or the file is read from disk.
    if (this.sequence.get(uri) !== n || !this.listeners.has(uri) || this.isFromDisk(uri)) return;
    const before = this.latest.get(uri);
    if (before && timeline && sameTimeline(before, timeline)) return;
    if (before === null && timeline === null) return;
    this.latest.set(uri, timeline);
    for (const l of [...(this.listeners.get(uri) ?? [])]) l(timeline);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
