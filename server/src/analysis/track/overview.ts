import type { Connection, ConnectionOverview } from '../types';

/** What a streamed analysis keeps of a tracked connection (a new object: the rest can go). */
export function connectionOverview(c: Connection): ConnectionOverview {
  return {
    id: c.id,
    client: c.client,
    server: c.server,
    clientInferred: c.clientInferred,
    clientEvidence: c.clientEvidence,
    firstPacket: c.firstPacket,
    lastPacket: c.lastPacket,
    packets: c.packets,
    handshake: c.handshake,
    close: c.close,
    activeCloser: c.activeCloser,
    finalState: c.finalState,
    findings: c.findings,
    verdict: { zeek: c.verdict.zeek },
  };
}
