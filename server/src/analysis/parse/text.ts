// Small, allocation-light helpers for scanning a line by hand.

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Index after the digits the last `readUint` read: a line has half a dozen numbers, and a result
 * object for each was much of the parser's garbage.
 */
export let uintEnd = 0;

/**
 * Reads an unsigned decimal integer at `pos` and sets `uintEnd` after its digits. -1 when there
 * are none, or when the number is beyond 2^53: such a field is treated as absent, since a NaN
 * kept in a record would become null in JSON and poison the tracker's arithmetic (found by the
 * fuzzer: `seq 9999999999999999`).
 */
export function readUint(text: string, pos: number): number {
  let end = pos;
  let value = 0;
  for (let c = text.charCodeAt(end); isDigit(c); c = text.charCodeAt(++end))
    value = value * 10 + (c - 48);
  uintEnd = end;
  return end === pos || !Number.isSafeInteger(value) ? -1 : value;
}

/** Parses a whole string as an unsigned decimal integer. */
export function parseUintStrict(text: string): number | null {
  const value = readUint(text, 0);
  return value >= 0 && uintEnd === text.length ? value : null;
}

/** What String.prototype.trim removes. */
export function isTrimmedSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * A copy of `text` that keeps nothing else alive. V8 cuts a slice of 13 or more characters as a
 * view into the string it comes from, and a line cut from a document is such a view too: a slice
 * kept in a cache would keep the whole document after it was closed.
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}

/** `text.slice(start, end).trim()`, copying only what is kept (an empty range gives ''). */
export function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isTrimmedSpace(text.charCodeAt(start))) start++;
  while (end > start && isTrimmedSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? text.slice(start, end) : '';
}

/** Index of the next space at or after `pos`, or the text length. */
export function nextSpace(text: string, pos: number): number {
  const i = text.indexOf(' ', pos);
  return i < 0 ? text.length : i;
}

/** Splits `text` into lines, accepting LF, CRLF and lone CR line ends; a final line end adds no line. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
