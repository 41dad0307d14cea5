import type { QuickPickItem, Uri } from 'vscode';
import { ViewColumn, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FileConnectionTimelineParams, Timeline } from '../../../server/src/protocol';
import { FileConnectionTimelineRequest } from '../../../server/src/protocol';
import type { DiagramPanels } from '../sequenceDiagram/diagramPanels';
import type { TimelineStore } from '../sequenceDiagram/timelineStore';
import type { DiskAnalyses } from './diskAnalyses';
import { numberTyped } from './connectionNumber';
import { requestWithProgress } from './serverRequest';
import { fileName, revealFileLine } from './tabs';

/**
 * Sequence diagrams of files analysed from disk, one connection at a time: the server reads the
 * connection's lines from the file again and the diagram panel shows them; clicking an arrow
 * opens the file at its line without VS Code handing the document over.
 */
export class DiskDiagrams {
  constructor(
    private readonly client: LanguageClient,
    private readonly analyses: DiskAnalyses,
    private readonly store: TimelineStore,
    private readonly panels: DiagramPanels,
  ) {}

  handles(uri: Uri): boolean {
    return this.analyses.has(uri);
  }

  /** Draws a connection of the file (asks which one when not given) and reveals its first line. */
  async show(uri: Uri, connection?: number): Promise<void> {
    const id = connection ?? (await this.pick(uri));
    if (id === undefined) return;
    const key = uri.toString();
    const drawn = this.store.current(key);
    const timeline = drawn && drawn.connections[0]?.id === id ? drawn : await this.read(uri, id);
    if (!timeline) return;
    this.store.setDrawn(key, timeline);
    this.panels.show(uri, [id]);
    const first = timeline.packets[0];
    if (first) await revealFileLine(uri, first.line, true, ViewColumn.One);
  }

  private async read(uri: Uri, connection: number): Promise<Timeline | undefined> {
    const params: FileConnectionTimelineParams = { uri: uri.toString(), connection };
    const outcome = await requestWithProgress<Timeline>(
      this.client,
      FileConnectionTimelineRequest,
      params,
      `tcpdump Lens: reading connection ${connection} of ${fileName(uri)}`,
    );
    if ('error' in outcome) void window.showErrorMessage(`tcpdump Lens: ${outcome.error}`);
    return 'result' in outcome ? outcome.result : undefined;
  }

  private async pick(uri: Uri): Promise<number | undefined> {
    const result = this.analyses.get(uri);
    const listed: ConnectionPick[] = (result?.connections ?? []).map((c) => ({
      label: `#${c.id}  ${c.client} → ${c.server}`,
      description: `${c.packets} packets · ${c.handshake} · ${c.close}${c.findings > 0 ? ` · ${c.findings} findings` : ''}`,
      id: c.id,
    }));
    const total = result?.connectionCount ?? 0;
    const pick = window.createQuickPick<ConnectionPick>();
    pick.title = `The connection of ${fileName(uri)} to draw`;
    pick.matchOnDescription = true;
    pick.items = listed;
    // Only the first connections are listed: any other is drawn by its number.
    if (listed.length < total) {
      pick.placeholder = `Type a connection's number (1 to ${total.toLocaleString('en')}) or pick one`;
      pick.onDidChangeValue((value) => {
        const id = numberTyped(value, total);
        const typed: ConnectionPick[] =
          id === undefined || listed.some((c) => c.id === id)
            ? []
            : [{ label: `#${id}`, description: 'draw this connection', id, alwaysShow: true }];
        pick.items = [...typed, ...listed];
      });
    }
    return new Promise((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.id);
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  }
}

interface ConnectionPick extends QuickPickItem {
  id: number;
}
