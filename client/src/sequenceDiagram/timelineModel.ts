// Questions the host asks of a diagram model. Pure (no editor API): unit-tested in Node.
import type { Timeline } from '../../../server/src/protocol';
import type { DiagramPacket } from '../webviewProtocol';

type Span = Pick<DiagramPacket, 'packet' | 'firstLine' | 'lastLine'>;

/**
 * The number of the packet whose lines (first to last, including its `-v` second line and its
 * hex/ASCII dump lines) contain the 0-based `line`, or null when no TCP packet does: a UDP or
 * other non-TCP packet, tcpdump's own messages, blank lines between packets. `packets` are in
 * document order. Binary search: the last packet starting at or before the line.
 */
export function packetAtLine(packets: readonly Span[], line: number): number | null {
  let lo = 0;
  let hi = packets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (packets[mid]!.firstLine <= line) lo = mid + 1;
    else hi = mid;
  }
  const p = packets[lo - 1];
  return p !== undefined && line <= p.lastLine ? p.packet : null;
}

/**
 * The same document version analysed the same way. The severities of the findings follow the
 * user's settings, which change without a new version.
 */
export function sameTimeline(a: Timeline, b: Timeline): boolean {
  if (a.uri !== b.uri || a.version !== b.version || a.packets.length !== b.packets.length)
    return false;
  for (let i = 0; i < a.packets.length; i++) {
    const x = a.packets[i]!.findingSeverities;
    const y = b.packets[i]!.findingSeverities;
    if (x.length !== y.length || x.some((s, k) => s !== y[k])) return false;
  }
  return true;
}
