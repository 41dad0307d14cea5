import type { PacketRecord, Timestamp } from '../types';

const DAY = 86400;

/** What the clock-time rule carries from one packet to the next. */
interface ClockState {
  /** The latest clock time read (`time` format), to notice midnight. */
  previousClock: number | null;
  /** Days added to clock times because midnight passed. */
  dayOffset: number;
}

/**
 * Seconds since the start of the capture for one timestamp, advancing `clock` and `cumulative`
 * (the running sum of `-ttt` deltas). Null when the line carries no usable timestamp.
 */
function absoluteTime(
  ts: Timestamp | null,
  clock: ClockState,
  cumulative: { seconds: number },
): number | null {
  if (!ts || ts.seconds === null) return null;
  switch (ts.format) {
    case 'time':
      // A clock time smaller than the previous one by more than half a day crossed midnight.
      if (clock.previousClock !== null && ts.seconds + DAY / 2 < clock.previousClock)
        clock.dayOffset += DAY;
      clock.previousClock = ts.seconds;
      return ts.seconds + clock.dayOffset;
    case 'delta-previous':
      cumulative.seconds += ts.seconds;
      return cumulative.seconds;
    default:
      return ts.seconds;
  }
}

/**
 * Seconds since the first timestamped packet, per packet ordinal (index 0 unused), or null when
 * the line carries no usable timestamp. Handles every tcpdump timestamp format: clock times that
 * pass midnight, deltas since the previous packet (-ttt) and since the first one (-ttttt).
 */
export function packetTimes(packets: readonly PacketRecord[]): Array<number | null> {
  return timesOf(packets.length, (visit) => {
    for (const p of packets) visit(p.packet, p.timestamp);
  });
}

/** Visits every packet's ordinal and timestamp, in order. */
export type TimestampWalk = (visit: (packet: number, timestamp: Timestamp | null) => void) => void;

/** `packetTimes` of `count` packets whose timestamps `walk` visits (they need not be records). */
export function timesOf(count: number, walk: TimestampWalk): Array<number | null> {
  const times: Array<number | null> = new Array<number | null>(count + 1).fill(null);
  const clock: ClockState = { previousClock: null, dayOffset: 0 };
  const cumulative = { seconds: 0 };
  let origin: number | null = null;
  walk((packet, timestamp) => {
    const t = absoluteTime(timestamp, clock, cumulative);
    if (t === null) return;
    if (origin === null) origin = t;
    times[packet] = t - origin;
  });
  return times;
}

/** The times after packets changed, and the ordinals whose time is not what it was. */
export interface UpdatedTimes {
  times: Array<number | null>;
  changed: number[];
}

/**
 * `packetTimes` after the packets from index `from` on were re-read, updating the times before
 * (`old`, changed in place): only from `from` until the clock agrees again with the old one past
 * `stableFrom` (the index from which the packets are those read before). Null, with `old` as it
 * was, when the start of the capture moved: then only `packetTimes` is right. The packets must
 * have no `-ttt` (delta since the previous packet) timestamps.
 */
export function updatePacketTimes(
  packets: readonly PacketRecord[],
  old: Array<number | null>,
  from: number,
  stableFrom: number,
): UpdatedTimes | null {
  let first = 0;
  while (first < packets.length && (packets[first]!.timestamp?.seconds ?? null) === null) first++;
  // The origin is the first timestamp: it must be read before, and untouched.
  if (first >= from || first >= packets.length) return null;
  const originStamp = packets[first]!.timestamp!;
  if (originStamp.format === 'delta-previous') return null;
  const origin = originStamp.seconds!;

  const clock: ClockState = { previousClock: null, dayOffset: 0 };
  for (let j = from - 1; j >= 0; j--) {
    const ts = packets[j]!.timestamp;
    if (!ts || ts.seconds === null || ts.format !== 'time') continue;
    clock.previousClock = ts.seconds;
    // Old times are `clock + dayOffset - origin`; the offset is a whole number of days.
    clock.dayOffset = Math.round((old[j + 1]! + origin - ts.seconds) / DAY) * DAY;
    break;
  }
  // Callers keep delta timestamps (-ttt) away: their times hang on every packet before.
  const times = old;
  const oldLength = old.length;
  times.length = Math.min(oldLength, packets.length + 1);
  while (times.length < packets.length + 1) times.push(null);
  const changed: number[] = [];
  const cumulative = { seconds: 0 };
  for (let i = from; i < packets.length; i++) {
    const p = packets[i]!;
    const t = absoluteTime(p.timestamp, clock, cumulative);
    const value = t === null ? null : t - origin;
    const before = p.packet < oldLength ? times[p.packet]! : undefined;
    if (value !== before) {
      times[p.packet] = value;
      changed.push(p.packet);
    } else if (i >= stableFrom && p.timestamp?.format === 'time') {
      // Same clock reading, same day offset: every later time is what it was.
      break;
    }
  }
  return { times, changed };
}
