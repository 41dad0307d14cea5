import type { Uri } from 'vscode';
import { commands, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RenderedCaptures } from '../capture/captureDocuments';
import { CAPTURE_SCHEME, captureFileOf } from '../capture/captureDocuments';
import type { AnalyzeFileParams, FileAnalysis } from '../../../server/src/protocol';
import { AnalyzeFileRequest } from '../../../server/src/protocol';
import type { DiskAnalyses } from './diskAnalyses';
import { summaryMessage } from './largeFiles';
import { requestWithProgress } from './serverRequest';
import { fileName, isSynced } from './tabs';

export const AnalyzeFromDiskCommand = 'tcpdumpLens.analyzeFromDisk';
/** The Connections view's focus command (VS Code makes one per view). */
const FocusConnectionsViewCommand = 'tcpdumpLens.connections.focus';

/**
 * Asks the server to stream a file from disk through the analysis (progress and Cancel in a
 * notification), keeps the results for the Connections view and the diagram, and says what was
 * found. A capture shown as text is read from its file and rendered alike. Only reads the file:
 * allowed in untrusted workspaces.
 */
export async function analyzeFromDisk(
  client: LanguageClient,
  analyses: DiskAnalyses,
  captures: RenderedCaptures,
  uri: Uri,
): Promise<FileAnalysis | undefined> {
  const name = fileName(uri);
  const isCapture = uri.scheme === CAPTURE_SCHEME;
  if (uri.scheme !== 'file' && !isCapture) {
    void window.showErrorMessage(
      `tcpdump Lens: ${name} is not a file on disk (${uri.scheme}:); only files on disk can be analysed from disk.`,
    );
    return undefined;
  }
  if (isSynced(uri)) {
    void window.showInformationMessage(
      `tcpdump Lens: ${name} is open in the editor and analysed as you edit it.`,
    );
    return undefined;
  }
  const params: AnalyzeFileParams = {
    uri: uri.toString(),
    ...(isCapture && {
      capture: { file: captureFileOf(uri).toString(), ...captures.renderingOf(uri) },
    }),
  };
  const outcome = await requestWithProgress<FileAnalysis>(
    client,
    AnalyzeFileRequest,
    params,
    `tcpdump Lens: analysing ${name} from disk`,
  );
  if ('cancelled' in outcome) {
    void window.showInformationMessage(`tcpdump Lens: the analysis of ${name} was cancelled.`);
    return undefined;
  }
  if ('error' in outcome) {
    void window.showErrorMessage(`tcpdump Lens: ${outcome.error}`);
    return undefined;
  }
  analyses.set(outcome.result);
  await commands.executeCommand(FocusConnectionsViewCommand);
  void window
    .showInformationMessage(
      `tcpdump Lens: ${summaryMessage(name, outcome.result)}`,
      'Show Problems',
    )
    .then((choice) => {
      if (choice) void commands.executeCommand('workbench.actions.view.problems');
    });
  return outcome.result;
}
