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
 * Seconds since the first timestamped packet, per packet ordinal (index 0 unused, a hole), or null
 * when the line carries no usable timestamp. Handles every tcpdump timestamp format: clock times
 * that pass midnight, deltas since the previous packet (-ttt) and since the first one (-ttttt).
 */
export function packetTimes(packets: readonly PacketRecord[]): Array<number | null> {
  return timesOf(packets.length, walkTimestamps(packets));
}

/** Visits every packet's ordinal and timestamp, in order. */
export type TimestampWalk = (visit: (packet: number, timestamp: Timestamp | null) => void) => void;

/** The walk over the timestamps of `packets`. */
export const walkTimestamps =
  (packets: readonly PacketRecord[]): TimestampWalk =>
  (visit) => {
    for (const p of packets) visit(p.packet, p.timestamp);
  };

/** `packetTimes` of `count` packets whose timestamps `walk` visits (they need not be records). */
export function timesOf(count: number, walk: TimestampWalk): Array<number | null> {
  // Filled with numbers only, the array keeps them unboxed (a double each, not a reference to a
  // boxed number per packet); index 0 stays a hole. A packet without a time stores null, which
  // boxes them all: only documents that have such packets pay for it.
  const times = new Array<number | null>(count + 1);
  const clock: ClockState = { previousClock: null, dayOffset: 0 };
  const cumulative = { seconds: 0 };
  let origin: number | null = null;
  walk((packet, timestamp) => {
    const t = absoluteTime(timestamp, clock, cumulative);
    if (t === null) {
      times[packet] = null;
      return;
    }
    if (origin === null) origin = t;
    times[packet] = t - origin;
  });
  return times;
}

/**
 * The running sum of `-ttt` deltas (since the previous packet) before index `from`, as `timesOf`
 * adds it up. With the usual origin of 0 it is the last such packet's time; otherwise it is added
 * up again, since taking the origin off and putting it back may not give the same number.
 */
function deltaSumBefore(
  packets: readonly PacketRecord[],
  old: ReadonlyArray<number | null>,
  from: number,
  origin: number,
): number {
  const isDelta = (ts: Timestamp | null): ts is Timestamp & { seconds: number } =>
    ts !== null && ts.format === 'delta-previous' && ts.seconds !== null;
  if (origin === 0) {
    for (let j = from - 1; j >= 0; j--) if (isDelta(packets[j]!.timestamp)) return old[j + 1]!;
    return 0;
  }
  let sum = 0;
  for (let j = 0; j < from; j++) {
    const ts = packets[j]!.timestamp;
    if (isDelta(ts)) sum += ts.seconds;
  }
  return sum;
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
 * was, when the start of the capture moved: then only `packetTimes` is right. The packets'
 * delta timestamps must be read in the form the whole document gives them (`formOf`).
 */
export function updatePacketTimes(
  packets: readonly PacketRecord[],
  old: Array<number | null>,
  from: number,
  stableFrom: number,
  /** Some packets have `-ttt` deltas: a time after the edit hangs on every delta before it. */
  runningSum: boolean,
): UpdatedTimes | null {
  let first = 0;
  while (first < packets.length && (packets[first]!.timestamp?.seconds ?? null) === null) first++;
  // The origin is the first timestamp: it must be read before, and untouched.
  if (first >= from || first >= packets.length) return null;
  const origin = packets[first]!.timestamp!.seconds!;

  const clock: ClockState = { previousClock: null, dayOffset: 0 };
  // The clock is read back from the last clock time before `from`, once a clock time needs it:
  // a document with other timestamps would be searched to its start for none.
  let clockRead = false;
  const readClock = () => {
    clockRead = true;
    for (let j = from - 1; j >= 0; j--) {
      const ts = packets[j]!.timestamp;
      if (!ts || ts.seconds === null || ts.format !== 'time') continue;
      clock.previousClock = ts.seconds;
      // Old times are `clock + dayOffset - origin`; the offset is a whole number of days.
      clock.dayOffset = Math.round((old[j + 1]! + origin - ts.seconds) / DAY) * DAY;
      return;
    }
  };
  // Likewise the running sum of `-ttt` deltas, which other documents never need.
  const cumulative = { seconds: 0 };
  let sumRead = false;
  const times = old;
  const oldLength = old.length;
  times.length = Math.min(oldLength, packets.length + 1);
  while (times.length < packets.length + 1) times.push(null);
  const changed: number[] = [];
  for (let i = from; i < packets.length; i++) {
    const p = packets[i]!;
    if (!clockRead && p.timestamp?.format === 'time') readClock();
    if (!sumRead && p.timestamp?.format === 'delta-previous') {
      sumRead = true;
      cumulative.seconds = deltaSumBefore(packets, old, from, origin);
    }
    const t = absoluteTime(p.timestamp, clock, cumulative);
    const value = t === null ? null : t - origin;
    const before = p.packet < oldLength ? times[p.packet]! : undefined;
    if (value !== before) {
      times[p.packet] = value;
      changed.push(p.packet);
    } else if (i >= stableFrom && p.timestamp?.format === 'time' && !runningSum) {
      // Same clock reading, same day offset: every later time is what it was.
      break;
    }
  }
  return { times, changed };
}
