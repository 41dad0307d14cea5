import type { Analysis } from '../analysis';
import type { Paint } from './paint';
import { formatTable, visibleLength } from './table';

/** The per-connection table printed at the end of the text report and by `--format summary`. */
export function renderSummary(analysis: Analysis, paint: Paint): string[] {
  const out: string[] = [];
  const tcpPackets = analysis.tcp.length;
  const unrecognised = analysis.lines.filter((l) => l.kind === 'unrecognised').length;
  out.push(
    `${analysis.connections.length} TCP connection${analysis.connections.length === 1 ? '' : 's'}, ` +
      `${tcpPackets} TCP packet${tcpPackets === 1 ? '' : 's'} of ${analysis.packets.length}, ` +
      `${analysis.lines.length} line${analysis.lines.length === 1 ? '' : 's'}` +
      (unrecognised > 0 ? `, ${paint.warning(`${unrecognised} unrecognised`)}` : '') +
      ` (sequence numbers: ${analysis.sequenceNumbering})`,
  );
  if (analysis.connections.length === 0) return out;
  out.push('');
  const header = [
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
  const rows = analysis.connections.map((c) => [
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
  ]);
  for (const line of formatTable(header, rows, visibleLength)) out.push(line);
  return out;
}
