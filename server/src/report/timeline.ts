import type { Analysis, FindingCode } from '../analysis';
import { packetTimes, timestampText } from '../analysis';
import { connectionSummary, findingsPerConnection } from './connectionSummary';
import { DEFAULT_SEVERITY } from './severity';
import type { Timeline, TimelineLane, TimelinePacket, TimelineSeverity } from '../protocol';

/** The severity of a finding code (the user's settings over the defaults). */
export type SeverityLookup = (code: FindingCode) => TimelineSeverity;

const defaultSeverity: SeverityLookup = (code) => DEFAULT_SEVERITY[code] ?? 'warning';

/** `(a - b) mod 2^32`: distance in sequence space. */
function seqOffset(a: number, b: number): number {
  return (((a - b) % 0x1_0000_0000) + 0x1_0000_0000) % 0x1_0000_0000;
}

/**
 * The initial sequence number of each side of each connection, from its SYN (client) and SYN-ACK
 * (server), in the analysis' working numbers. Absent when that SYN was not captured.
 */
function initialSequenceNumbers(
  analysis: Analysis,
): Map<number, { client?: number; server?: number }> {
  const isn = new Map<number, { client?: number; server?: number }>();
  for (const a of analysis.tcp) {
    const tcp = analysis.packets[a.packet - 1]?.tcp;
    if (!tcp?.hasFlags || !tcp.flags.syn || a.seqStart === null) continue;
    const entry = isn.get(a.connection) ?? {};
    const side = a.direction === 'client->server' ? 'client' : 'server';
    entry[side] ??= a.seqStart;
    // A SYN-ACK acknowledges the client's ISN + 1 (even when that SYN was not captured).
    if (side === 'server' && tcp.flags.ack && a.ackNumber !== null)
      entry.client ??= seqOffset(a.ackNumber, 1);
    isn.set(a.connection, entry);
  }
  return isn;
}

/**
 * The sequence-diagram model: two lanes per connection (client left of server), one arrow per
 * TCP packet, with everything a label, a state bar or an anomaly mark needs. `severityOf` gives
 * the severity of each finding (the diagnostics' defaults unless the caller passes the user's).
 * `lines` are the analysed lines, which the timestamps are read from.
 */
export function buildTimeline(
  analysis: Analysis,
  lines: readonly string[],
  uri: string,
  version: number,
  severityOf: SeverityLookup = defaultSeverity,
): Timeline {
  const lanes: TimelineLane[] = [];
  const laneOf = new Map<number, { client: number; server: number }>();
  const findingCount = findingsPerConnection(analysis.findings);
  const connections = analysis.connections.map((c) => {
    const clientLane =
      lanes.push({ id: lanes.length, label: c.client, role: 'client', connection: c.id }) - 1;
    const serverLane =
      lanes.push({ id: lanes.length, label: c.server, role: 'server', connection: c.id }) - 1;
    laneOf.set(c.id, { client: clientLane, server: serverLane });
    return { ...connectionSummary(c, findingCount.get(c.id) ?? 0), clientLane, serverLane };
  });
  const times = packetTimes(analysis.packets);
  const isn = initialSequenceNumbers(analysis);
  const severities = new Map<FindingCode, TimelineSeverity>();
  const severity = (code: FindingCode): TimelineSeverity => {
    let s = severities.get(code);
    if (s === undefined) severities.set(code, (s = severityOf(code)));
    return s;
  };
  const packets: TimelinePacket[] = analysis.tcp.map((a) => {
    const p = analysis.packets[a.packet - 1]!;
    const tcp = p.tcp!;
    const lane = laneOf.get(a.connection)!;
    const fromClient = a.direction === 'client->server';
    const bases = isn.get(a.connection);
    const senderIsn = fromClient ? bases?.client : bases?.server;
    const peerIsn = fromClient ? bases?.server : bases?.client;
    let relativeSeq: string | null = null;
    if (tcp.seq !== null && a.seqStart !== null && senderIsn !== undefined) {
      const start = seqOffset(a.seqStart, senderIsn);
      relativeSeq =
        tcp.seqEnd === null ? String(start) : `${start}:${start + seqOffset(tcp.seqEnd, tcp.seq)}`;
    }
    const relativeAck =
      tcp.ack !== null && a.ackNumber !== null && peerIsn !== undefined
        ? seqOffset(a.ackNumber, peerIsn)
        : null;
    return {
      packet: a.packet,
      line: p.headerLine,
      time: times[a.packet] ?? null,
      timeText: timestampText(p, lines[p.line]),
      connection: a.connection,
      from: fromClient ? lane.client : lane.server,
      to: fromClient ? lane.server : lane.client,
      flags: tcp.hasFlags ? tcp.flags.text : 'tcp',
      seq:
        tcp.seq === null
          ? null
          : tcp.seqEnd === null
            ? String(tcp.seq)
            : `${tcp.seq}:${tcp.seqEnd}`,
      ack: tcp.ack,
      relativeSeq,
      relativeAck,
      win: tcp.win,
      length: tcp.length,
      step: a.step,
      stateAfter: a.stateAfter,
      findings: [...a.findings],
      findingSeverities: a.findings.map(severity),
      firstLine: p.line,
      lastLine: Math.max(p.endLine, p.headerLine),
    };
  });
  return { uri, version, lanes, connections, packets };
}
