import type { PacketRecord } from '../types';

const DAY = 86400;

/**
 * Seconds since the first timestamped packet, per packet ordinal (index 0 unused), or null when
 * the line carries no usable timestamp. Handles every tcpdump timestamp format: clock times that
 * pass midnight, deltas since the previous packet (-ttt) and since the first one (-ttttt).
 */
export function packetTimes(packets: readonly PacketRecord[]): Array<number | null> {
  const times: Array<number | null> = new Array<number | null>(packets.length + 1).fill(null);
  let origin: number | null = null;
  let previousClock: number | null = null;
  let dayOffset = 0;
  let cumulative = 0;
  for (const p of packets) {
    const ts = p.timestamp;
    if (!ts || ts.seconds === null) continue;
    let t: number;
    switch (ts.format) {
      case 'time':
        // A clock time smaller than the previous one by more than half a day crossed midnight.
        if (previousClock !== null && ts.seconds + DAY / 2 < previousClock) dayOffset += DAY;
        previousClock = ts.seconds;
        t = ts.seconds + dayOffset;
        break;
      case 'delta-previous':
        cumulative += ts.seconds;
        t = cumulative;
        break;
      default:
        t = ts.seconds;
    }
    if (origin === null) origin = t;
    times[p.packet] = t - origin;
  }
  return times;
}
