/** Formats rows as left-aligned columns separated by two spaces (cells may contain colour codes). */
export function formatTable(
  header: string[],
  rows: string[][],
  visibleLength: (s: string) => number,
): string[] {
  // Loops, not Math.max(...cells): one argument per row overflows the stack at a million rows.
  const widths = header.map((h) => visibleLength(h));
  for (const r of rows)
    for (let i = 0; i < widths.length; i++)
      widths[i] = Math.max(widths[i]!, visibleLength(r[i] ?? ''));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - visibleLength(c))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}
