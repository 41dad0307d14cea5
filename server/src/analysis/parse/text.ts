// Small, allocation-light helpers for scanning a line by hand.

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads an unsigned decimal integer at `pos`; returns the value and the index after it, or null. */
export function readUint(text: string, pos: number): { value: number; end: number } | null {
  let end = pos;
  let value = 0;
  while (end < text.length && isDigit(text.charCodeAt(end))) {
    value = value * 10 + (text.charCodeAt(end) - 48);
    end++;
  }
  if (end === pos) return null;
  // Numbers beyond 2^53 lose precision; they are never valid TCP fields anyway.
  return { value: Number.isSafeInteger(value) ? value : Number.NaN, end };
}

/** Parses a whole string as an unsigned decimal integer. */
export function parseUintStrict(text: string): number | null {
  const r = readUint(text, 0);
  if (!r || r.end !== text.length || Number.isNaN(r.value)) return null;
  return r.value;
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
