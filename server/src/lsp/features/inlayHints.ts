import type { InlayHint } from 'vscode-languageserver';
import type { TcpAnnotation } from '../../analysis';
import type { CachedAnalysis } from '../documentCache';
import type { Settings } from '../settings';

const SHORT: Record<string, string> = {
  ESTABLISHED: 'EST',
  SYN_SENT: 'SYN_SENT',
  SYN_RCVD: 'SYN_RCVD',
  FIN_WAIT_1: 'FW1',
  FIN_WAIT_2: 'FW2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  TIME_WAIT: 'TIME_WAIT',
  LAST_ACK: 'LAST_ACK',
};

/** The hint at the end of a TCP packet's header line: step and both endpoint states. */
export function hintLabel(
  a: TcpAnnotation,
  style: Settings['inlayHints']['style'],
  role: { client: string; server: string } = { client: 'client', server: 'server' },
): string {
  if (style === 'compact') {
    const s = (state: string) => SHORT[state] ?? state;
    return `${a.step ? `${a.step} · ` : ''}${s(a.stateAfter.client)}/${s(a.stateAfter.server)}`;
  }
  const step = a.step ? `⟨${a.step}⟩ ` : '';
  return `${step}${role.client} ${a.stateAfter.client} · ${role.server} ${a.stateAfter.server}`;
}

export function inlayHints(
  doc: CachedAnalysis,
  settings: Settings,
  fromLine: number,
  toLine: number,
  role?: { client: string; server: string },
): InlayHint[] {
  if (!settings.inlayHints.enabled) return [];
  const hints: InlayHint[] = [];
  for (
    let line = Math.max(0, fromLine);
    line <= toLine && line < doc.analysis.lines.length;
    line++
  ) {
    const p = doc.index.packetOfLine(line);
    if (!p || p.headerLine !== line) continue;
    const a = doc.index.annotation(p.packet);
    if (!a) continue;
    hints.push({
      position: { line, character: (doc.lines[line] ?? '').length },
      label: hintLabel(a, settings.inlayHints.style, role),
      paddingLeft: true,
    });
  }
  return hints;
}
