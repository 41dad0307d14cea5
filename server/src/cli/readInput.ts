import { readFile } from 'node:fs/promises';

export type InputResult = { ok: true; text: string } | { ok: false; error: string };

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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file (or standard input for `-`) as UTF-8 text; invalid bytes become U+FFFD. */
export async function readInput(path: string): Promise<InputResult> {
  try {
    const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: describe(error, path) };
  }
}
