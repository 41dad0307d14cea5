import { window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FileConnectionsPage, FileConnectionsParams } from '../../../server/src/protocol';
import { FILE_CONNECTIONS_PAGE, FileConnectionsRequest } from '../../../server/src/protocol';
import type { DiskAnalyses } from './diskAnalyses';

/** Lists the next page of a file's connections (the Connections view's last item runs it). */
export const ShowMoreConnectionsCommand = 'tcpdumpLens.connections.showMore';

/** Pages asked for and not answered yet, by URI: a second click waits for the first. */
const loading = new Map<string, Promise<void>>();

/**
 * Asks the server for the connections of a file analysed from disk that follow those listed, a
 * page of them, and adds them to its results. Says why in an error message when it cannot.
 */
export function showMoreConnections(
  client: LanguageClient,
  analyses: DiskAnalyses,
  uri: string,
): Promise<void> {
  const pending = loading.get(uri);
  if (pending) return pending;
  const result = analyses.get(uri);
  if (!result || result.connections.length >= result.connectionCount) return Promise.resolve();
  const params: FileConnectionsParams = {
    uri,
    start: result.connections.length,
    count: FILE_CONNECTIONS_PAGE,
  };
  const request = client
    .sendRequest<FileConnectionsPage>(FileConnectionsRequest, params)
    .then(
      (page) => void analyses.addConnections(page),
      (e: unknown) =>
        void window.showErrorMessage(
          `tcpdump Lens: could not list more connections: ${e instanceof Error ? e.message : String(e)}`,
        ),
    )
    .finally(() => loading.delete(uri));
  loading.set(uri, request);
  return request;
}
