import type { Connection, Endpoint, Finding, PacketRecord, TcpAnnotation } from '../types';
import { endpointText } from '../parse/endpoint';
import type { ConnectionTrack } from './connectionTrack';
import { annotationAt, isFinished, newConnectionTrack, noteFinding } from './connectionTrack';
import type { WorkingNumbers } from './numbering';
import { applySegment } from './segment';
import { finishConnection } from './steps';
import { connectionVerdict } from './verdict';
import { crowdFindings } from './crowd';
import type { ProgressReport } from '../progress';
import { PROGRESS_EVERY } from '../progress';

/** Linux's default ephemeral port range (net.ipv4.ip_local_port_range). */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

function looksLikeServerPort(e: Endpoint): boolean {
  if (e.portNumber === null) return false;
  if (e.portNumber < 1024) return true;
  // A service name means /etc/services knows the port.
  if (!/^\d+$/.test(e.port)) return true;
  return e.portNumber < EPHEMERAL_LOW || e.portNumber > EPHEMERAL_HIGH;
}

/**
 * Decides which endpoint is the client (active opener) of a connection first seen in packet `p`.
 * A SYN or SYN+ACK says it outright; mid-stream, a well-known port marks the server, and failing
 * that the first packet is taken to go from client to server.
 */
function chooseClient(p: PacketRecord): {
  client: Endpoint;
  server: Endpoint;
  evidence: ConnectionTrack['clientEvidence'];
} {
  const src = p.src!;
  const dst = p.dst!;
  const flags = p.tcp?.hasFlags ? p.tcp.flags : null;
  if (flags?.syn && !flags.ack) return { client: src, server: dst, evidence: 'syn' };
  if (flags?.syn && flags.ack) return { client: dst, server: src, evidence: 'syn-ack' };
  const srcServer = looksLikeServerPort(src);
  const dstServer = looksLikeServerPort(dst);
  if (srcServer !== dstServer) {
    return srcServer
      ? { client: dst, server: src, evidence: 'port' }
      : { client: src, server: dst, evidence: 'port' };
  }
  return { client: src, server: dst, evidence: 'first-packet' };
}

export interface TrackResult {
  annotations: TcpAnnotation[];
  connections: Connection[];
  findings: Finding[];
}

/**
 * Groups TCP packets into connections (4-tuple, split when a new SYN reuses the ports of a
 * finished connection) and runs both endpoint state machines over every segment.
 */
export function trackConnections(
  packets: PacketRecord[],
  numbers: Map<number, WorkingNumbers>,
  times: Array<number | null>,
  progress?: ProgressReport,
): TrackResult {
  const current = new Map<string, ConnectionTrack>();
  const tracks: ConnectionTrack[] = [];
  const annotations: TcpAnnotation[] = [];
  // Endpoints are shared by the parser, so their text is built once per endpoint.
  const texts = new Map<Endpoint, string>();
  const textOf = (e: Endpoint): string => {
    let t = texts.get(e);
    if (t === undefined) {
      t = endpointText(e);
      texts.set(e, t);
    }
    return t;
  };

  for (const p of packets) {
    if (progress && p.packet % PROGRESS_EVERY === 0) progress(p.packet, packets.length);
    if (
      p.protocol !== 'tcp' ||
      !p.tcp ||
      !p.src ||
      !p.dst ||
      p.src.port === '' ||
      p.dst.port === ''
    )
      continue;
    const srcText = textOf(p.src);
    const dstText = textOf(p.dst);
    const key = srcText <= dstText ? `${srcText} ${dstText}` : `${dstText} ${srcText}`;
    const n = numbers.get(p.packet);
    const flags = p.tcp.hasFlags ? p.tcp.flags : null;
    const bareSyn = flags !== null && flags.syn && !flags.ack;

    let ct = current.get(key);
    let reused: ConnectionTrack | null = null;
    if (ct && bareSyn) {
      const fromClient = srcText === ct.clientText;
      const seq = n?.seq ?? null;
      const sameAttempt = fromClient ? ct.client.isn === seq : ct.server.isn === seq;
      const newAttempt =
        fromClient &&
        ct.client.sentSyn &&
        !sameAttempt &&
        !ct.handshakeAcked &&
        ct.server.state !== 'ESTABLISHED';
      if ((isFinished(ct) && !sameAttempt) || newAttempt) {
        reused = ct;
        ct = undefined;
      }
    }
    if (!ct) {
      const role = chooseClient(p);
      ct = newConnectionTrack(
        tracks.length + 1,
        key,
        role.client,
        role.server,
        endpointText(role.client),
        endpointText(role.server),
        role.evidence,
      );
      tracks.push(ct);
      current.set(key, ct);
    }
    const sender = srcText === ct.clientText ? 'client' : 'server';
    const annotation = applySegment(ct, p.packet, sender, p.tcp, n, times[p.packet] ?? null);
    if (reused) {
      annotation.findings.push('reused_ports');
      noteFinding(ct, 'reused_ports');
      ct.findingList.push({
        code: 'reused_ports',
        packet: p.packet,
        connection: ct.id,
        related: [reused.annotations[0]!.packet],
      });
    }
    annotations.push(annotation);
  }
  current.clear();
  const connections: Connection[] = [];
  const trackFindings: Finding[] = [];
  const finishing: Array<ConnectionTrack | null> = tracks;
  for (let i = 0; i < finishing.length; i++) {
    const ct = finishing[i]!;
    const c = finishConnection(ct);
    c.verdict = connectionVerdict(ct.annotations, packets, times, ct.initialRtt);
    connections.push(c);
    for (const f of ct.findingList) trackFindings.push(f);
    // The tracking state is done with: let it go before the next connection is summarised.
    finishing[i] = null;
  }
  const crowd = crowdFindings(connections, annotations);
  for (const f of crowd) {
    annotationAt(annotations, f.packet)?.findings.push(f.code);
    const c = connections[f.connection - 1];
    if (c && !c.findings.includes(f.code)) c.findings = [...c.findings, f.code].sort();
  }
  for (const f of crowd) trackFindings.push(f);
  const findings = trackFindings.sort((a, b) => a.packet - b.packet);
  return { annotations, connections, findings };
}
