import type { Uri, ViewColumn } from 'vscode';
import { Range, TabInputText, commands, window, workspace } from 'vscode';
import { CAPTURE_SCHEME, captureFileOf } from '../capture/captureDocuments';

/** Past the end of any line: the editor selects to the line's end (it clamps the range). */
const LINE_END = 2 ** 31 - 1;

/** The files shown in text editor tabs. */
export function textTabUris(): Uri[] {
  const uris = new Map<string, Uri>();
  for (const group of window.tabGroups.all)
    for (const tab of group.tabs)
      if (tab.input instanceof TabInputText) uris.set(tab.input.uri.toString(), tab.input.uri);
  return [...uris.values()];
}

/** The file of the active tab, when it is a text editor (synced to extensions or not). */
export function activeTabUri(): Uri | undefined {
  const input = window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof TabInputText ? input.uri : undefined;
}

/** Whether VS Code handed the document to extensions (it does not above 50 MB). */
export function isSynced(uri: Uri | string): boolean {
  const key = uri.toString();
  return workspace.textDocuments.some((d) => d.uri.toString() === key);
}

/**
 * Files on disk, and capture files shown as text, open in tabs whose document the extension host
 * never received.
 */
export function unsyncedFileTabs(): Uri[] {
  return textTabUris().filter(
    (uri) => (uri.scheme === 'file' || uri.scheme === CAPTURE_SCHEME) && !isSynced(uri),
  );
}

/** The column of a tab showing the file, if one does. */
function tabColumn(uri: Uri): ViewColumn | undefined {
  const key = uri.toString();
  for (const group of window.tabGroups.all)
    for (const tab of group.tabs)
      if (tab.input instanceof TabInputText && tab.input.uri.toString() === key)
        return group.viewColumn;
  return undefined;
}

/**
 * Reveals and selects a line of a file through the editor alone (`vscode.open`), which works for
 * a file VS Code does not hand to extensions: no document is opened in the extension host.
 */
export async function revealFileLine(
  uri: Uri,
  line: number,
  preserveFocus: boolean,
  fallbackColumn: ViewColumn,
): Promise<void> {
  await commands.executeCommand('vscode.open', uri, {
    selection: new Range(line, 0, line, LINE_END),
    preserveFocus,
    preview: false,
    viewColumn: tabColumn(uri) ?? fallbackColumn,
  });
}

/** The name of a file, or of the capture file a capture document shows. */
export function fileName(uri: Uri): string {
  const file = uri.scheme === CAPTURE_SCHEME ? captureFileOf(uri) : uri;
  return file.path.split('/').pop() || uri.toString();
}
