// Inputs for the tests of streamed reading: files opened as the CLI opens them, and long logs
// made of short real ones.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { splitLines } from '../../server/src/analysis/parse/text';
import type { OpenedInput } from '../../server/src/cli/readInput';
import { openInput } from '../../server/src/cli/readInput';

/** A file opened as the CLI opens it, read in chunks of `chunkBytes` (default: the CLI's). */
export async function opened(file: string, chunkBytes?: number): Promise<OpenedInput> {
  const r = await openInput(file, { chunkBytes });
  if (!r.ok) throw new Error(r.error);
  return r.input;
}

/** Writes `content` to a file `name` in a new temporary folder. */
export function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-stream-')), name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * Repeats a log, each copy with the client port 50384 moved to a port of its own, until it has
 * `lines` lines: as many connections as copies.
 */
export function repeatWithShiftedPorts(text: string, lines: number): string {
  const body = splitLines(text);
  const out: string[] = [];
  for (let copy = 0; out.length < lines; copy++) {
    const port = `.${1024 + (copy % 60000)}`;
    for (const line of body) out.push(line.replace(/\.50384\b/g, port));
  }
  return `${out.join('\n')}\n`;
}

/**
 * A flood of `connections` unanswered SYNs, each from a client address and port of its own: the
 * first SYN of a real log (its client `127.0.0.10.44127`) with that endpoint rewritten.
 */
export function synFlood(text: string, connections: number): string {
  const syn = splitLines(text).find((line) => line.includes('Flags [S],'));
  if (!syn) throw new Error('no SYN to repeat');
  const out: string[] = [];
  for (let i = 0; i < connections; i++) {
    const client = `127.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}.${1024 + (i % 60000)}`;
    out.push(syn.replace('127.0.0.10.44127', client));
  }
  return `${out.join('\n')}\n`;
}
