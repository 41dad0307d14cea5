/**
 * The connection number typed in the picker (`42` or `#42`), if the file has that many
 * connections (they are numbered from 1).
 */
export function numberTyped(value: string, total: number): number | undefined {
  const match = /^\s*#?(\d{1,9})\s*$/.exec(value);
  const id = match ? Number(match[1]) : NaN;
  return id >= 1 && id <= total ? id : undefined;
}
