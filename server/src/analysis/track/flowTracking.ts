import type {
  Connection,
  ConnectionOverview,
  Endpoint,
  Finding,
  PacketRecord,
  TcpAnnotation,
} from '../types';
import { fitted } from '../compact';
import { endpointText } from '../parse/endpoint';
import type { ConnectionTrack } from './connectionTrack';
import { addPacketFinding, isFinished, newConnectionTrack, noteFinding } from './connectionTrack';
import type { CrowdMember } from './crowd';
import type { WorkingNumbers } from './numbering';
import { applySegment } from './segment';
import { finishConnection } from './steps';
import { connectionVerdict } from './verdict';

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

/**
 * One connection, fully analysed: its summary, one annotation per packet, its findings. A
 * streamed analysis keeps only the overview of each connection (`C`).
 */
export interface TrackedConnection<C extends ConnectionOverview = Connection> extends CrowdMember {
  connection: C;
  annotations: TcpAnnotation[];
  /** Findings of this connection alone (crowd findings come later), in the order found. */
  findings: Finding[];
}

/** Packets the tracker follows: TCP with both endpoints and ports printed. */
export function isTrackable(p: PacketRecord): boolean {
  return (
    p.protocol === 'tcp' &&
    p.tcp !== null &&
    p.src !== null &&
    p.dst !== null &&
    p.src.port !== '' &&
    p.dst.port !== ''
  );
}

/**
 * Runs both endpoint state machines over the packets of one 4-tuple (in document order), split
 * into connections when a new SYN reuses the ports of a finished one. What happens on one
 * 4-tuple never depends on another, so each can be tracked (and re-tracked) on its own. The
 * connections get provisional ids; `relabel` gives them their place in the document.
 */
export function trackFlow(
  packets: readonly PacketRecord[],
  /** Working numbers of each of `packets`, by index. */
  numbers: ReadonlyArray<WorkingNumbers | undefined>,
  times: ReadonlyArray<number | null>,
  allPackets: readonly PacketRecord[],
  /** Called once per packet read, for progress. */
  tick?: () => void,
): TrackedConnection[] {
  const tracks: ConnectionTrack[] = [];
  let ct: ConnectionTrack | undefined;
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i]!;
    tick?.();
    if (!isTrackable(p)) continue;
    const tcp = p.tcp!;
    const srcText = endpointText(p.src!);
    const n = numbers[i];
    const flags = tcp.hasFlags ? tcp.flags : null;
    const bareSyn = flags !== null && flags.syn && !flags.ack;

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
        0,
        '',
        role.client,
        role.server,
        endpointText(role.client),
        endpointText(role.server),
        role.evidence,
      );
      tracks.push(ct);
    }
    const sender = srcText === ct.clientText ? 'client' : 'server';
    const annotation = applySegment(ct, p.packet, sender, tcp, n, times[p.packet] ?? null);
    if (reused) {
      addPacketFinding(annotation, 'reused_ports');
      noteFinding(ct, 'reused_ports');
      ct.findingList.push({
        code: 'reused_ports',
        packet: p.packet,
        connection: ct.id,
        related: [reused.annotations[0]!.packet],
      });
    }
  }
  return tracks.map((track) => {
    const connection = finishConnection(track);
    connection.verdict = connectionVerdict(track.annotations, allPackets, times, track.initialRtt);
    return {
      connection,
      annotations: fitted(track.annotations),
      findings: fitted(track.findingList),
    };
  });
}

/**
 * Moves the packet ordinals a tracked connection refers to, after packets before them were added
 * or removed: `shift` gives each ordinal its new value. Its own packets are the only ones it
 * refers to, so a connection whose packets stayed needs no tracking again.
 */
export function renumber(t: TrackedConnection, shift: (ordinal: number) => number): void {
  const c = t.connection;
  c.firstPacket = shift(c.firstPacket);
  c.lastPacket = shift(c.lastPacket);
  for (const a of t.annotations) {
    a.packet = shift(a.packet);
    if (a.acknowledges !== null) a.acknowledges = shift(a.acknowledges);
    const m = a.metrics;
    if (m === null) continue;
    if (m.ackedPacket !== null) m.ackedPacket = shift(m.ackedPacket);
    if (m.rtoPacket !== null) m.rtoPacket = shift(m.rtoPacket);
    if (m.dupAckOf !== null) m.dupAckOf = shift(m.dupAckOf);
  }
  for (const f of t.findings) {
    f.packet = shift(f.packet);
    for (let i = 0; i < f.related.length; i++) f.related[i] = shift(f.related[i]!);
  }
  const attempt = t.crowdFacts?.attempt;
  if (attempt) attempt.packet = shift(attempt.packet);
}

/** Gives a connection its id everywhere it is written. */
export function relabel(t: TrackedConnection<ConnectionOverview>, id: number): void {
  if (t.connection.id === id) return;
  t.connection.id = id;
  for (const a of t.annotations) a.connection = id;
  for (const f of t.findings) f.connection = id;
}
