import type { FlowAnalysis } from './sequenceAnalysis';
import { newFlowAnalysis } from './sequenceAnalysis';
import type { EndpointStates, Role, TcpState } from '../types';

/** What the tracker knows about one endpoint of a connection. */
export interface EndpointTrack {
  state: TcpState;
  /** Initial sequence number (working space), once its SYN or SYN+ACK was seen. */
  isn: number | null;
  sentSyn: boolean;
  sentSynAck: boolean;
  receivedSyn: boolean;
  /** Sequence number of this endpoint's FIN, once sent. */
  finSeq: number | null;
  finAcked: boolean;
  lastAck: number | null;
  lastWin: number | null;
  /** Time of this endpoint's last segment. */
  lastTime: number | null;
  /** Payload bytes sent, retransmissions excluded. */
  bytes: number;
  /** The state was assumed from a mid-stream segment rather than seen. */
  inferred: boolean;
  /**
   * First packet that sent each sequence number (start of a segment), for retransmissions.
   * Created with the first data segment: most connections of a scan or flood never send one.
   */
  firstSentAt: Map<number, number> | null;
  /** First packet whose segment ended at each sequence number, for matching ACKs to segments. */
  endedAt: Map<number, number> | null;
  /** Packet that last changed this endpoint's ACK number (the one duplicate ACKs repeat). */
  lastAckPacket: number | null;
  /** Packet of this endpoint's first SYN, for refusals and SYN retransmissions. */
  synPacket: number | null;
  /** Time of its latest SYN, for the handshake round-trip time. */
  lastSynTime: number | null;
  /** Last packet that carried new sequence space (for "previous segment not captured"). */
  lastSegmentPacket: number | null;
  /** A FIN sent beyond a gap: the receiver holds it until its ACK covers it. */
  heldFin: { seq: number; index: number } | null;
  /** Wireshark-style sequence analysis of what this endpoint sends. */
  flow: FlowAnalysis;
}

export function newEndpoint(): EndpointTrack {
  return {
    state: 'UNKNOWN',
    isn: null,
    sentSyn: false,
    sentSynAck: false,
    receivedSyn: false,
    finSeq: null,
    finAcked: false,
    lastAck: null,
    lastWin: null,
    lastTime: null,
    bytes: 0,
    inferred: false,
    firstSentAt: null,
    endedAt: null,
    lastAckPacket: null,
    synPacket: null,
    lastSynTime: null,
    lastSegmentPacket: null,
    heldFin: null,
    flow: newFlowAnalysis(),
  };
}

/** States in which both sequence spaces are synchronised (RFC 9293 §3.10.7.4). */
export function isSynchronized(state: TcpState): boolean {
  return (
    state === 'ESTABLISHED' ||
    state === 'FIN_WAIT_1' ||
    state === 'FIN_WAIT_2' ||
    state === 'CLOSE_WAIT' ||
    state === 'CLOSING' ||
    state === 'LAST_ACK' ||
    state === 'TIME_WAIT'
  );
}

/** The endpoint sends its FIN: the application called close() or shutdown(SHUT_WR). */
export function stateAfterSendingFin(state: TcpState): TcpState {
  switch (state) {
    case 'UNKNOWN':
    case 'SYN_RCVD':
    case 'ESTABLISHED':
      return 'FIN_WAIT_1';
    case 'CLOSE_WAIT':
      return 'LAST_ACK';
    default:
      return state;
  }
}

/** The endpoint receives the peer's FIN (after the segment's ACK field was processed). */
export function stateAfterReceivingFin(state: TcpState): TcpState {
  switch (state) {
    case 'UNKNOWN':
    case 'SYN_RCVD':
    case 'ESTABLISHED':
      return 'CLOSE_WAIT';
    case 'FIN_WAIT_1':
      // Our FIN is not yet acknowledged: the FINs crossed.
      return 'CLOSING';
    case 'FIN_WAIT_2':
      return 'TIME_WAIT';
    default:
      return state;
  }
}

/** The endpoint learns that its FIN was acknowledged. */
export function stateAfterFinAcked(state: TcpState): TcpState {
  switch (state) {
    case 'FIN_WAIT_1':
      return 'FIN_WAIT_2';
    case 'CLOSING':
      return 'TIME_WAIT';
    case 'LAST_ACK':
      return 'CLOSED';
    default:
      return state;
  }
}

/** The endpoint receives a SYN (no ACK). */
export function stateAfterReceivingSyn(state: TcpState): TcpState {
  switch (state) {
    case 'UNKNOWN':
    case 'CLOSED':
    case 'LISTEN':
    case 'SYN_SENT':
      // A listener spawns a child in SYN_RCVD; an endpoint in SYN_SENT sees a simultaneous open.
      return 'SYN_RCVD';
    default:
      // Synchronised endpoints answer with a challenge ACK and keep their state (RFC 5961).
      return state;
  }
}

const ALL_STATES: readonly TcpState[] = [
  'LISTEN',
  'SYN_SENT',
  'SYN_RCVD',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
  'UNKNOWN',
];
const stateIndex = new Map(ALL_STATES.map((state, i) => [state, i]));
const pairs: EndpointStates[][] = ALL_STATES.map((client) =>
  ALL_STATES.map((server) => ({ client, server })),
);

let lastPair: EndpointStates = pairs[0]![0]!;

/**
 * The pair of endpoint states as a shared object: a capture has hundreds of thousands of
 * packets but only a few dozen distinct pairs, so each annotation points at one of those.
 * Callers replace pairs, never modify them.
 */
export function statePair(client: TcpState, server: TcpState): EndpointStates {
  // Consecutive packets mostly leave both states as they were: the last pair answers them.
  if (client === lastPair.client && server === lastPair.server) return lastPair;
  lastPair = pairs[stateIndex.get(client)!]![stateIndex.get(server)!]!;
  return lastPair;
}

/** The shared pair with one endpoint's state replaced. */
export function withState(pair: EndpointStates, role: Role, state: TcpState): EndpointStates {
  return role === 'client' ? statePair(state, pair.server) : statePair(pair.client, state);
}
