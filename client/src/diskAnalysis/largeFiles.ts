// What the client says and decides about files too large for VS Code to hand to extensions.
// No editor imports: unit-tested directly.
import type { FileAnalysis } from '../../../server/src/protocol';

/**
 * VS Code hands no document of more than 50 MiB (characters) to extensions: the editor opens it,
 * the extension host never sees it. Bytes are at least as many as characters, so a file at or
 * under this size is always handed over.
 */
export const SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

/** The endings of the tcpdump language (package.json `contributes.languages`). */
export const TCPDUMP_FILE_ENDINGS = ['.tcpdump', '.tcpd', '.pcap.txt'];

/** How much of a file's start is read to tell whether it holds tcpdump output. */
export const SNIFF_BYTES = 16 * 1024;

export function hasTcpdumpEnding(path: string): boolean {
  const lower = path.toLowerCase();
  return TCPDUMP_FILE_ENDINGS.some((ending) => lower.endsWith(ending));
}

/** `62.9 MB`: the size as the explorer and the editor's large-file message show it (MiB). */
export function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What an analysis from disk shows, as the notices say it. */
const FROM_DISK_SHOWS =
  'findings in the Problems panel, connections in the Connections view, and the sequence ' +
  'diagram of a connection.';

/** Why the file shows no analysis, and what can be done instead. */
export function notSyncedMessage(name: string, bytes: number): string {
  return (
    `${name} is ${formatSize(bytes)}: VS Code does not pass files over 50 MB to extensions, ` +
    `so tcpdump Lens cannot annotate it in the editor. It can analyse it from disk instead: ${FROM_DISK_SHOWS}`
  );
}

/** Why a capture file's text shows no analysis, and what can be done instead. */
export function captureNotSyncedMessage(name: string, characters: number): string {
  return (
    `The text of ${name} is ${formatSize(characters)}: VS Code does not pass documents over 50 MB ` +
    'to extensions, so tcpdump Lens cannot annotate it in the editor. It can analyse the capture ' +
    `from disk instead: ${FROM_DISK_SHOWS}`
  );
}

/** The line the user reads when the analysis is done. */
export function summaryMessage(name: string, r: FileAnalysis): string {
  const parts = [
    count(r.lines, 'line'),
    `${count(r.packets, 'packet')} (${r.tcpPackets.toLocaleString('en')} TCP)`,
    count(r.connectionCount, 'connection'),
    count(r.findings, 'finding'),
    count(r.unrecognisedLines, 'unrecognised line'),
  ];
  const error = r.error ? ` The analysis stopped early: ${r.error}.` : '';
  return `${name} analysed from disk in ${r.seconds.toFixed(1)} s: ${parts.join(', ')}.${error}`;
}
