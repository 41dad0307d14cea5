export interface SsRow {
  state: string;
  local: string;
  peer: string;
}

/** Parses `ss -tan` output (header line optional). */
export function parseSs(text: string): SsRow[] {
  const rows: SsRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || cols[0] === 'State') continue;
    rows.push({ state: cols[0]!, local: cols[3]!, peer: cols[4]! });
  }
  return rows;
}
