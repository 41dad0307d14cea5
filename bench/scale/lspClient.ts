// A minimal language client over stdio for the bundled server (node dist/server.js --stdio). It
// announces what VS Code announces, so the server takes the same paths (pulling configuration,
// asking for progress tokens, refreshing inlay hints), and it answers those requests.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ConfigurationParams,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { serverBundle } from './paths';
import { procStatusKb } from './proc';

export type SyncKind = 'none' | 'full' | 'incremental';

export interface Published {
  version: number | undefined;
  diagnostics: number;
  /** performance.now() when the notification arrived. */
  at: number;
}

/** The server has finished with a version: its analysis notification came. */
export interface Answered {
  /** performance.now() when the notification arrived. */
  at: number;
  /** Diagnostics were published for that version before it (they are only when they changed). */
  published: boolean;
}

export interface LspServer {
  pid: number;
  syncKind: SyncKind;
  connection: MessageConnection;
  /** Resolves with the first diagnostics for `uri` at `version` or later. */
  expectDiagnostics(uri: string, version: number, timeoutMs: number): Promise<Published>;
  /** Resolves when the server's analysis notification for `uri` at `version` or later comes. */
  expectAnswer(uri: string, version: number, timeoutMs: number): Promise<Answered>;
  /** Current and peak resident memory of the server process in bytes, when /proc has them. */
  memory(): { rssBytes: number | null; peakBytes: number | null };
  /** Errors the server logged (window/logMessage of type Error) and its stderr. */
  errors: string[];
  stop(): Promise<void>;
}

const LOG_ERROR = 1;

/** Waits for something about a document at a version or later, settled as it arrives. */
class VersionWaiters<T> {
  readonly #waiting: Array<{ uri: string; version: number; resolve: (value: T) => void }> = [];

  /** Settles the waits that `uri` at `version` answers. */
  settle(uri: string, version: number, value: T): void {
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const w = this.#waiting[i]!;
      if (w.uri !== uri || version < w.version) continue;
      this.#waiting.splice(i, 1);
      w.resolve(value);
    }
  }

  wait(uri: string, version: number, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter = {
        uri,
        version,
        resolve: (value: T) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      const timer = setTimeout(() => {
        const i = this.#waiting.indexOf(waiter);
        if (i !== -1) this.#waiting.splice(i, 1);
        reject(new Error(`no ${what} for version ${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.push(waiter);
    });
  }
}

function syncKindOf(init: InitializeResult): SyncKind {
  const sync = init.capabilities.textDocumentSync;
  const change = typeof sync === 'number' ? sync : sync?.change;
  return change === 2 ? 'incremental' : change === 1 ? 'full' : 'none';
}

export async function startLspServer(): Promise<LspServer> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [serverBundle, '--stdio']);
  const errors: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => errors.push(chunk.trim()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );

  const diagnosticsWaiters = new VersionWaiters<Published>();
  const answerWaiters = new VersionWaiters<Answered>();
  /** The version each document's diagnostics were last published for. */
  const publishedVersion = new Map<string, number | undefined>();
  connection.onNotification(
    'tcpdumpLens/analysisUpdated',
    (s: { uri: string; version: number }) => {
      const published = publishedVersion.get(s.uri) === s.version;
      answerWaiters.settle(s.uri, s.version, { at: performance.now(), published });
    },
  );
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    publishedVersion.set(p.uri, p.version);
    diagnosticsWaiters.settle(p.uri, p.version ?? Infinity, {
      version: p.version,
      diagnostics: p.diagnostics.length,
      at: performance.now(),
    });
  });
  connection.onNotification('window/logMessage', (p: LogMessageParams) => {
    if (p.type === LOG_ERROR) errors.push(p.message);
  });
  // Default settings: an empty object for every section asked for.
  let configurationPulled: () => void = () => undefined;
  const pulled = new Promise<void>((resolve) => (configurationPulled = resolve));
  connection.onRequest('workspace/configuration', (p: ConfigurationParams) => {
    configurationPulled();
    return p.items.map(() => ({}));
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/semanticTokens/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.listen();

  const init = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: {
        configuration: true,
        inlayHint: { refreshSupport: true },
        semanticTokens: { refreshSupport: true },
        codeLens: { refreshSupport: true },
      },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        inlayHint: {},
      },
    },
  });
  await connection.sendNotification('initialized', {});
  // The server reads its settings right after `initialized`; let that finish before timing.
  await Promise.race([pulled, new Promise((resolve) => setTimeout(resolve, 2000))]);

  const pid = child.pid!;
  return {
    pid,
    syncKind: syncKindOf(init),
    connection,
    errors,
    expectDiagnostics: (uri, version, timeoutMs) =>
      diagnosticsWaiters.wait(uri, version, timeoutMs, 'diagnostics'),
    expectAnswer: (uri, version, timeoutMs) =>
      answerWaiters.wait(uri, version, timeoutMs, 'analysis'),
    memory() {
      const rss = procStatusKb(pid, 'VmRSS');
      const peak = procStatusKb(pid, 'VmHWM');
      return {
        rssBytes: rss === null ? null : rss * 1024,
        peakBytes: peak === null ? null : peak * 1024,
      };
    },
    async stop() {
      try {
        await Promise.race([
          connection.sendRequest('shutdown'),
          new Promise((resolve) => setTimeout(resolve, 5000)),
        ]);
        await connection.sendNotification('exit');
      } catch {
        // The process may already be gone; it is killed below either way.
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}
