import type { Event, ExtensionContext } from 'vscode';
import { Uri, ViewColumn, commands, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConnectionsTree } from '../connectionsTree/connectionsTree';
import { AnalyzeFromDiskCommand } from '../diskAnalysis/analyzeFromDisk';
import type { DiskAnalyses } from '../diskAnalysis/diskAnalyses';
import { DiskDiagrams } from '../diskAnalysis/diskDiagrams';
import { unsyncableSize } from '../diskAnalysis/unsyncedFiles';
import type { ExportFormat, ExportTarget } from '../webviewProtocol';
import { ActiveLog } from './activeLog';
import { DiagramPanelViewType, DiagramPanels } from './diagramPanels';
import type { DiagramSession } from './diagramSession';
import { revealLine } from './diagramSession';
import { DiagramViewId, DiagramViewProvider } from './diagramView';
import { TimelineStore } from './timelineStore';

export const ShowSequenceDiagramCommand = 'tcpdumpLens.showSequenceDiagram';
export const ExportSequenceDiagramCommand = 'tcpdumpLens.exportSequenceDiagram';
export const FocusConnectionsCommand = 'tcpdumpLens.focusConnections';

/** What `tcpdumpLens.showSequenceDiagram` accepts: nothing, a URI, or `{ uri, connection }`. */
export function parseShowArgs(
  arg: unknown,
  activeUri: Uri | undefined,
): { uri: Uri; connection?: number } | undefined {
  if (arg instanceof Uri) return { uri: arg };
  if (
    typeof arg === 'object' &&
    arg !== null &&
    typeof (arg as { uri?: unknown }).uri === 'string'
  ) {
    const { uri, connection } = arg as { uri: string; connection?: unknown };
    let parsed: Uri;
    try {
      parsed = Uri.parse(uri, true);
    } catch {
      return undefined;
    }
    return typeof connection === 'number' && Number.isSafeInteger(connection) && connection >= 0
      ? { uri: parsed, connection }
      : { uri: parsed };
  }
  return activeUri ? { uri: activeUri } : undefined;
}

export interface SequenceDiagramOptions {
  /** URIs the server analysed again (e.g. from `tcpdumpLens/analysisUpdated`), if available. */
  analysed?: Event<{ uri: string }>;
  /** Files analysed from disk (too large for VS Code to hand over): drawn one connection at a time. */
  disk?: DiskAnalyses;
}

/**
 * The sequence diagram: the editor-area panel (command, editor title, CodeLens; restored after a
 * reload), the side view of the active log, the Connections view, cursor sync and export.
 */
export function registerSequenceDiagram(
  context: ExtensionContext,
  client: LanguageClient,
  options: SequenceDiagramOptions = {},
): void {
  const log = client.outputChannel;
  const store = new TimelineStore(client, options.analysed, options.disk);
  const active = new ActiveLog(options.disk);
  const panels = new DiagramPanels(context.extensionUri, store, log);
  const view = new DiagramViewProvider(context.extensionUri, store, log, active);
  const disk = options.disk && new DiskDiagrams(client, options.disk, store, panels);

  const sessions = (): DiagramSession[] => {
    const all = panels.sessions();
    if (view.current) all.push(view.current);
    return all;
  };

  /** Focuses connections in the diagrams of a document and reveals the first in the editor. */
  const focus = async (uri: Uri, ids: number[]) => {
    if (disk?.handles(uri)) return disk.show(uri, ids[0]);
    panels.sessionFor(uri)?.focusConnections(ids);
    view.focus(uri, ids);
    const timeline = store.current(uri.toString()) ?? (await store.fetch(uri.toString()));
    const c = timeline?.connections.find((x) => x.id === ids[0]);
    const first = c ? timeline?.packets.find((p) => p.packet === c.firstPacket) : undefined;
    if (first) await revealLine(uri, first.line, true, ViewColumn.One);
  };

  const tree = new ConnectionsTree(
    store,
    active,
    (uri, ids) => {
      focus(uri, ids).catch((e: unknown) => log.appendLine(`[connections] ${String(e)}`));
    },
    options.disk,
  );

  /** A file VS Code does not hand over is analysed from disk first, then drawn from there. */
  const showFromDisk = async (uri: Uri, connection: number | undefined): Promise<boolean> => {
    if (!disk) return false;
    if (!disk.handles(uri) && (await unsyncableSize(uri)) !== undefined)
      await commands.executeCommand(AnalyzeFromDiskCommand, uri);
    if (!disk.handles(uri)) return false;
    await disk.show(uri, connection);
    return true;
  };

  context.subscriptions.push(
    store,
    active,
    panels,
    view,
    tree,
    window.registerWebviewPanelSerializer(DiagramPanelViewType, panels),
    window.registerWebviewViewProvider(DiagramViewId, view),
    window.onDidChangeTextEditorSelection((e) => {
      const line = e.selections[0]?.active.line;
      if (line === undefined) return;
      for (const s of sessions()) s.cursorMoved(e.textEditor.document.uri, line);
    }),
    commands.registerCommand(ShowSequenceDiagramCommand, async (arg?: unknown) => {
      const editor = window.activeTextEditor;
      const activeUri =
        editor?.document.languageId === 'tcpdump' ? editor.document.uri : active.uri;
      const target = parseShowArgs(arg, activeUri);
      if (!target) {
        void window.showInformationMessage('Open a tcpdump log first.');
        return;
      }
      if (await showFromDisk(target.uri, target.connection)) return;
      panels.show(target.uri, target.connection !== undefined ? [target.connection] : undefined);
    }),
    commands.registerCommand(FocusConnectionsCommand, async (arg?: unknown) => {
      const target = parseShowArgs(arg, active.uri);
      const ids = (arg as { connections?: unknown } | undefined)?.connections;
      if (!target) return;
      const list = Array.isArray(ids)
        ? ids.filter((n): n is number => Number.isSafeInteger(n) && (n as number) >= 0)
        : target.connection !== undefined
          ? [target.connection]
          : [];
      await focus(target.uri, list);
    }),
    commands.registerCommand(ExportSequenceDiagramCommand, async () => {
      const session =
        panels.activeSession() ??
        (view.visible ? view.current : undefined) ??
        panels.sessions()[0] ??
        view.current;
      if (!session?.timeline) {
        void window.showInformationMessage('Open a sequence diagram first.');
        return;
      }
      const formats: Array<{ label: string; description: string; format: ExportFormat }> = [
        { label: 'Mermaid', description: 'sequenceDiagram text', format: 'mermaid' },
        { label: 'PlantUML', description: '@startuml … @enduml', format: 'plantuml' },
        { label: 'ASCII ladder', description: 'plain text for tickets', format: 'ascii' },
        { label: 'SVG', description: 'vector image', format: 'svg' },
        { label: 'PNG', description: 'bitmap image (to a file)', format: 'png' },
      ];
      const format = await window.showQuickPick(formats, {
        title: 'Export the shown connections of the sequence diagram',
      });
      if (!format) return;
      let target: ExportTarget = 'file';
      if (format.format !== 'png') {
        const where = await window.showQuickPick(
          [
            { label: 'New untitled document', target: 'untitled' as const },
            { label: 'File…', target: 'file' as const },
          ],
          { title: `Export ${format.label} to` },
        );
        if (!where) return;
        target = where.target;
      }
      session.requestExport({ type: 'requestExport', format: format.format, target });
    }),
  );
}
