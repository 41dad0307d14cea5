// Findings no single connection shows: many half-open handshakes to one listener, SYNs to many
// ports of one host, and TIME_WAIT sockets piling up on one host.
import type { Connection, Finding, TcpAnnotation } from '../types';

/** Half-open handshakes to one server endpoint, from at least FLOOD_SOURCES hosts, within the window. */
export const FLOOD_CONNECTIONS = 20;
export const FLOOD_SOURCES = 10;
/** Distinct destination ports from one host to another within the window. */
export const SCAN_PORTS = 20;
export const CROWD_WINDOW_SECONDS = 10;
/** Connections toward one destination that leave the same host in TIME_WAIT. */
export const TIME_WAIT_PILEUP = 50;

interface Attempt {
  connection: Connection;
  /** The connection's first SYN. */
  packet: number;
  time: number | null;
}

function firstSyn(c: Connection, annotationsOf: AnnotationsOf): Attempt | null {
  const a = annotationsOf(c.id).find((x) => x.step?.startsWith('handshake 1/'));
  return a ? { connection: c, packet: a.packet, time: a.time } : null;
}

/**
 * Within `window` seconds (or the whole capture without timestamps), the first attempt at which
 * `enough` holds for the number of attempts and of distinct `keyOf` values in the window. The
 * window slides with running counts, so each attempt costs the same whatever the group's size.
 */
function firstCrowd(
  attempts: Attempt[],
  keyOf: (a: Attempt) => string,
  enough: (count: number, distinct: number) => boolean,
): { at: Attempt; window: Attempt[] } | null {
  const counts = new Map<string, number>();
  let start = 0;
  for (let i = 0; i < attempts.length; i++) {
    const now = attempts[i]!.time;
    const key = keyOf(attempts[i]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    while (
      now !== null &&
      attempts[start]!.time !== null &&
      now - attempts[start]!.time! > CROWD_WINDOW_SECONDS
    ) {
      const old = keyOf(attempts[start]!);
      const left = counts.get(old)! - 1;
      if (left === 0) counts.delete(old);
      else counts.set(old, left);
      start++;
    }
    if (enough(i - start + 1, counts.size))
      return { at: attempts[i]!, window: attempts.slice(start, i + 1) };
  }
  return null;
}

const hostOf = (endpoint: string) => endpoint.slice(0, endpoint.lastIndexOf('.'));

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** The annotations of a connection, by id. */
export type AnnotationsOf = (connection: number) => readonly TcpAnnotation[];

export function crowdFindings(connections: Connection[], annotationsOf: AnnotationsOf): Finding[] {
  const attempts = connections
    .map((c) => firstSyn(c, annotationsOf))
    .filter((a): a is Attempt => a !== null);
  const findings: Finding[] = [];

  const halfOpen = attempts.filter(
    (a) => a.connection.handshake === 'half-open' || a.connection.handshake === 'no answer',
  );
  for (const list of group(halfOpen, (a) => a.connection.server).values()) {
    const hit = firstCrowd(
      list,
      (a) => hostOf(a.connection.client),
      (count, sources) => count >= FLOOD_CONNECTIONS && sources >= FLOOD_SOURCES,
    );
    if (!hit) continue;
    const sources = new Set(hit.window.map((a) => hostOf(a.connection.client))).size;
    findings.push({
      code: 'syn_flood',
      packet: hit.at.packet,
      connection: hit.at.connection.id,
      related: hit.window.slice(0, 5).map((a) => a.packet),
      detail: {
        kind: 'crowd',
        count: hit.window.length,
        distinct: sources,
        seconds: CROWD_WINDOW_SECONDS,
      },
    });
  }

  for (const list of group(
    attempts,
    (a) => `${hostOf(a.connection.client)} ${hostOf(a.connection.server)}`,
  ).values()) {
    const hit = firstCrowd(
      list,
      (a) => a.connection.server,
      (_count, ports) => ports >= SCAN_PORTS,
    );
    if (!hit) continue;
    findings.push({
      code: 'port_scan',
      packet: hit.at.packet,
      connection: hit.at.connection.id,
      related: hit.window.slice(0, 5).map((a) => a.packet),
      detail: {
        kind: 'crowd',
        count: hit.window.length,
        distinct: new Set(hit.window.map((a) => a.connection.server)).size,
        seconds: CROWD_WINDOW_SECONDS,
      },
    });
  }

  // TIME_WAIT holders, grouped by the host that holds them and the destination they talked to.
  const waits = connections.flatMap((c) => {
    const holders: Array<{ c: Connection; key: string }> = [];
    if (c.finalState.client === 'TIME_WAIT')
      holders.push({ c, key: `${hostOf(c.client)} ${c.server}` });
    if (c.finalState.server === 'TIME_WAIT')
      holders.push({ c, key: `${hostOf(c.server)} ${c.client}` });
    return holders;
  });
  for (const list of group(waits, (w) => w.key).values()) {
    if (list.length < TIME_WAIT_PILEUP) continue;
    const at = list[TIME_WAIT_PILEUP - 1]!.c;
    findings.push({
      code: 'time_wait_pileup',
      packet: at.lastPacket,
      connection: at.id,
      related: list.slice(0, 5).map((w) => w.c.lastPacket),
      detail: { kind: 'crowd', count: list.length, distinct: list.length, seconds: 60 },
    });
  }
  return findings;
}
