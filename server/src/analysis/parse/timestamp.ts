import type { Timestamp, TimestampFormat } from '../types';
import { isDigit } from './text';

function twoDigits(text: string, pos: number): number {
  const a = text.charCodeAt(pos);
  const b = text.charCodeAt(pos + 1);
  if (!isDigit(a) || !isDigit(b)) return -1;
  return (a - 48) * 10 + (b - 48);
}

/** Reads `.ffffff` (any number of digits) at `pos`; returns the fraction and the end index. */
function readFraction(text: string, pos: number): { value: number; end: number } | null {
  if (text.charCodeAt(pos) !== 46 /* . */) return null;
  let end = pos + 1;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  if (end === pos + 1) return null;
  return { value: Number(text.slice(pos, end)), end };
}

/** `HH:MM:SS.frac` at `pos`. */
function readClock(text: string, pos: number): { seconds: number; end: number } | null {
  const h = twoDigits(text, pos);
  if (h < 0 || text.charCodeAt(pos + 2) !== 58 /* : */) return null;
  const m = twoDigits(text, pos + 3);
  if (m < 0 || text.charCodeAt(pos + 5) !== 58) return null;
  const s = twoDigits(text, pos + 6);
  if (s < 0) return null;
  const frac = readFraction(text, pos + 8);
  if (!frac) return null;
  return { seconds: h * 3600 + m * 60 + s + frac.value, end: frac.end };
}

/** `YYYY-MM-DD ` at `pos`; returns epoch seconds of that UTC midnight. */
function readDate(text: string, pos: number): { seconds: number; end: number } | null {
  const y1 = twoDigits(text, pos);
  const y2 = twoDigits(text, pos + 2);
  if (y1 < 0 || y2 < 0 || text.charCodeAt(pos + 4) !== 45 /* - */) return null;
  const mo = twoDigits(text, pos + 5);
  if (mo < 0 || text.charCodeAt(pos + 7) !== 45) return null;
  const d = twoDigits(text, pos + 8);
  if (d < 0 || text.charCodeAt(pos + 10) !== 32) return null;
  return { seconds: Date.UTC(y1 * 100 + y2, mo - 1, d) / 1000, end: pos + 11 };
}

/** tcpdump's notes after an unprintable timestamp. */
const TIMESTAMP_NOTES = [' (invalid us)', ' (invalid ns)'];

function withNote(text: string, end: number): number {
  for (const note of TIMESTAMP_NOTES) if (text.startsWith(note, end)) return end + note.length;
  return end;
}

function make(
  format: TimestampFormat,
  text: string,
  start: number,
  end: number,
  seconds: number | null,
): Timestamp {
  return { format, text: text.slice(start, end), seconds, start, end };
}

/**
 * Reads a timestamp at `pos` (after any `-#` prefix). Every form tcpdump prints is followed by a
 * space. `-ttt`/`-ttttt` deltas start with a sign column (space or '-'); they are reported as
 * `delta-previous` here and told apart per document later.
 */
export function readTimestamp(text: string, pos: number): Timestamp | null {
  const c = text.charCodeAt(pos);
  if (c === 32 /* sign column */ || c === 45 /* - */) {
    const clock = readClock(text, pos + 1);
    if (clock && text.charCodeAt(clock.end) === 32) {
      const sign = c === 45 ? -1 : 1;
      return make('delta-previous', text, pos, withNote(text, clock.end), sign * clock.seconds);
    }
    return null;
  }
  if (!isDigit(c)) {
    if (text.startsWith('[timestamp overflow]', pos)) {
      return make('none', text, pos, pos + '[timestamp overflow]'.length, null);
    }
    return null;
  }
  const date = readDate(text, pos);
  if (date) {
    const clock = readClock(text, date.end);
    if (clock)
      return make('date-time', text, pos, withNote(text, clock.end), date.seconds + clock.seconds);
    return null;
  }
  const clock = readClock(text, pos);
  if (clock) {
    const end = withNote(text, clock.end);
    if (end >= text.length || text.charCodeAt(end) === 32)
      return make('time', text, pos, end, clock.seconds);
    return null;
  }
  // Epoch seconds: digits '.' 6 or 9 digits, then a space.
  let i = pos;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  const frac = readFraction(text, i);
  if (!frac) return null;
  const end = withNote(text, frac.end);
  if (end < text.length && text.charCodeAt(end) !== 32) return null;
  // Hundreds of digits make Infinity, which is no time (and not JSON): kept as an unreadable one.
  const seconds = Number(text.slice(pos, frac.end));
  return make('epoch', text, pos, end, Number.isFinite(seconds) ? seconds : null);
}
