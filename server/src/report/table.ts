/**
 * Lines of a table of `rowCount` rows, left-aligned columns separated by two spaces (cells may
 * contain colour codes). Rows are asked for twice, once to measure and once to print, and never
 * held: a table of a million connections is written without ever being whole in memory.
 */
export function* tableLines(
  header: readonly string[],
  rowCount: number,
  rowAt: (index: number) => readonly string[],
  visibleLength: (s: string) => number,
): Generator<string, void, void> {
  // Loops, not Math.max(...cells): one argument per row overflows the stack at a million rows.
  const widths = header.map((h) => visibleLength(h));
  for (let r = 0; r < rowCount; r++) {
    const row = rowAt(r);
    for (let i = 0; i < widths.length; i++)
      widths[i] = Math.max(widths[i]!, visibleLength(row[i] ?? ''));
  }
  const line = (cells: readonly string[]) => {
    let text = '';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      text +=
        i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleLength(cell) + 2);
    }
    return text.trimEnd();
  };
  yield line(header);
  for (let r = 0; r < rowCount; r++) yield line(rowAt(r));
}

const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  // Most cells carry no colour: no copy for them.
  return s.includes('\x1b') ? s.replace(ANSI, '').length : s.length;
}
