import type { Analysis, ConnectionOverview, StreamedAnalysis } from '../analysis';
import type { Paint } from './paint';
import { tableLines, visibleLength } from './table';

/**
 * What the connection table shows: the same from a whole-text analysis and from one streamed
 * line by line (which keeps no per-line records).
 */
export interface SummaryData {
  connections: readonly ConnectionOverview[];
  packets: number;
  tcpPackets: number;
  lines: number;
  unrecognised: number;
  sequenceNumbering: 'relative' | 'absolute';
}

export function summaryOfAnalysis(analysis: Analysis): SummaryData {
  let unrecognised = 0;
  for (const l of analysis.lines) if (l.kind === 'unrecognised') unrecognised++;
  return {
    connections: analysis.connections,
    packets: analysis.packets.length,
    tcpPackets: analysis.tcp.length,
    lines: analysis.lines.length,
    unrecognised,
    sequenceNumbering: analysis.sequenceNumbering,
  };
}

export function summaryOfStream(analysis: StreamedAnalysis): SummaryData {
  return {
    connections: analysis.connections,
    packets: analysis.packetCount,
    tcpPackets: analysis.tcpPacketCount,
    lines: analysis.lineCount,
    unrecognised: analysis.unrecognisedCount,
    sequenceNumbering: analysis.sequenceNumbering,
  };
}

const HEADER = [
  '#',
  'client',
  'server',
  'packets',
  'handshake',
  'close',
  'closer',
  'client state',
  'server state',
  'zeek',
  'findings',
];

/**
 * The per-connection table printed at the end of the text report and by `--format summary`, a
 * line at a time (a capture of a million connections prints a million rows).
 */
export function* summaryLines(summary: SummaryData, paint: Paint): Generator<string, void, void> {
  const { connections, tcpPackets, unrecognised } = summary;
  yield (
    `${connections.length} TCP connection${connections.length === 1 ? '' : 's'}, ` +
    `${tcpPackets} TCP packet${tcpPackets === 1 ? '' : 's'} of ${summary.packets}, ` +
    `${summary.lines} line${summary.lines === 1 ? '' : 's'}` +
    (unrecognised > 0 ? `, ${paint.warning(`${unrecognised} unrecognised`)}` : '') +
    ` (sequence numbers: ${summary.sequenceNumbering})`
  );
  if (connections.length === 0) return;
  yield '';
  const rowAt = (i: number) => {
    const c = connections[i]!;
    return [
      String(c.id),
      c.client + (c.clientInferred ? ' (inferred)' : ''),
      c.server,
      String(c.packets),
      c.handshake,
      c.close,
      c.activeCloser ?? '-',
      paint.state(c.finalState.client, c.finalState.client),
      paint.state(c.finalState.server, c.finalState.server),
      `${c.verdict.zeek.connState} ${c.verdict.zeek.history}`,
      c.findings.length > 0 ? paint.warning(c.findings.join(',')) : '-',
    ];
  };
  yield* tableLines(HEADER, connections.length, rowAt, visibleLength);
}

/** `summaryLines`, all at once. */
export function renderSummary(summary: SummaryData, paint: Paint): string[] {
  return [...summaryLines(summary, paint)];
}
