import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { workspace } from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

/** Starts the language server (dist/server.js) over IPC for tcpdump documents. */
export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'tcpdump' }],
    initializationOptions: { settings: workspace.getConfiguration('tcpdumpLens') },
    synchronize: { configurationSection: 'tcpdumpLens' },
  };
  return new LanguageClient('tcpdumpLens', 'tcpdump Lens', serverOptions, clientOptions);
}
