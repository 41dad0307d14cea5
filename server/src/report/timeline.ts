import type { Analysis } from '../analysis';
import { packetTimes } from '../analysis';
import type { Timeline, TimelineLane, TimelinePacket } from '../protocol';

/**
 * The sequence-diagram model: two lanes per connection (client left of server), one arrow per
 * TCP packet, with everything a label, a state bar or an anomaly mark needs.
 */
export function buildTimeline(analysis: Analysis, uri: string, version: number): Timeline {
  const lanes: TimelineLane[] = [];
  const laneOf = new Map<number, { client: number; server: number }>();
  const findingCount = new Map<number, number>();
  for (const f of analysis.findings)
    findingCount.set(f.connection, (findingCount.get(f.connection) ?? 0) + 1);
  const connections = analysis.connections.map((c) => {
    const clientLane =
      lanes.push({ id: lanes.length, label: c.client, role: 'client', connection: c.id }) - 1;
    const serverLane =
      lanes.push({ id: lanes.length, label: c.server, role: 'server', connection: c.id }) - 1;
    laneOf.set(c.id, { client: clientLane, server: serverLane });
    return {
      id: c.id,
      client: c.client,
      server: c.server,
      clientLane,
      serverLane,
      clientInferred: c.clientInferred,
      handshake: c.handshake,
      close: c.close,
      activeCloser: c.activeCloser,
      finalState: c.finalState,
      packets: c.packets,
      findings: findingCount.get(c.id) ?? 0,
      firstPacket: c.firstPacket,
      lastPacket: c.lastPacket,
    };
  });
  const times = packetTimes(analysis.packets);
  const packets: TimelinePacket[] = analysis.tcp.map((a) => {
    const p = analysis.packets[a.packet - 1]!;
    const tcp = p.tcp!;
    const lane = laneOf.get(a.connection)!;
    const fromClient = a.direction === 'client->server';
    return {
      packet: a.packet,
      line: p.headerLine,
      time: times[a.packet] ?? null,
      timeText: p.timestamp?.text ?? null,
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
      win: tcp.win,
      length: tcp.length,
      step: a.step,
      stateAfter: a.stateAfter,
      findings: [...a.findings],
    };
  });
  return { uri, version, lanes, connections, packets };
}
