import type { Analysis, TcpAnnotation } from '../analysis';
import type { Paint } from './paint';
import { renderSummary, summaryOfAnalysis } from './summaryTable';

const ARROW: Record<TcpAnnotation['direction'], string> = {
  'client->server': 'client → server',
  'server->client': 'server → client',
};

/** The annotation printed under a TCP packet. */
export function annotationLine(a: TcpAnnotation, paint: Paint): string {
  const parts: string[] = [];
  if (a.step) parts.push(paint.step(a.step));
  parts.push(
    `client ${paint.state(a.stateAfter.client, a.stateAfter.client)} · server ${paint.state(a.stateAfter.server, a.stateAfter.server)}`,
  );
  if (a.findings.length > 0) parts.push(paint.warning(`⚠ ${a.findings.join(', ')}`));
  return `${paint.dim('    └─ ')}[c${a.connection} ${ARROW[a.direction]}] ${parts.join(' │ ')}`;
}

/**
 * The whole log, unchanged, with an annotation line under each TCP packet (after its
 * continuation lines) and under each unrecognised line, then the connection table.
 */
export function renderAnnotatedText(
  lines: readonly string[],
  analysis: Analysis,
  paint: Paint,
): string[] {
  const byPacket = new Map<number, TcpAnnotation>();
  for (const a of analysis.tcp) byPacket.set(a.packet, a);
  const annotationAfterLine = new Map<number, string>();
  for (const p of analysis.packets) {
    const a = byPacket.get(p.packet);
    if (a) annotationAfterLine.set(p.endLine, annotationLine(a, paint));
  }
  const out: string[] = [];
  lines.forEach((text, i) => {
    out.push(text);
    const record = analysis.lines[i];
    if (record?.kind === 'unrecognised') {
      out.push(
        paint.dim('    └─ ') + paint.warning(`unrecognised: ${record.reason ?? 'not understood'}`),
      );
    }
    const note = annotationAfterLine.get(i);
    if (note) out.push(note);
  });
  out.push('', ...renderSummary(summaryOfAnalysis(analysis), paint));
  return out;
}
