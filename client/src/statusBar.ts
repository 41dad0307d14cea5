import type { ExtensionContext, TextEditor } from 'vscode';
import { StatusBarAlignment, env, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DocumentSummary } from '../../server/src/protocol';
import { AnalysisUpdatedNotification, DocumentSummaryRequest } from '../../server/src/protocol';

/** Chinese when the explanations are Chinese, to match hovers and lenses. */
function chinese(): boolean {
  const setting = workspace.getConfiguration('tcpdumpLens').get<string>('language', 'auto');
  if (setting === 'zh-CN') return true;
  if (setting === 'en') return false;
  return /^zh(-cn|-hans|-sg)?$/i.test(env.language);
}

function label(s: DocumentSummary): string {
  if (chinese()) {
    return `$(pulse) ${s.connections} 个连接 · ${s.tcpPackets} 个 TCP 报文${s.findings > 0 ? ` · $(warning) ${s.findings}` : ''}`;
  }
  return `$(pulse) ${s.connections} conn · ${s.tcpPackets} TCP pkts${s.findings > 0 ? ` · $(warning) ${s.findings}` : ''}`;
}

/** Shows connections, TCP packets and findings of the active tcpdump document. */
export function registerStatusBar(context: ExtensionContext, client: LanguageClient): void {
  const item = window.createStatusBarItem('tcpdumpLens.summary', StatusBarAlignment.Right, 100);
  item.name = 'tcpdump Lens';
  item.command = 'workbench.actions.view.problems';
  const summaries = new Map<string, DocumentSummary>();

  const update = (editor: TextEditor | undefined) => {
    const enabled = workspace
      .getConfiguration('tcpdumpLens')
      .get<boolean>('statusBar.enabled', true);
    if (!enabled || !editor || editor.document.languageId !== 'tcpdump') {
      item.hide();
      return;
    }
    const uri = editor.document.uri.toString();
    const known = summaries.get(uri);
    if (known) {
      item.text = label(known);
      item.tooltip = `tcpdump Lens: ${known.connections} TCP connections, ${known.tcpPackets} TCP packets of ${known.packets}, ${known.findings} findings, ${known.unrecognisedLines} unrecognised lines`;
      item.show();
      return;
    }
    client
      .sendRequest<DocumentSummary | null>(DocumentSummaryRequest, { uri })
      .then((s) => {
        if (!s) return;
        summaries.set(uri, s);
        if (window.activeTextEditor?.document.uri.toString() === uri)
          update(window.activeTextEditor);
      })
      .catch(() => item.hide());
  };

  context.subscriptions.push(
    item,
    client.onNotification(AnalysisUpdatedNotification, (s: DocumentSummary) => {
      summaries.set(s.uri, s);
      if (window.activeTextEditor?.document.uri.toString() === s.uri)
        update(window.activeTextEditor);
    }),
    window.onDidChangeActiveTextEditor(update),
    workspace.onDidCloseTextDocument((d) => summaries.delete(d.uri.toString())),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tcpdumpLens')) update(window.activeTextEditor);
    }),
  );
  update(window.activeTextEditor);
}
