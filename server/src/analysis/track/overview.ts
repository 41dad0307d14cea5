import { remember } from '../compact';
import type { Connection, ConnectionOverview, ZeekVerdict } from '../types';

/**
 * Verdicts shared by connections that got the same: a flood or scan of a million connections has
 * a handful of distinct ones. Bounded, since crafted input could make each history different.
 */
const VERDICTS_KEPT = 4096;
const verdicts = new Map<string, ConnectionOverview['verdict']>();

function sharedVerdict(zeek: ZeekVerdict): ConnectionOverview['verdict'] {
  const key = `${zeek.connState} ${zeek.history}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = { zeek: { connState: zeek.connState, history: zeek.history } };
  return remember(verdicts, key, verdict, VERDICTS_KEPT);
}

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
    verdict: sharedVerdict(c.verdict.zeek),
  };
}
