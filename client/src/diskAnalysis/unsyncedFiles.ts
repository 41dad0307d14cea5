import * as fs from 'node:fs/promises';
import type { Uri } from 'vscode';
import { workspace } from 'vscode';
import { looksLikeTcpdump } from '../looksLikeTcpdump';
import { SNIFF_BYTES, SYNC_LIMIT_BYTES, hasTcpdumpEnding } from './largeFiles';
import { isSynced } from './tabs';

/** The first bytes of a file (workspace.fs reads only whole files). */
async function head(path: string): Promise<string> {
  const file = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The size of a file on disk that VS Code will not hand to extensions, or undefined. */
export async function unsyncableSize(uri: Uri): Promise<number | undefined> {
  if (uri.scheme !== 'file' || isSynced(uri)) return undefined;
  try {
    const { size } = await workspace.fs.stat(uri);
    return size > SYNC_LIMIT_BYTES ? size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a file holds tcpdump output: by its name (the tcpdump language's endings), else, when
 * plain-text detection is on, by its first lines.
 */
export async function looksLikeTcpdumpFile(uri: Uri): Promise<boolean> {
  if (hasTcpdumpEnding(uri.path)) return true;
  if (!workspace.getConfiguration('tcpdumpLens').get<boolean>('detectPlainTextLogs', true))
    return false;
  try {
    return looksLikeTcpdump(await head(uri.fsPath));
  } catch {
    return false;
  }
}
