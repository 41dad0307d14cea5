import * as path from 'node:path';
import type { TextEditor } from 'vscode';
import { FileType, Uri, ViewColumn, languages, window, workspace } from 'vscode';
import type { ExportFormat, ExportMessage } from '../webviewProtocol';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
  mermaid: { Mermaid: ['mmd', 'mermaid', 'md'] },
  plantuml: { PlantUML: ['puml', 'plantuml', 'txt'] },
  ascii: { Text: ['txt'] },
};

/** Language of an untitled export: the format's own if an extension provides it. */
async function languageFor(format: ExportFormat): Promise<string> {
  const known = new Set(await languages.getLanguages());
  const wanted: Record<ExportFormat, string[]> = {
    svg: ['xml'],
    png: [],
    mermaid: ['mermaid'],
    plantuml: ['plantuml'],
    ascii: [],
  };
  return wanted[format].find((l) => known.has(l)) ?? 'plaintext';
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    const stat = await workspace.fs.stat(uri);
    return stat.type !== FileType.Unknown;
  } catch {
    return false;
  }
}

/** Folder proposed in the save dialog: the log's, else the first workspace folder. */
function defaultFolder(source: Uri | undefined): Uri | undefined {
  if (source && source.scheme !== 'untitled') return Uri.joinPath(source, '..');
  return workspace.workspaceFolders?.[0]?.uri;
}

/**
 * Delivers an export: to a new untitled document (text formats), or to a file the user picks.
 * An existing file is replaced only after the user confirms it. Returns what happened, for the
 * webview's status line.
 */
export async function deliverExport(
  msg: ExportMessage,
  source: Uri | undefined,
  sourceEditor: TextEditor | undefined,
): Promise<{ level: 'info' | 'error'; message: string }> {
  if (msg.target === 'untitled' && msg.format !== 'png') {
    const document = await workspace.openTextDocument({
      language: await languageFor(msg.format),
      content: msg.content,
    });
    // In the log's editor group, so that the diagram stays in view.
    await window.showTextDocument(document, {
      viewColumn: sourceEditor?.viewColumn ?? ViewColumn.Active,
      preview: false,
    });
    return { level: 'info', message: `Exported to a new ${msg.format} document.` };
  }
  const folder = defaultFolder(source);
  const target = await window.showSaveDialog({
    title: `Export the sequence diagram (${msg.format})`,
    saveLabel: 'Export',
    defaultUri: folder ? Uri.joinPath(folder, msg.suggestedName) : undefined,
    filters: FILTERS[msg.format],
  });
  if (!target) return { level: 'info', message: 'Export cancelled.' };
  if (await exists(target)) {
    const replace = 'Replace';
    const answer = await window.showWarningMessage(
      `${path.posix.basename(target.path)} already exists. Replace it?`,
      { modal: true, detail: target.scheme === 'file' ? target.fsPath : target.toString() },
      replace,
    );
    if (answer !== replace)
      return { level: 'info', message: 'Export cancelled: the existing file was kept.' };
  }
  const bytes =
    msg.format === 'png'
      ? Buffer.from(msg.content, 'base64')
      : new TextEncoder().encode(msg.content);
  try {
    await workspace.fs.writeFile(target, bytes);
  } catch (error) {
    return { level: 'error', message: `Export failed: ${String(error)}` };
  }
  return {
    level: 'info',
    message: `Exported to ${target.scheme === 'file' ? target.fsPath : target.toString()}.`,
  };
}
