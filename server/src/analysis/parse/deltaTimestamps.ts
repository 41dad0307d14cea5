// tcpdump prints two kinds of delta timestamps that read alike: since the previous packet (-ttt)
// and since the first one (-ttttt). Only the whole document tells them apart: deltas since the
// first packet never decrease.
import type { TimestampWalk } from '../track/packetTimes';
import type { Timestamp } from '../types';

/** What a document's delta timestamps count from: the previous packet (`-ttt`) or the first. */
export type DeltaForm = 'delta-previous' | 'delta-first';

/** What tells the form: counts over the document's delta timestamps, in order. */
export interface DeltaCounts {
  deltas: number;
  /** Deltas whose seconds could be read. */
  read: number;
  /** Read deltas smaller than the read delta before them. */
  decreasing: number;
}

const isDelta = (ts: Timestamp | null): ts is Timestamp =>
  ts !== null && (ts.format === 'delta-previous' || ts.format === 'delta-first');

/** The delta timestamps `walk` visits, read with either delta format, counted. */
export function deltaCounts(walk: TimestampWalk): DeltaCounts {
  let previous: number | null = null;
  const counts: DeltaCounts = { deltas: 0, read: 0, decreasing: 0 };
  walk((_, ts) => {
    previous = count(counts, ts, previous);
  });
  return counts;
}

/** Adds one timestamp to `counts`; gives the latest read delta (`previous` if it is not one). */
function count(counts: DeltaCounts, ts: Timestamp | null, previous: number | null): number | null {
  if (!isDelta(ts)) return previous;
  counts.deltas++;
  if (ts.seconds === null) return previous;
  counts.read++;
  if (previous !== null && ts.seconds < previous) counts.decreasing++;
  return ts.seconds;
}

/** The form the counts tell, null without delta timestamps. */
export function formOf(counts: DeltaCounts): DeltaForm | null {
  if (counts.deltas === 0) return null;
  // One or two packets cannot tell the two forms apart; keep the more common `-ttt` reading.
  const monotonic = counts.read > 0 && counts.decreasing === 0 && counts.deltas >= 3;
  return monotonic ? 'delta-first' : 'delta-previous';
}

/**
 * The counts after the timestamps `removed` were replaced by `added`, where `before` and `after`
 * are the read deltas next to them (null if none): time in proportion to the replaced part.
 */
export function replacedDeltaCounts(
  counts: DeltaCounts,
  removed: ReadonlyArray<Timestamp | null>,
  added: ReadonlyArray<Timestamp | null>,
  before: number | null,
  after: number | null,
): DeltaCounts {
  const part = (timestamps: ReadonlyArray<Timestamp | null>): DeltaCounts => {
    const c: DeltaCounts = { deltas: 0, read: 0, decreasing: 0 };
    let previous = before;
    for (const ts of timestamps) previous = count(c, ts, previous);
    if (after !== null && previous !== null && after < previous) c.decreasing++;
    return c;
  };
  const gone = part(removed);
  const come = part(added);
  return {
    deltas: counts.deltas - gone.deltas + come.deltas,
    read: counts.read - gone.read + come.read,
    decreasing: counts.decreasing - gone.decreasing + come.decreasing,
  };
}

/** The seconds of the nearest read delta among `timestamps`, searched from `from` by `step`. */
export function nearestReadDelta(
  timestamps: (index: number) => Timestamp | null | undefined,
  from: number,
  step: 1 | -1,
): number | null {
  for (let i = from; ; i += step) {
    const ts = timestamps(i);
    if (ts === undefined) return null;
    if (isDelta(ts) && ts.seconds !== null) return ts.seconds;
  }
}

/** Sets the delta timestamps `walk` visits to `form`; a format set on one it gives is kept. */
export function setDeltaForm(walk: TimestampWalk, form: DeltaForm): void {
  walk((_, ts) => {
    if (isDelta(ts) && ts.format !== form) ts.format = form;
  });
}

/**
 * Reads the delta timestamps of a whole document in the form they take; the parser gives each
 * one as `delta-previous`. `walk` visits every packet's timestamp; a format set on one it gives
 * is kept.
 */
export function resolveDeltaTimestamps(walk: TimestampWalk): void {
  if (formOf(deltaCounts(walk)) === 'delta-first') setDeltaForm(walk, 'delta-first');
}
