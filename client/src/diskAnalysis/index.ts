import type { ExtensionContext } from 'vscode';
import { Uri, commands, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RenderedCaptures } from '../capture/captureDocuments';
import { CAPTURE_SCHEME } from '../capture/captureDocuments';
import type { ForgetFileAnalysisParams } from '../../../server/src/protocol';
import { ForgetFileAnalysisNotification } from '../../../server/src/protocol';
import { AnalyzeFromDiskCommand, analyzeFromDisk } from './analyzeFromDisk';
import { ShowMoreConnectionsCommand, showMoreConnections } from './connectionPages';
import type { DiskAnalyses } from './diskAnalyses';
import { SYNC_LIMIT_BYTES, captureNotSyncedMessage, notSyncedMessage } from './largeFiles';
import { activeTabUri, fileName, textTabUris, unsyncedFileTabs } from './tabs';
import { looksLikeTcpdumpFile, unsyncableSize } from './unsyncedFiles';

export { AnalyzeFromDiskCommand } from './analyzeFromDisk';
export { ShowMoreConnectionsCommand } from './connectionPages';
export { DiskAnalyses } from './diskAnalyses';

const ANALYZE_BUTTON = 'Analyze from disk';

/**
 * "Analyze from disk" for tcpdump files, and capture files' texts, that VS Code does not hand to
 * extensions (over 50 MB): a notice when such a file is open in a tab (at activation, whenever
 * tabs change and when a capture's text is rendered), the command, and dropping the results when
 * the file's last tab closes.
 */
export function registerDiskAnalysis(
  context: ExtensionContext,
  client: LanguageClient,
  analyses: DiskAnalyses,
  captures: RenderedCaptures,
): void {
  const run = (uri: Uri) =>
    analyzeFromDisk(client, analyses, captures, uri).catch((e: unknown) =>
      client.outputChannel.appendLine(`[analyze from disk] ${String(e)}`),
    );

  /** Why the file in a tab is not annotated, when VS Code did not hand it over for its size. */
  const notice = async (uri: Uri): Promise<string | undefined> => {
    if (uri.scheme === CAPTURE_SCHEME) {
      const length = captures.get(uri)?.length ?? 0;
      return length > SYNC_LIMIT_BYTES ? captureNotSyncedMessage(fileName(uri), length) : undefined;
    }
    const size = await unsyncableSize(uri);
    if (size === undefined || !(await looksLikeTcpdumpFile(uri))) return undefined;
    return notSyncedMessage(fileName(uri), size);
  };

  /** Files the notice was considered for, once each while they stay open. */
  const considered = new Set<string>();
  const offer = async (uri: Uri) => {
    const why = await notice(uri);
    if (why === undefined) return;
    // Closed, or handed over after all, while we looked.
    if (!unsyncedFileTabs().some((u) => u.toString() === uri.toString())) return;
    const choice = await window.showInformationMessage(`tcpdump Lens: ${why}`, ANALYZE_BUTTON);
    if (choice === ANALYZE_BUTTON) await run(uri);
  };
  const checkTabs = () => {
    for (const uri of unsyncedFileTabs()) {
      const key = uri.toString();
      if (considered.has(key) || analyses.has(key)) continue;
      // A capture's size is known once its text is rendered (onDidRender checks again).
      if (uri.scheme === CAPTURE_SCHEME && !captures.get(uri)) continue;
      considered.add(key);
      offer(uri).catch((e: unknown) =>
        client.outputChannel.appendLine(`[analyze from disk] ${String(e)}`),
      );
    }
  };

  const forgetClosed = () => {
    const open = new Set(textTabUris().map((u) => u.toString()));
    for (const key of [...considered]) if (!open.has(key)) considered.delete(key);
    for (const key of analyses.uris()) {
      if (open.has(key) || !analyses.delete(key)) continue;
      const params: ForgetFileAnalysisParams = { uri: key };
      client
        .sendNotification(ForgetFileAnalysisNotification, params)
        .catch((e: unknown) => client.outputChannel.appendLine(`[analyze from disk] ${String(e)}`));
    }
  };

  context.subscriptions.push(
    analyses,
    commands.registerCommand(AnalyzeFromDiskCommand, async (arg?: unknown) => {
      const uri = arg instanceof Uri ? arg : activeTabUri();
      if (!uri) {
        void window.showInformationMessage('tcpdump Lens: open the tcpdump file to analyse first.');
        return;
      }
      await run(uri);
    }),
    commands.registerCommand(ShowMoreConnectionsCommand, (uri?: unknown) =>
      typeof uri === 'string' ? showMoreConnections(client, analyses, uri) : undefined,
    ),
    window.tabGroups.onDidChangeTabs(() => {
      forgetClosed();
      checkTabs();
    }),
    captures.onDidRender(checkTabs),
  );
  checkTabs();
}
