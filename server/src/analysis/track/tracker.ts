import type {
  Connection,
  ConnectionOverview,
  Finding,
  PacketRecord,
  TcpAnnotation,
} from '../types';
import { indexOfPacket } from './connectionTrack';
import { CrowdIndex } from './crowd';
import type { TrackedConnection } from './flowTracking';
import { relabel } from './flowTracking';
import { flowKey } from './numbering';

/** Tracked flows put together, with what a later update of a few flows starts from. */
export interface Assembly<C extends ConnectionOverview = Connection> {
  annotations: TcpAnnotation[];
  connections: C[];
  findings: Finding[];
  /** Every tracked connection by id (index id − 1), before crowd findings were added. */
  tracked: TrackedConnection<C>[];
  /** The crowd findings, in the order they were found, and the index that finds them. */
  crowd: Finding[];
  crowdIndex: CrowdIndex;
}

/**
 * The TCP packets of each 4-tuple (both directions), in document order; flows in the order of
 * their first packet.
 */
export function groupFlows(packets: readonly PacketRecord[]): Map<string, PacketRecord[]> {
  const flows = new Map<string, PacketRecord[]>();
  for (const p of packets) {
    if (!p.tcp) continue;
    const k = flowKey(p);
    if (!k) continue;
    const list = flows.get(k.key);
    if (list) list.push(p);
    else flows.set(k.key, [p]);
  }
  return flows;
}

/** Shifts the findings a connection's packets and summary show, without touching the tracked ones. */
export function applyCrowdFindings<C extends ConnectionOverview>(
  crowd: readonly Finding[],
  annotations: TcpAnnotation[],
  connections: C[],
): void {
  for (const f of crowd) {
    const at = indexOfPacket(annotations, f.packet);
    if (at >= 0) {
      const a = annotations[at]!;
      annotations[at] = { ...a, findings: [...a.findings, f.code] };
    }
    const c = connections[f.connection - 1];
    if (c && !c.findings.includes(f.code))
      connections[f.connection - 1] = { ...c, findings: [...c.findings, f.code].sort() };
  }
}

/**
 * Puts tracked flows together: connections numbered in the order of their first packet, one
 * annotation per TCP packet in document order, findings across connections, every finding in
 * packet order. The tracked connections are relabelled, otherwise left as they are.
 */
export function assembleFlows<C extends ConnectionOverview>(
  flows: Iterable<readonly TrackedConnection<C>[]>,
  packetCount: number,
): Assembly<C> {
  const all: TrackedConnection<C>[] = [];
  for (const flow of flows) for (const t of flow) all.push(t);
  all.sort((a, b) => a.connection.firstPacket - b.connection.firstPacket);
  const byPacket = new Array<TcpAnnotation | undefined>(packetCount + 1);
  let tcpCount = 0;
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    relabel(t, i + 1);
    for (const a of t.annotations) byPacket[a.packet] = a;
    tcpCount += t.annotations.length;
  }
  const annotations = new Array<TcpAnnotation>(tcpCount);
  let next = 0;
  for (let p = 1; p <= packetCount; p++) {
    const a = byPacket[p];
    if (a) annotations[next++] = a;
  }
  const connections = all.map((t) => t.connection);
  const crowdIndex = new CrowdIndex(all);
  const crowd = crowdIndex.findings();
  applyCrowdFindings(crowd, annotations, connections);
  const findings: Finding[] = [];
  for (const t of all) for (const f of t.findings) findings.push(f);
  for (const f of crowd) findings.push(f);
  findings.sort((a, b) => a.packet - b.packet);
  return { annotations, connections, findings, tracked: all, crowd, crowdIndex };
}
