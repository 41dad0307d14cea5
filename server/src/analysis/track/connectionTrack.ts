import type { Endpoint, Finding, FindingCode, Role, TcpAnnotation } from '../types';
import type { EndpointTrack } from './endpointState';
import { newEndpoint } from './endpointState';
import { lowerBound } from '../search';

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
  /** Findings reported once per connection (or per endpoint), by key; null until the first. */
  reported: Set<string> | null;
  simultaneousOpen: boolean;
  simultaneousClose: boolean;
  handshakeAcked: boolean;
  /** Handshake round-trip time: from the (last) SYN to the ACK that completes the handshake. */
  initialRtt: number | null;
  /** Codes found so far; null until the first (a million scanned ports find little each). */
  findings: Set<FindingCode> | null;
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
    reported: null,
    simultaneousOpen: false,
    simultaneousClose: false,
    handshakeAcked: false,
    initialRtt: null,
    findings: null,
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

/**
 * The findings of a packet that has none, which is nearly every packet: one shared list instead
 * of one each. Frozen, so a code added to it by mistake throws; `addPacketFinding` replaces it.
 */
export const NO_FINDINGS: FindingCode[] = Object.freeze([]) as unknown as FindingCode[];

/** Adds a code to a packet's findings, which may still be the shared empty list. */
export function addPacketFinding(annotation: TcpAnnotation, code: FindingCode): void {
  if (annotation.findings === NO_FINDINGS) annotation.findings = [code];
  else annotation.findings.push(code);
}

/** Records a finding code on the connection. */
export function noteFinding(ct: ConnectionTrack, code: FindingCode): void {
  (ct.findings ??= new Set()).add(code);
}

/** True if `key` was reported before on this connection; marks it reported either way. */
export function reportedOnce(ct: ConnectionTrack, key: string): boolean {
  const reported = (ct.reported ??= new Set());
  if (reported.has(key)) return true;
  reported.add(key);
  return false;
}

/** Index of `packet`'s annotation in a list in packet order (a connection's, or all), or -1. */
export function indexOfPacket(list: readonly TcpAnnotation[], packet: number): number {
  const i = lowerBound(list, (a) => a.packet < packet);
  return list[i]?.packet === packet ? i : -1;
}

/** The annotation of `packet` in a list in packet order, if any. */
export function annotationAt(
  list: readonly TcpAnnotation[],
  packet: number,
): TcpAnnotation | undefined {
  return list[indexOfPacket(list, packet)];
}
