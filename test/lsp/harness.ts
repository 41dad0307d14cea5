import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { repoRoot } from '../support/paths';

export interface Harness {
  client: MessageConnection;
  init: InitializeResult;
  open(name: string, text: string): Promise<string>;
  diagnostics(uri: string): Promise<Diagnostic[]>;
  dispose(): void;
}

export function fixture(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, relative), 'utf8');
}

/** The sample session repeated `copies` times, each copy on its own client ports. */
export function manyConnections(copies: number): string {
  const sample = fixture('samples/http-session.tcpdump');
  const parts: string[] = [];
  for (let i = 0; i < copies; i++)
    parts.push(
      sample
        .replaceAll('127.0.0.1.33156', `127.0.0.1.${10000 + i}`)
        .replaceAll('127.0.0.1.33170', `127.0.0.1.${20000 + i}`)
        .replaceAll('127.0.0.1.56174', `127.0.0.1.${30000 + i}`),
    );
  return parts.join('');
}

/**
 * Starts the real language server on one end of two in-memory pipes and a JSON-RPC client on the
 * other. `settings` reach the server as initialization options; `locale` as the client locale.
 */
export async function startHarness(
  options: {
    locale?: string;
    settings?: unknown;
    capabilities?: object;
    /** The server's pause before re-analysing after an edit that makes it start over. */
    diagnosticsDelayMs?: number;
  } = {},
): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(serverConnection, { diagnosticsDelayMs: options.diagnosticsDelayMs });
  const client = createMessageConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const published = new Map<string, Diagnostic[]>();
  const waiting = new Map<string, Array<(d: Diagnostic[]) => void>>();
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p.diagnostics);
    for (const resolve of waiting.get(p.uri) ?? []) resolve(p.diagnostics);
    waiting.delete(p.uri);
  });
  client.onRequest('workspace/inlayHint/refresh', () => null);
  client.onRequest('workspace/semanticTokens/refresh', () => null);
  client.onRequest('workspace/codeLens/refresh', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.listen();
  const init = await client.sendRequest<InitializeResult>('initialize', {
    processId: null,
    rootUri: null,
    locale: options.locale,
    capabilities: options.capabilities ?? {},
    initializationOptions:
      options.settings === undefined ? undefined : { settings: options.settings },
  });
  await client.sendNotification('initialized', {});
  let version = 0;
  return {
    client,
    init,
    async open(name, text) {
      const uri = `file:///workspace/${name}`;
      await client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'tcpdump', version: ++version, text },
      });
      return uri;
    },
    diagnostics(uri) {
      const known = published.get(uri);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => {
        const list = waiting.get(uri) ?? [];
        list.push(resolve);
        waiting.set(uri, list);
      });
    },
    dispose() {
      client.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
