// PlantUML sequence diagram text. Pure.
import type { Ladder } from './ladder';
import { messageText } from './ladder';

/**
 * PlantUML reads `\n` as a line break, `~` as its escape character, `<…>` as markup (including
 * `<img:…>`, which would fetch a resource) and ends a quoted name at `"`: neutralise them.
 */
export function plantumlText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/~/g, '~~')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/"/g, "''");
}

export function toPlantUml(l: Ladder): string {
  const out = ['@startuml', 'skinparam sequenceMessageAlign center', 'hide footbox'];
  for (const p of l.participants)
    out.push(`participant "${plantumlText(`${p.role} ${p.label}`)}" as ${p.id}`);
  for (const item of l.items) {
    if (item.kind === 'gap') {
      out.push(`... ${plantumlText(item.text)} ...`);
      continue;
    }
    const from = l.participants[item.from]!.id;
    const to = l.participants[item.to]!.id;
    const color =
      item.severity === 'error' ? '[#red]' : item.severity === 'warning' ? '[#orange]' : '';
    const body = item.retransmission ? `-${color}->` : `-${color}>`;
    const arrow = item.findings.includes('RST') ? `${body}x` : body;
    out.push(`${from} ${arrow} ${to} : ${plantumlText(messageText(item))}`);
  }
  out.push('@enduml');
  return `${out.join('\n')}\n`;
}
