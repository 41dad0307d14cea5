import type { InlayHint } from 'vscode-languageserver';
import type { Analysis, TcpAnnotation } from '../analysis';

/** The hint shown at the end of a TCP packet's header line: step and both endpoint states. */
export function hintLabel(a: TcpAnnotation): string {
  const step = a.step ? `⟨${a.step}⟩ ` : '';
  return `${step}client ${a.stateAfter.client} · server ${a.stateAfter.server}`;
}

export function inlayHints(
  analysis: Analysis,
  lineLength: (line: number) => number,
  fromLine: number,
  toLine: number,
): InlayHint[] {
  const byPacket = new Map(analysis.tcp.map((a) => [a.packet, a]));
  const hints: InlayHint[] = [];
  for (const p of analysis.packets) {
    if (p.headerLine < fromLine || p.headerLine > toLine) continue;
    const a = byPacket.get(p.packet);
    if (!a) continue;
    hints.push({
      position: { line: p.headerLine, character: lineLength(p.headerLine) },
      label: hintLabel(a),
      paddingLeft: true,
    });
  }
  return hints;
}
