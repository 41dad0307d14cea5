import { CHECKPOINT_LINES } from './checkpoints';
import type { Cancellation, LineSource } from './readLines';
import { readLines } from './readLines';

/** A connection of an analysed file: its endpoints as printed and its first and last packets. */
export interface ConnectionSpan {
  client: string;
  server: string;
  firstPacket: number;
  lastPacket: number;
}

/** Some lines of a file, with the file's 0-based number of each. */
export interface LineSubset {
  lines: string[];
  fileLines: number[];
}

/** Where the lines of a file are: from its first analysis. */
export interface FileLayout extends LineSource {
  size: number;
  /** First line of each packet, by packet ordinal (index 0 unused). */
  packetLines: ArrayLike<number>;
  /** Byte offset of line `k * CHECKPOINT_LINES`, by `k`. */
  checkpoints: readonly number[];
}

/** `a > b:` as tcpdump prints a packet from `a` to `b`, not as the tail of a longer address. */
function printsFlow(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    if (before === 32 || before === 9) return true;
  }
  return false;
}

/**
 * Reads from a file the lines of one connection: each packet between its first and last packet
 * whose lines print its two endpoints (either way), with all the lines of that packet (its `-v`
 * second line, dumps, payload). Reading starts at the checkpoint before the first packet and stops
 * after the last one. The analysis core then tells the connection's packets from any other that
 * printed the same endpoints.
 */
export async function readConnectionLines(
  file: FileLayout,
  connection: ConnectionSpan,
  cancellation: Cancellation,
  onProgress: (done: number, total: number) => void,
): Promise<LineSubset> {
  const { packetLines, checkpoints } = file;
  const firstLine = packetLines[connection.firstPacket]!;
  const endLine =
    connection.lastPacket + 1 < packetLines.length
      ? packetLines[connection.lastPacket + 1]!
      : Number.POSITIVE_INFINITY;
  const needles = [
    `${connection.client} > ${connection.server}:`,
    `${connection.server} > ${connection.client}:`,
  ];
  const checkpoint = Math.min(Math.floor(firstLine / CHECKPOINT_LINES), checkpoints.length - 1);
  const from = { byte: checkpoints[checkpoint] ?? 0, line: checkpoint * CHECKPOINT_LINES };
  // Reading ends by the checkpoint after the last packet's lines (or the end of the file).
  const end = checkpoints[Math.ceil(endLine / CHECKPOINT_LINES)] ?? file.size;
  const span = Math.max(1, end - from.byte);

  const subset: LineSubset = { lines: [], fileLines: [] };
  let group: { lines: string[]; first: number; matches: boolean } | null = null;
  let nextPacket = connection.firstPacket;
  let finished = false;
  const flush = () => {
    if (group?.matches) {
      group.lines.forEach((text, i) => {
        subset.lines.push(text);
        subset.fileLines.push(group!.first + i);
      });
    }
    group = null;
  };
  await readLines(
    file,
    (text, line) => {
      if (finished || line < firstLine) return;
      if (line >= endLine) {
        flush();
        finished = true;
        return;
      }
      if (nextPacket < packetLines.length && line === packetLines[nextPacket]) {
        flush();
        group = { lines: [], first: line, matches: false };
        nextPacket++;
      }
      if (!group) return;
      group.lines.push(text);
      if (!group.matches) group.matches = needles.some((n) => printsFlow(text, n));
    },
    {
      from,
      cancellation,
      onBytes: (bytes) => onProgress(Math.min(bytes, span), span),
      done: () => finished,
    },
  );
  flush();
  return subset;
}
