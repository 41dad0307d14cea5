import type { TimestampStyle } from '../capture';
import { captureToText, isCaptureFile } from './captureInput';
import { readFile } from 'node:fs/promises';

export type InputResult =
  { ok: true; text: string; warning: string | null } | { ok: false; error: string };

function describe(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file`;
    case 'EISDIR':
      return `${path}: is a directory, not a file of tcpdump output`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    default:
      return `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads a file (or standard input for `-`): tcpdump text as UTF-8 (invalid bytes become
 * U+FFFD), or a pcap/pcapng capture rendered the way `tcpdump -n -r` prints it.
 */
export async function readInput(
  path: string,
  timeZone: string,
  timestamps: TimestampStyle = 'time',
): Promise<InputResult> {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? await readStdin() : await readFile(path);
  } catch (error) {
    return { ok: false, error: describe(error, path) };
  }
  if (!isCaptureFile(bytes.subarray(0, 12)))
    return { ok: true, text: bytes.toString('utf8'), warning: null };
  const capture = captureToText(bytes, timeZone, timestamps);
  if (capture.error && capture.packets === 0) {
    return {
      ok: false,
      error: `${path}: not a readable capture file: ${capture.error.message} (byte offset ${capture.error.offset})`,
    };
  }
  const warning = capture.error
    ? `${path}: ${capture.error.message} at byte offset ${capture.error.offset}; showing the ${capture.packets} packets before it`
    : null;
  return { ok: true, text: capture.text, warning };
}
