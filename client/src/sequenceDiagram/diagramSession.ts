import * as path from 'node:path';
import type { Disposable, OutputChannel, TextEditor, Webview, ViewColumn } from 'vscode';
import { Selection, TextEditorRevealType, Uri, window, workspace } from 'vscode';
import type { Timeline } from '../../../server/src/protocol';
import type { DiagramFilter, DiagramModel, HostToWebview, WebviewToHost } from '../webviewProtocol';
import { parseWebviewToHost } from '../webviewProtocol';
import { revealFileLine } from '../diskAnalysis/tabs';
import { packetAtLine } from './timelineModel';
import { deliverExport } from './exportSink';
import type { TimelineStore } from './timelineStore';
import { createNonce, webviewHtml } from './webviewHtml';

/** Where the webview bundle lives: the only folder the webview may load from. */
export function webviewRoot(extensionUri: Uri): Uri {
  return Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: Uri) {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export function documentName(uri: Uri): string {
  return path.posix.basename(uri.path) || uri.toString();
}

/** The visible editor showing a document, if any. */
export function editorFor(uri: Uri): TextEditor | undefined {
  const key = uri.toString();
  return window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
}

/**
 * Reveals and selects a whole line in the editor showing the document (opened in
 * `fallbackColumn` when none does). Lines past the end are ignored.
 */
export async function revealLine(
  uri: Uri,
  line: number,
  preserveFocus: boolean,
  fallbackColumn: ViewColumn,
): Promise<boolean> {
  const document = await workspace.openTextDocument(uri);
  if (line >= document.lineCount) return false;
  const range = document.lineAt(line).range;
  const visible = editorFor(uri);
  const editor = await window.showTextDocument(document, {
    viewColumn: visible?.viewColumn ?? fallbackColumn,
    preserveFocus,
    preview: false,
    selection: new Selection(range.start, range.end),
  });
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

/**
 * One webview showing the diagram of one document (an editor-area panel or the side view):
 * feeds it the model, follows the editor's cursor, reveals lines it asks for, delivers exports.
 * Every message from the webview is validated before use.
 */
export class DiagramSession implements Disposable {
  private uri: Uri | undefined;
  private ready = false;
  private watch: Disposable | undefined;
  private readonly subscriptions: Disposable[] = [];
  /** Messages for the webview until its script says `ready`. */
  private pending: HostToWebview[] = [];
  private model: DiagramModel | null = null;
  filter: DiagramFilter | undefined;

  constructor(
    readonly webview: Webview,
    private readonly extensionUri: Uri,
    private readonly store: TimelineStore,
    private readonly log: OutputChannel,
    /** Column to open the log in when no editor shows it. */
    private readonly editorColumn: () => ViewColumn,
  ) {
    this.subscriptions.push(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
  }

  get documentUri(): Uri | undefined {
    return this.uri;
  }

  get timeline(): DiagramModel | null {
    return this.model;
  }

  /** (Re)loads the page. */
  setHtml(): void {
    this.ready = false;
    const root = webviewRoot(this.extensionUri);
    this.webview.html = webviewHtml({
      cspSource: this.webview.cspSource,
      scriptUri: this.webview.asWebviewUri(Uri.joinPath(root, 'main.js')).toString(),
      styleUri: this.webview.asWebviewUri(Uri.joinPath(root, 'styles.css')).toString(),
      nonce: createNonce(),
      documentUri: this.uri?.toString() ?? '',
      title: this.uri ? `Sequence diagram: ${documentName(this.uri)}` : 'Sequence diagram',
    });
  }

  /** Shows a document's diagram (undefined: nothing to show). */
  show(uri: Uri | undefined): void {
    if (uri && this.uri && uri.toString() === this.uri.toString()) return;
    this.watch?.dispose();
    this.watch = undefined;
    this.uri = uri;
    this.model = null;
    if (!uri) {
      this.post({ type: 'empty', message: 'Open a tcpdump log to see its sequence diagram.' });
      return;
    }
    this.post({ type: 'empty', message: `Analysing ${documentName(uri)}…` });
    // The server analyses open documents only: make sure this one is open (after a reload the
    // panel may come back before its editor). A file analysed from disk is never opened: VS Code
    // would refuse it.
    const fromDisk = this.store.isFromDisk(uri.toString());
    if (!fromDisk && !workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()))
      workspace
        .openTextDocument(uri)
        .then(undefined, () =>
          this.post({ type: 'empty', message: `${documentName(uri)} cannot be opened.` }),
        );
    this.watch = this.store.watch(uri.toString(), (t) => this.onTimeline(uri, t));
  }

  private onTimeline(uri: Uri, t: Timeline | null): void {
    if (!this.uri || this.uri.toString() !== uri.toString()) return;
    if (!t) {
      this.model = null;
      this.post({
        type: 'empty',
        message: this.store.isFromDisk(uri.toString())
          ? `${documentName(uri)} was analysed from disk: pick one of its connections in the Connections view to draw it.`
          : `No analysis of ${documentName(uri)} yet: is it open in the tcpdump language mode?`,
      });
      return;
    }
    // Timeline (server protocol) and DiagramModel (webview protocol) have the same shape.
    const model: DiagramModel = t;
    this.model = model;
    this.post({ type: 'model', model, documentName: documentName(uri) });
    const editor = editorFor(uri);
    if (editor) this.postCursor(editor.selection.active.line);
  }

  /** Forwards the editor's cursor line (when this session shows that document). */
  cursorMoved(uri: Uri, line: number): void {
    if (this.uri && this.model && uri.toString() === this.uri.toString()) this.postCursor(line);
  }

  /**
   * Tells the webview which packet the cursor is on: any line of a packet (its `-v` second line,
   * dump lines) selects that packet's arrow; a line of no TCP packet clears the selection, so the
   * highlighted arrow is always the packet under the cursor, never a stale one.
   */
  private postCursor(line: number): void {
    if (!this.model) return;
    this.post({ type: 'cursor', line, packet: packetAtLine(this.model.packets, line) });
  }

  /**
   * The webview was hidden: VS Code drops its page (no retainContextWhenHidden) and loads it
   * again when shown, and that page says `ready` again. Keep messages until then.
   */
  hidden(): void {
    this.ready = false;
  }

  focusConnections(connections: readonly number[]): void {
    this.post({ type: 'focusConnections', connections });
  }

  requestExport(msg: Extract<HostToWebview, { type: 'requestExport' }>): void {
    this.post(msg);
  }

  post(msg: HostToWebview): void {
    if (!this.ready) {
      // Only the latest model/empty state matters; other messages keep their order.
      if (msg.type === 'model' || msg.type === 'empty')
        this.pending = this.pending.filter((m) => m.type !== 'model' && m.type !== 'empty');
      this.pending.push(msg);
      return;
    }
    void this.webview.postMessage(msg);
  }

  private receive(raw: unknown): void {
    const msg = parseWebviewToHost(raw);
    if (!msg) {
      this.log.appendLine('[sequence diagram] ignored a malformed message from the webview');
      return;
    }
    this.handle(msg).catch((error: unknown) =>
      this.log.appendLine(`[sequence diagram] ${msg.type} failed: ${String(error)}`),
    );
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.pending;
        this.pending = [];
        // A reloaded page needs the model again.
        if (this.model && !queued.some((m) => m.type === 'model'))
          queued.unshift({
            type: 'model',
            model: this.model,
            documentName: this.uri ? documentName(this.uri) : '',
          });
        for (const m of queued) void this.webview.postMessage(m);
        return;
      }
      case 'revealLine':
        if (!(await this.reveal(msg.line, msg.preserveFocus)))
          this.log.appendLine(
            `[sequence diagram] ignored a request for line ${msg.line + 1}, outside the document`,
          );
        return;
      case 'pickConnections':
        await this.pickConnections(msg.selected);
        return;
      case 'export': {
        const result = await deliverExport(msg, this.uri, this.uri && editorFor(this.uri));
        this.post({ type: 'notice', ...result });
        return;
      }
      case 'filterChanged':
        this.filter = msg.filter;
        return;
      case 'error':
        this.log.appendLine(`[sequence diagram] webview: ${msg.message}`);
        return;
    }
  }

  /** Reveals and selects a line of the shown document. */
  async reveal(line: number, preserveFocus: boolean): Promise<boolean> {
    if (!this.uri) return false;
    if (!this.store.isFromDisk(this.uri.toString()))
      return revealLine(this.uri, line, preserveFocus, this.editorColumn());
    // Without a document to check the line against, only the lines of the drawn packets are valid.
    if (!this.model || packetAtLine(this.model.packets, line) === null) return false;
    await revealFileLine(this.uri, line, preserveFocus, this.editorColumn());
    return true;
  }

  private async pickConnections(selected: readonly number[]): Promise<void> {
    if (!this.model) return;
    const chosen = new Set(selected);
    const items = this.model.connections.map((c) => ({
      label: `#${c.id}  ${c.client} → ${c.server}`,
      description: `${c.packets} packets · ${c.handshake} · ${c.close}${c.findings > 0 ? ` · ${c.findings} findings` : ''}`,
      picked: chosen.has(c.id),
      id: c.id,
    }));
    const picked = await window.showQuickPick(items, {
      canPickMany: true,
      title: 'Connections to show in the sequence diagram',
      placeHolder: 'None picked shows every connection',
      matchOnDescription: true,
    });
    if (picked) this.focusConnections(picked.map((p) => p.id));
  }

  dispose(): void {
    this.watch?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
