import { randomUUID } from 'node:crypto';
import { ProgressLocation, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ResponseError, WorkDoneProgress } from 'vscode-languageclient/node';

export type Outcome<T> = { result: T } | { cancelled: true } | { error: string };

/**
 * Sends a request that reports LSP work-done progress, shown as a notification with a progress
 * bar and a Cancel button; Cancel cancels the request. Never throws: the server's message (or
 * the cancellation) comes back as the outcome.
 */
export function requestWithProgress<T>(
  client: LanguageClient,
  method: string,
  params: object,
  title: string,
): Thenable<Outcome<T>> {
  const workDoneToken = `tcpdumpLens-${randomUUID()}`;
  return window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    async (progress, token): Promise<Outcome<T>> => {
      let shown = 0;
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        // The notification's title already says what `begin` says.
        if (value.kind !== 'report') return;
        const percentage = value.percentage ?? shown;
        progress.report({ increment: Math.max(0, percentage - shown), message: value.message });
        shown = Math.max(shown, percentage);
      });
      try {
        const result = await client.sendRequest<T>(method, { ...params, workDoneToken }, token);
        return { result };
      } catch (error) {
        if (token.isCancellationRequested) return { cancelled: true };
        return {
          error:
            error instanceof ResponseError || error instanceof Error
              ? error.message
              : String(error),
        };
      } finally {
        listening.dispose();
      }
    },
  );
}
