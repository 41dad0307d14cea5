// A plain-text ladder for pasting into tickets: one column per lane, one line per packet, the
// label after the ladder so that it is never cut. Pure.
import type { Ladder } from './ladder';

const MIN_COLUMN = 18;

/** Findings as ASCII marks: `[!!] RST` (error), `[!] retransmission`, `[i] keep-alive`. */
function marks(item: Extract<Ladder['items'][number], { kind: 'message' }>): string {
  if (item.findings.length === 0) return '';
  const mark = item.severity === 'error' ? '[!!]' : item.severity === 'warning' ? '[!]' : '[i]';
  return `${mark} ${item.findings.join(', ')}`;
}

export function toAscii(l: Ladder): string {
  const n = l.participants.length;
  if (n === 0) return '(no packets)\n';
  const timeWidth = Math.max(
    4,
    ...l.items.map((i) => (i.kind === 'message' ? (i.time ?? `#${i.packet}`).length : 0)),
  );
  // Lane i is drawn at column pos[i]; each column is wide enough for its header.
  const widths = l.participants.map((p) =>
    Math.max(MIN_COLUMN, p.label.length + 3, p.role.length + 3),
  );
  const pos: number[] = [];
  let x = timeWidth + 2;
  for (const w of widths) {
    pos.push(x);
    x += w;
  }
  const ladderEnd = pos[n - 1]! + 1;

  const line = (cells: string[]): string => cells.join('').replace(/\s+$/, '');
  const blank = () => Array.from({ length: ladderEnd }, () => ' ');
  const put = (cells: string[], at: number, text: string) => {
    for (let k = 0; k < text.length; k++) cells[at + k] = text[k]!;
  };

  const out: string[] = [];
  const roles = blank();
  const labels = blank();
  put(roles, 0, 'time');
  for (let i = 0; i < n; i++) {
    put(roles, pos[i]!, l.participants[i]!.role);
    put(labels, pos[i]!, l.participants[i]!.label);
  }
  out.push(line(roles), line(labels));
  const lanes = blank();
  for (const p of pos) lanes[p] = '|';
  out.push(line(lanes));

  for (const item of l.items) {
    const cells = blank();
    if (item.kind === 'gap') {
      for (const p of pos) cells[p] = ':';
      out.push(`${cells.join('')}  ~ ${item.text} ~`);
      continue;
    }
    put(cells, 0, item.time ?? `#${item.packet}`);
    for (const p of pos) cells[p] = '|';
    const a = pos[item.from]!;
    const b = pos[item.to]!;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    for (let k = lo + 1; k < hi; k++) cells[k] = item.retransmission ? '.' : '-';
    if (b > a) cells[hi - 1] = '>';
    else cells[lo + 1] = '<';
    if (item.findings.includes('RST')) cells[b > a ? hi - 2 : lo + 2] = 'x';
    const tail = [item.label];
    if (item.step !== null) tail.push(`(${item.step})`);
    const m = marks(item);
    if (m !== '') tail.push(m);
    out.push(`${cells.join('')}  ${tail.join('  ')}`);
  }
  return `${out.join('\n')}\n`;
}
