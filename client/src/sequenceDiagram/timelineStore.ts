import type { Disposable, Event } from 'vscode';
import { languages, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import type { Timeline, TimelineParams } from '../../../server/src/protocol';
import { TimelineRequest } from '../../../server/src/protocol';
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
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    analysed?: Event<{ uri: string }>,
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
  }

  /** The last model fetched for a watched document (undefined: not fetched yet). */
  current(uri: string): Timeline | null | undefined {
    return this.latest.get(uri);
  }

  /** Calls `listener` with the model now (fetched) and whenever it changes. */
  watch(uri: string, listener: Listener): Disposable {
    let set = this.listeners.get(uri);
    if (!set) this.listeners.set(uri, (set = new Set()));
    set.add(listener);
    const known = this.latest.get(uri);
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
    if (this.client.state !== State.Running) return null;
    try {
      const params: TimelineParams = { uri };
      return await this.client.sendRequest<Timeline | null>(TimelineRequest, params);
    } catch {
      return null;
    }
  }

  private schedule(uri: string, delay: number): void {
    if (!this.listeners.has(uri)) return;
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
    // A newer request was sent meanwhile, or nobody watches any more.
    if (this.sequence.get(uri) !== n || !this.listeners.has(uri)) return;
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
