// Timestamp column of tcpdump (util-print.c `ts_print`), for every -t form, in a caller-given
// time zone. Pure: time zones are resolved through the ECMAScript Intl API, never the host.

import type { CaptureTimestamp } from './types';

/** tcpdump's timestamp flags. */
export type TimestampStyle =
  /** default: `HH:MM:SS.ffffff` in the time zone */
  | 'time'
  /** `-t`: none */
  | 'none'
  /** `-tt`: seconds since the epoch */
  | 'epoch'
  /** `-ttt`: delta since the previous packet */
  | 'delta-previous'
  /** `-tttt`: `YYYY-MM-DD HH:MM:SS.ffffff` in the time zone */
  | 'date-time'
  /** `-ttttt`: delta since the first packet */
  | 'delta-first';

/** Every timestamp form, in the order of tcpdump's flags (default, -t … -ttttt). */
export const TIMESTAMP_STYLES: readonly TimestampStyle[] = [
  'time',
  'none',
  'epoch',
  'delta-previous',
  'date-time',
  'delta-first',
];

export function isTimestampStyle(value: unknown): value is TimestampStyle {
  return (TIMESTAMP_STYLES as readonly unknown[]).includes(value);
}

/**
 * A time zone: `'UTC'`, a fixed offset in minutes east of UTC (`120`, `-300`), or an IANA name
 * (`'Europe/Paris'`). An unknown name falls back to UTC.
 */
export type TimeZone = string | number;

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** gmtime: broken-down UTC time of an epoch second (proleptic Gregorian calendar). */
export function civilFromEpoch(seconds: number): Civil {
  const days = Math.floor(seconds / 86400);
  let rem = seconds - days * 86400;
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const minute = Math.floor(rem / 60);
  const second = rem - minute * 60;
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, hour, minute, second };
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return formatters.get(zone) ?? null;
}

/** Offset of `zone` from UTC at `seconds`, in seconds. */
export function zoneOffsetSeconds(zone: TimeZone, seconds: number): number {
  if (typeof zone === 'number') return Number.isFinite(zone) ? Math.round(zone * 60) : 0;
  const upper = zone.toUpperCase();
  if (upper === 'UTC' || upper === 'GMT' || upper === 'Z' || upper === 'GMT0') return 0;
  const fixed = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? '0');
    return (fixed[1] === '-' ? -minutes : minutes) * 60;
  }
  const f = zoneFormatter(zone);
  if (!f || !Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) return 0;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(seconds * 1000))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts['year'] ?? 1970,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  const offset = Math.round(asUtc / 1000 - seconds);
  return Number.isFinite(offset) ? offset : 0;
}

/** The fraction as tcpdump prints it: `%06u` / `%09u` of the value cast to unsigned. */
function fraction(ts: CaptureTimestamp, nano: boolean): string {
  return nano ? pad(ts.nanos >>> 0, 9) : pad(ts.micros >>> 0, 6);
}

/** ts_date_hmsfrac_print. */
function hmsFrac(seconds: number, frac: string, withDate: boolean, zone: TimeZone): string {
  if ((seconds >>> 0) & 0x80000000) return '[Error converting time]';
  const c = civilFromEpoch(seconds + zoneOffsetSeconds(zone, seconds));
  const time = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  const date = withDate ? `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)} ` : '';
  return `${date}${time}.${frac}`;
}

/** Reference packet for the -ttt / -ttttt deltas (tcpdump's static `tv_ref`). */
export interface DeltaReference {
  ref: CaptureTimestamp | null;
}

function subtract(a: CaptureTimestamp, b: CaptureTimestamp, nano: boolean): [number, number] {
  const unit = nano ? 1e9 : 1e6;
  const fa = nano ? a.nanos : a.micros;
  const fb = nano ? b.nanos : b.micros;
  let sec = a.seconds - b.seconds;
  let frac = fa - fb;
  if (frac < 0) {
    sec -= 1;
    frac += unit;
  }
  return [sec, frac];
}

function before(a: CaptureTimestamp, b: CaptureTimestamp, nano: boolean): boolean {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds;
  return nano ? a.nanos < b.nanos : a.micros < b.micros;
}

/** The timestamp column including its trailing space (empty for `-t`). */
export function formatTimestamp(
  ts: CaptureTimestamp,
  style: TimestampStyle,
  nano: boolean,
  zone: TimeZone,
  delta: DeltaReference,
): string {
  switch (style) {
    case 'none':
      return '';
    case 'epoch':
      if ((ts.seconds >>> 0) & 0x80000000) return '[Error converting time] ';
      return `${ts.seconds >>> 0}.${fraction(ts, nano)} `;
    case 'date-time':
      return hmsFrac(ts.seconds, fraction(ts, nano), true, zone) + ' ';
    case 'delta-previous':
    case 'delta-first': {
      const set = (t: CaptureTimestamp): boolean =>
        t.seconds !== 0 || (nano ? t.nanos : t.micros) !== 0;
      if (!delta.ref || !set(delta.ref)) delta.ref = ts;
      const ref = delta.ref;
      const negative = before(ts, ref, nano);
      const [sec, frac] = negative ? subtract(ref, ts, nano) : subtract(ts, ref, nano);
      const text = hmsFrac(sec, pad(frac >>> 0, nano ? 9 : 6), false, 'UTC');
      if (style === 'delta-previous') delta.ref = ts;
      return `${negative ? '-' : ' '}${text} `;
    }
    case 'time':
    default:
      return hmsFrac(ts.seconds, fraction(ts, nano), false, zone) + ' ';
  }
}
