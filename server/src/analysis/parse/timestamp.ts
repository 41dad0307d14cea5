import type { PacketRecord, Timestamp, TimestampFormat } from '../types';
import { isDigit } from './text';

// The readers below run on every line: they return a number (-1 when absent) and leave the index
// after what they read in `scanEnd`, rather than allocating a result object per line.
let scanEnd = 0;

function twoDigits(text: string, pos: number): number {
  const a = text.charCodeAt(pos);
  const b = text.charCodeAt(pos + 1);
  if (!isDigit(a) || !isDigit(b)) return -1;
  return (a - 48) * 10 + (b - 48);
}

/** Powers of ten that are exact doubles: an integer over one of them is correctly rounded. */
const EXACT_POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * The decimal number `digits[.fraction]` printed from `start` to `end` (all digits but one dot),
 * as Number() reads it: its digits up to 2^53 are an exact integer, and dividing that by an exact
 * power of ten rounds once, as Number() does; longer forms are left to Number().
 */
function decimalValue(text: string, start: number, end: number): number {
  let value = 0;
  let fractionDigits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      fractionDigits = end - i - 1;
      continue;
    }
    value = value * 10 + (c - 48);
  }
  if (value > Number.MAX_SAFE_INTEGER || fractionDigits >= EXACT_POWERS_OF_TEN.length)
    return Number(text.slice(start, end));
  return value / EXACT_POWERS_OF_TEN[fractionDigits]!;
}

/** Reads `.ffffff` (any number of digits) at `pos`; returns the fraction (-1 if none). */
function readFraction(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== 46 /* . */) return -1;
  let end = pos + 1;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  if (end === pos + 1) return -1;
  scanEnd = end;
  return decimalValue(text, pos, end);
}

/** `HH:MM:SS.frac` at `pos`: its seconds, or -1. */
function readClock(text: string, pos: number): number {
  const h = twoDigits(text, pos);
  if (h < 0 || text.charCodeAt(pos + 2) !== 58 /* : */) return -1;
  const m = twoDigits(text, pos + 3);
  if (m < 0 || text.charCodeAt(pos + 5) !== 58) return -1;
  const s = twoDigits(text, pos + 6);
  if (s < 0) return -1;
  const frac = readFraction(text, pos + 8);
  if (frac < 0) return -1;
  return h * 3600 + m * 60 + s + frac;
}

/** `YYYY-MM-DD ` at `pos`: epoch seconds of that UTC midnight (the clock follows at pos + 11), or null. */
function readDate(text: string, pos: number): number | null {
  const y1 = twoDigits(text, pos);
  const y2 = twoDigits(text, pos + 2);
  if (y1 < 0 || y2 < 0 || text.charCodeAt(pos + 4) !== 45 /* - */) return null;
  const mo = twoDigits(text, pos + 5);
  if (mo < 0 || text.charCodeAt(pos + 7) !== 45) return null;
  const d = twoDigits(text, pos + 8);
  if (d < 0 || text.charCodeAt(pos + 10) !== 32) return null;
  return Date.UTC(y1 * 100 + y2, mo - 1, d) / 1000;
}

/** tcpdump's notes after an unprintable timestamp. */
const TIMESTAMP_NOTES = [' (invalid us)', ' (invalid ns)'];

function withNote(text: string, end: number): number {
  // Both notes start with ' (': most lines are done after one comparison.
  if (text.charCodeAt(end + 1) !== 40 /* ( */) return end;
  for (const note of TIMESTAMP_NOTES) if (text.startsWith(note, end)) return end + note.length;
  return end;
}

function make(
  format: TimestampFormat,
  start: number,
  end: number,
  seconds: number | null,
): Timestamp {
  return { format, seconds, start, end };
}

/**
 * A packet's timestamp as printed, read from its first line (`line`, the text of line
 * `packet.line`): records keep only where it was, as a slice kept per packet would cost more
 * than the timestamp itself. Null for a packet without one.
 */
export function timestampText(
  packet: Pick<PacketRecord, 'timestamp'>,
  line: string | undefined,
): string | null {
  const ts = packet.timestamp;
  return ts === null ? null : (line ?? '').slice(ts.start, ts.end);
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
    if (clock >= 0 && text.charCodeAt(scanEnd) === 32) {
      const sign = c === 45 ? -1 : 1;
      return make('delta-previous', pos, withNote(text, scanEnd), sign * clock);
    }
    return null;
  }
  if (!isDigit(c)) {
    if (text.startsWith('[timestamp overflow]', pos)) {
      return make('none', pos, pos + '[timestamp overflow]'.length, null);
    }
    return null;
  }
  const date = readDate(text, pos);
  if (date !== null) {
    const clock = readClock(text, pos + 11);
    if (clock >= 0) return make('date-time', pos, withNote(text, scanEnd), date + clock);
    return null;
  }
  const clock = readClock(text, pos);
  if (clock >= 0) {
    const end = withNote(text, scanEnd);
    if (end >= text.length || text.charCodeAt(end) === 32) return make('time', pos, end, clock);
    return null;
  }
  // Epoch seconds: digits '.' 6 or 9 digits, then a space.
  let i = pos;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (readFraction(text, i) < 0) return null;
  const fractionEnd = scanEnd;
  const end = withNote(text, fractionEnd);
  if (end < text.length && text.charCodeAt(end) !== 32) return null;
  // Hundreds of digits make Infinity, which is no time (and not JSON): kept as an unreadable one.
  const seconds = decimalValue(text, pos, fractionEnd);
  return make('epoch', pos, end, Number.isFinite(seconds) ? seconds : null);
}
