import type { Endpoint, Finding, FindingCode, Role, TcpAnnotation } from '../types';
import type { EndpointTrack } from './endpointState';
import { newEndpoint } from './endpointState';

/** What a packet did, recorded for labelling the handshake and close once the whole connection is known. */
export interface PacketEvent {
  sender: Role;
  syn: boolean;
  synAck: boolean;
  /** Retransmitted SYN, SYN+ACK or FIN: it keeps the step of the original. */
  retransmittedControl: boolean;
  fin: boolean;
  rst: boolean;
  refused: boolean;
  /** First acknowledgement of the client's SYN+ACK-completed handshake. */
  handshakeAck: boolean;
  /** This packet acknowledges, for the first time, the FIN of this role. */
  acksFinOf: Role | null;
  /** Payload bytes carried. */
  length: number;
  /** The segment had flags (not a `-q` line). */
  hasFlags: boolean;
  keepAlive: boolean;
  /** A keep-alive inferred from silence, with its seq unprinted: unconfirmed until answered. */
  guessedKeepAlive: boolean;
}

export interface ConnectionTrack {
  id: number;
  key: string;
  clientText: string;
  serverText: string;
  clientEndpoint: Endpoint;
  serverEndpoint: Endpoint;
  clientEvidence: 'syn' | 'syn-ack' | 'port' | 'first-packet';
  client: EndpointTrack;
  server: EndpointTrack;
  annotations: TcpAnnotation[];
  events: PacketEvent[];
  /** Index into `annotations` of each role's first FIN. */
  finIndex: { client: number | null; server: number | null };
  rstSeen: boolean;
  /** The RST that ended the connection. */
  rstPacket: number | null;
  /** Findings reported once per connection (or per endpoint), by key. */
  reported: Set<string>;
  simultaneousOpen: boolean;
  simultaneousClose: boolean;
  handshakeAcked: boolean;
  /** Handshake round-trip time: from the (last) SYN to the ACK that completes the handshake. */
  initialRtt: number | null;
  findings: Set<FindingCode>;
  /** Findings with their anchors and related packets, in packet order. */
  findingList: Finding[];
  /** The last packet's sender and what it carried, for duplicate-ACK and keep-alive rules. */
  previous: {
    packet: number;
    sender: Role;
    segmentLength: number;
    keepAlive: boolean;
    time: number | null;
  } | null;
}

export function newConnectionTrack(
  id: number,
  key: string,
  client: Endpoint,
  server: Endpoint,
  clientText: string,
  serverText: string,
  evidence: ConnectionTrack['clientEvidence'],
): ConnectionTrack {
  return {
    id,
    key,
    clientText,
    serverText,
    clientEndpoint: client,
    serverEndpoint: server,
    clientEvidence: evidence,
    client: newEndpoint(),
    server: newEndpoint(),
    annotations: [],
    events: [],
    finIndex: { client: null, server: null },
    rstSeen: false,
    rstPacket: null,
    reported: new Set(),
    simultaneousOpen: false,
    simultaneousClose: false,
    handshakeAcked: false,
    initialRtt: null,
    findings: new Set(),
    findingList: [],
    previous: null,
  };
}

export function other(role: Role): Role {
  return role === 'client' ? 'server' : 'client';
}

/** The connection has ended on both sides: a new SYN on its 4-tuple opens a new connection. */
export function isFinished(ct: ConnectionTrack): boolean {
  if (ct.rstSeen) return true;
  const done = (s: string) => s === 'CLOSED' || s === 'TIME_WAIT';
  return done(ct.client.state) && done(ct.server.state);
}
