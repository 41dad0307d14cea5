import type { ConnectionOverview, Finding } from '../analysis';
import type { ConnectionSummary } from '../protocol';

/** The number of findings of each connection, by id. */
export function findingsPerConnection(findings: readonly Finding[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const f of findings) counts.set(f.connection, (counts.get(f.connection) ?? 0) + 1);
  return counts;
}

/** What the diagram and the Connections view show of a connection. */
export function connectionSummary(c: ConnectionOverview, findings: number): ConnectionSummary {
  return {
    id: c.id,
    client: c.client,
    server: c.server,
    clientInferred: c.clientInferred,
    handshake: c.handshake,
    close: c.close,
    activeCloser: c.activeCloser,
    finalState: c.finalState,
    packets: c.packets,
    findings,
    firstPacket: c.firstPacket,
    lastPacket: c.lastPacket,
  };
}
