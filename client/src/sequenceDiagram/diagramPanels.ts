import type { Disposable, OutputChannel, WebviewPanel, WebviewPanelSerializer } from 'vscode';
import { Uri, ViewColumn, window } from 'vscode';
import { parseDiagramFilter } from '../webviewProtocol';
import { DiagramSession, documentName, webviewOptions } from './diagramSession';
import type { TimelineStore } from './timelineStore';

export const DiagramPanelViewType = 'tcpdumpLens.sequenceDiagram';

interface Entry {
  readonly panel: WebviewPanel;
  readonly session: DiagramSession;
}

/**
 * The editor-area diagrams: one panel per document, opened beside its editor, restored after a
 * reload by the serializer (the webview's saved state names the document).
 */
export class DiagramPanels implements WebviewPanelSerializer, Disposable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly extensionUri: Uri,
    private readonly store: TimelineStore,
    private readonly log: OutputChannel,
  ) {}

  /** Opens (or reveals) the diagram of a document beside its editor. */
  show(uri: Uri, connections?: readonly number[]): DiagramSession {
    const key = uri.toString();
    let entry = this.entries.get(key);
    if (entry) {
      entry.panel.reveal(entry.panel.viewColumn ?? ViewColumn.Beside, true);
    } else {
      const panel = window.createWebviewPanel(
        DiagramPanelViewType,
        this.title(uri),
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        webviewOptions(this.extensionUri),
      );
      entry = this.adopt(panel, uri);
    }
    if (connections) entry.session.focusConnections(connections);
    return entry.session;
  }

  /** Restores a panel after a reload. The state comes from the webview: check it. */
  deserializeWebviewPanel(panel: WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.extensionUri);
    const raw =
      typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
    let uri: Uri | undefined;
    try {
      if (typeof raw['uri'] === 'string' && raw['uri'] !== '') uri = Uri.parse(raw['uri'], true);
    } catch {
      uri = undefined;
    }
    // Nothing to restore, or that document already has its panel.
    if (!uri || this.entries.has(uri.toString())) {
      panel.dispose();
      return Promise.resolve();
    }
    const entry = this.adopt(panel, uri);
    const filter = parseDiagramFilter(raw['filter']);
    if (filter) entry.session.filter = filter;
    return Promise.resolve();
  }

  private adopt(panel: WebviewPanel, uri: Uri): Entry {
    const key = uri.toString();
    const session = new DiagramSession(
      panel.webview,
      this.extensionUri,
      this.store,
      this.log,
      // The log opens in another group than the panel's.
      () => (panel.viewColumn === ViewColumn.One ? ViewColumn.Two : ViewColumn.One),
    );
    panel.title = this.title(uri);
    session.show(uri);
    session.setHtml();
    const entry = { panel, session };
    this.entries.set(key, entry);
    panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.visible) session.hidden();
    });
    panel.onDidDispose(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      session.dispose();
    });
    return entry;
  }

  private title(uri: Uri): string {
    return `Sequence: ${documentName(uri)}`;
  }

  sessions(): DiagramSession[] {
    return [...this.entries.values()].map((e) => e.session);
  }

  sessionFor(uri: Uri): DiagramSession | undefined {
    return this.entries.get(uri.toString())?.session;
  }

  /** The panel that has the focus, if a diagram panel has it. */
  activeSession(): DiagramSession | undefined {
    return [...this.entries.values()].find((e) => e.panel.active)?.session;
  }

  dispose(): void {
    for (const e of [...this.entries.values()]) e.panel.dispose();
    this.entries.clear();
  }
}
