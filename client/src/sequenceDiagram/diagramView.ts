import type {
  CancellationToken,
  Disposable,
  OutputChannel,
  Uri,
  WebviewView,
  WebviewViewProvider,
  WebviewViewResolveContext,
} from 'vscode';
import { ViewColumn } from 'vscode';
import type { ActiveLog } from './activeLog';
import { DiagramSession, webviewOptions } from './diagramSession';
import type { TimelineStore } from './timelineStore';

export const DiagramViewId = 'tcpdumpLens.diagram';

/** The side-bar (or panel) diagram: always the active tcpdump log's. */
export class DiagramViewProvider implements WebviewViewProvider, Disposable {
  private session: DiagramSession | undefined;
  private view: WebviewView | undefined;
  /** Connections to focus once the view is resolved. */
  private pendingFocus: { uri: string; connections: readonly number[] } | undefined;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly extensionUri: Uri,
    private readonly store: TimelineStore,
    private readonly log: OutputChannel,
    private readonly active: ActiveLog,
  ) {
    this.subscriptions.push(active.onDidChange((uri) => this.session?.show(uri)));
  }

  resolveWebviewView(
    view: WebviewView,
    _context: WebviewViewResolveContext,
    _token: CancellationToken,
  ): void {
    this.session?.dispose();
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    const session = new DiagramSession(
      view.webview,
      this.extensionUri,
      this.store,
      this.log,
      () => ViewColumn.Active,
    );
    this.session = session;
    session.show(this.active.uri);
    session.setHtml();
    if (this.pendingFocus && this.pendingFocus.uri === this.active.uri?.toString())
      session.focusConnections(this.pendingFocus.connections);
    this.pendingFocus = undefined;
    view.onDidChangeVisibility(() => {
      if (!view.visible) session.hidden();
    });
    view.onDidDispose(() => {
      if (this.session === session) {
        this.session = undefined;
        this.view = undefined;
      }
      session.dispose();
    });
  }

  /** The view's session when it is resolved. */
  get current(): DiagramSession | undefined {
    return this.session;
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Focuses connections of a document in the view (now, or when it is first shown). */
  focus(uri: Uri, connections: readonly number[]): void {
    if (this.session && this.session.documentUri?.toString() === uri.toString())
      this.session.focusConnections(connections);
    else if (!this.session) this.pendingFocus = { uri: uri.toString(), connections };
  }

  dispose(): void {
    this.session?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
