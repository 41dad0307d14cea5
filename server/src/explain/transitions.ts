import type { Role, TcpAnnotation, TcpFlags, TcpState } from '../analysis';
import type { TransitionKey } from './messages';

/** Why one endpoint went from `before` to `after` with this packet (it sent it, or received it). */
export function transitionKey(
  role: Role,
  a: TcpAnnotation,
  flags: TcpFlags | null,
): TransitionKey | null {
  const before: TcpState = a.stateBefore[role];
  const after: TcpState = a.stateAfter[role];
  if (before === after) return null;
  const sender = (a.direction === 'client->server') === (role === 'client');
  if (flags?.rst) return sender ? 'sentRst' : 'receivedRst';
  switch (after) {
    case 'SYN_SENT':
      return 'sentSyn';
    case 'SYN_RCVD':
      if (sender) return 'sentSynAck';
      return before === 'SYN_SENT' ? 'receivedSynSimultaneous' : 'receivedSyn';
    case 'ESTABLISHED':
      if (before === 'UNKNOWN') return 'inferredEstablished';
      if (flags?.syn && flags.ack) return 'receivedSynAck';
      return sender ? 'receivedSynAck' : 'receivedHandshakeAck';
    case 'FIN_WAIT_1':
      return 'sentFin';
    case 'FIN_WAIT_2':
      return 'finAcked';
    case 'CLOSE_WAIT':
      return 'receivedFin';
    case 'LAST_ACK':
      return 'sentFinAfterPeer';
    case 'CLOSING':
      return sender ? 'crossingFinLearned' : 'receivedFinCrossing';
    case 'TIME_WAIT':
      return before === 'CLOSING' ? 'finAckedClosing' : 'receivedFinAfterAck';
    case 'CLOSED':
      return before === 'LAST_ACK' ? 'finAckedLastAck' : 'receivedRst';
    default:
      return null;
  }
}
