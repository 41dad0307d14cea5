// Mermaid `sequenceDiagram` text. Pure.
import type { Ladder } from './ladder';
import { messageText } from './ladder';

/**
 * Mermaid reads `#…;` as an entity and `;` as a statement end, and renders message text as
 * (sanitised) HTML: write those characters as entity codes.
 */
export function mermaidText(s: string): string {
  return s.replace(/[#;<>"]/g, (c) =>
    c === '<' ? '#lt;' : c === '>' ? '#gt;' : `#${c.charCodeAt(0)};`,
  );
}

export function toMermaid(l: Ladder): string {
  const out = ['sequenceDiagram'];
  for (const p of l.participants)
    out.push(`    participant ${p.id} as ${mermaidText(`${p.role} ${p.label}`)}`);
  const first = l.participants[0]?.id;
  const last = l.participants[l.participants.length - 1]?.id;
  for (const item of l.items) {
    if (item.kind === 'gap') {
      if (first && last)
        out.push(
          `    Note over ${first === last ? first : `${first},${last}`}: ${mermaidText(item.text)}`,
        );
      continue;
    }
    const from = l.participants[item.from]!.id;
    const to = l.participants[item.to]!.id;
    // -x: a cross at the end (RST); -->>: dotted (retransmission); ->>: a plain arrow.
    const arrow = item.findings.includes('RST') ? '-x' : item.retransmission ? '-->>' : '->>';
    out.push(`    ${from}${arrow}${to}: ${mermaidText(messageText(item))}`);
  }
  return `${out.join('\n')}\n`;
}
