import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCaptureDocuments } from './capture/captureDocuments';
import { registerCommands } from './commands';
import { DiskAnalyses, registerDiskAnalysis } from './diskAnalysis';
import { createLanguageClient } from './languageClient';
import { registerLiveCapture } from './live/liveCapture';
import { registerPlainTextDetection } from './plainTextDetection';
import { registerSequenceDiagram } from './sequenceDiagram';
import { registerStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  client = createLanguageClient(context);
  registerCommands(context, client);
  registerPlainTextDetection(context);
  const captures = registerCaptureDocuments(context);
  registerLiveCapture(context);
  const disk = new DiskAnalyses();
  registerDiskAnalysis(context, client, disk, captures);
  registerSequenceDiagram(context, client, { disk });
  await client.start();
  registerStatusBar(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
