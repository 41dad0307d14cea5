// Connection verdicts in the vocabularies people already know: Wireshark's conversation
// completeness, Zeek's conn_state and history, and tcptrace's per-direction statistics.
import type {
  Completeness,
  Connection,
  ConnectionStats,
  DirectionStats,
  PacketRecord,
  TcpAnnotation,
  ZeekVerdict,
} from '../types';
import { seqAdd, seqGt } from './seqMath';
import { remember } from '../compact';

const RETRANSMISSIONS = new Set([
  'retransmission',
  'syn_retransmission',
  'fast_retransmission',
  'spurious_retransmission',
]);

/**
 * One connection's packets as the verdicts read them: its annotations, and the document's packet
 * records and times by ordinal (read in place, no list of the connection's packets is built).
 */
interface ConnectionPackets {
  annotations: readonly TcpAnnotation[];
  packets: readonly PacketRecord[];
  times: ReadonlyArray<number | null>;
}

function tcpOf(c: ConnectionPackets, a: TcpAnnotation) {
  return c.packets[a.packet - 1]!.tcp!;
}

/** Wireshark's tcp.completeness: bits for SYN, SYN-ACK, ACK, data, FIN and RST seen. */
export function completeness(c: ConnectionPackets): Completeness {
  let value = 0;
  for (const a of c.annotations) {
    const tcp = tcpOf(c, a);
    if (!tcp.hasFlags) continue;
    const f = tcp.flags;
    if (f.syn && !f.ack) value |= 1;
    if (f.syn && f.ack) value |= 2;
    if (f.ack && !f.syn) value |= 4;
    if ((tcp.length ?? 0) > 0) value |= 8;
    if (f.fin) value |= 16;
    if (f.rst) value |= 32;
  }
  const labels: Record<number, string> = {
    1: 'Incomplete, SYN_SENT',
    3: 'Incomplete, CLIENT_ESTABLISHED',
    7: 'Incomplete, ESTABLISHED',
    15: 'Incomplete, DATA',
    31: 'Complete, WITH_DATA',
    47: 'Complete, WITH_DATA',
    63: 'Complete, WITH_DATA',
    23: 'Complete, NO_DATA',
    39: 'Complete, NO_DATA',
    55: 'Complete, NO_DATA',
  };
  const flags = ['R', 'F', 'D', 'A', 'S', 'S']
    .map((c, i) => ((value >> (5 - i)) & 1 ? c : '·'))
    .join('');
  return { value, label: labels[value] ?? 'Incomplete', flags };
}

type ZeekEndpoint =
  'INACTIVE' | 'SYN_SENT' | 'SYN_ACK_SENT' | 'PARTIAL' | 'ESTABLISHED' | 'CLOSED' | 'RESET';

/**
 * Zeek's history letters (upper case: originator) and conn_state. a, d, i, q at most once per
 * direction; f, h, r, s again only with a new sequence number; c, t, w, g logarithmically.
 */
export function zeek(c: ConnectionPackets): ZeekVerdict {
  let history = '';
  const once = [new Set<string>(), new Set<string>()];
  const lastSeqOf = [new Map<string, number | null>(), new Map<string, number | null>()];
  const counts = [new Map<string, number>(), new Map<string, number>()];
  const state: [ZeekEndpoint, ZeekEndpoint] = ['INACTIVE', 'INACTIVE'];
  const payload = [0, 0];
  const add = (dir: number, letter: string, seq: number | null) => {
    const shown = dir === 0 ? letter.toUpperCase() : letter;
    if ('adiq'.includes(letter)) {
      if (once[dir]!.has(letter)) return;
      once[dir]!.add(letter);
    } else if ('fhrs'.includes(letter)) {
      const seen = lastSeqOf[dir]!;
      if (seen.has(letter) && seen.get(letter) === seq) return;
      seen.set(letter, seq);
    } else {
      // Logarithmic: the 1st, 10th, 100th… event adds a letter.
      const n = (counts[dir]!.get(letter) ?? 0) + 1;
      counts[dir]!.set(letter, n);
      if (Math.log10(n) % 1 !== 0) return;
    }
    history += shown;
  };
  for (const a of c.annotations) {
    const tcp = tcpOf(c, a);
    if (!tcp.hasFlags) continue;
    const dir = a.direction === 'client->server' ? 0 : 1;
    const peer = 1 - dir;
    const f = tcp.flags;
    const len = tcp.length ?? 0;
    const seq = a.seqStart;
    payload[dir]! += len;
    if ((f.syn && f.fin) || (f.syn && f.rst)) add(dir, 'q', seq);
    if (f.fin && f.rst) add(dir, 'i', seq);
    if (f.syn) add(dir, f.ack ? 'h' : 's', seq);
    if (f.fin) add(dir, 'f', seq);
    if (f.rst) add(dir, 'r', seq);
    if (len > 0) add(dir, 'd', seq);
    else if (f.ack && !f.syn && !f.fin && !f.rst) add(dir, 'a', seq);
    if (tcp.checksum?.startsWith('0x') && tcp.checksum.includes('incorrect')) add(dir, 'c', seq);
    if (len > 0 && a.findings.some((x) => RETRANSMISSIONS.has(x))) add(dir, 't', seq);
    if (tcp.win === 0 && !f.syn && !f.fin && !f.rst) add(dir, 'w', seq);
    if (a.findings.includes('lost_segment')) add(dir, 'g', seq);

    // Endpoint states as Zeek's TCP analyzer tracks them.
    if (f.rst) state[dir] = 'RESET';
    else if (f.fin) {
      if (state[dir] !== 'RESET') state[dir] = 'CLOSED';
    } else if (f.syn && !f.ack) {
      if (state[dir] === 'INACTIVE') state[dir] = 'SYN_SENT';
    } else if (f.syn && f.ack) {
      if (state[dir] === 'INACTIVE' || state[dir] === 'SYN_SENT') state[dir] = 'SYN_ACK_SENT';
      if (state[peer] === 'SYN_SENT') state[peer] = 'ESTABLISHED';
    } else if (state[dir] === 'INACTIVE') {
      state[dir] = 'PARTIAL';
    } else if (
      state[dir] === 'SYN_SENT' &&
      (state[peer] === 'SYN_ACK_SENT' || state[peer] === 'ESTABLISHED')
    ) {
      state[dir] = 'ESTABLISHED';
      if (state[peer] === 'SYN_ACK_SENT') state[peer] = 'ESTABLISHED';
    } else if (state[dir] === 'ESTABLISHED' && state[peer] === 'SYN_ACK_SENT') {
      state[peer] = 'ESTABLISHED';
    }
  }
  return { connState: connState(state[0], state[1], history, payload), history };
}

/** Zeek's conn_state() from the two endpoint states. */
function connState(o: ZeekEndpoint, r: ZeekEndpoint, history: string, payload: number[]): string {
  const synSentLike = (s: ZeekEndpoint) => s === 'SYN_SENT' || s === 'SYN_ACK_SENT';
  const inactive = (s: ZeekEndpoint) => s === 'INACTIVE' || s === 'PARTIAL';
  if (r === 'RESET') {
    if (synSentLike(o) || (o === 'RESET' && payload[0] === 0 && payload[1] === 0)) return 'REJ';
    return inactive(o) ? 'RSTRH' : 'RSTR';
  }
  if (o === 'RESET') {
    if (inactive(r)) return /^\^?S[^HAFGIQ]*R/.test(history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (o === 'CLOSED' && r === 'CLOSED') return 'SF';
  if (o === 'CLOSED') return r === 'INACTIVE' ? 'SH' : 'S2';
  if (r === 'CLOSED') return o === 'INACTIVE' ? 'SHR' : 'S3';
  if (o === 'SYN_SENT' && r === 'INACTIVE') return 'S0';
  if (o === 'ESTABLISHED' && r === 'ESTABLISHED') return 'S1';
  return 'OTH';
}

function emptyDirection(): DirectionStats {
  return {
    packets: 0,
    ackPackets: 0,
    pureAcks: 0,
    dataPackets: 0,
    dataBytes: 0,
    uniqueBytes: 0,
    retransmittedPackets: 0,
    retransmittedBytes: 0,
    syns: 0,
    fins: 0,
    zeroWindowAdvertisements: 0,
    duplicateAcks: 0,
    maxSegment: null,
    minSegment: null,
    rtt: { samples: 0, min: null, max: null, avg: null },
    throughput: null,
  };
}

/** An ACK number covers one of the retransmitted segments starting at `starts`. */
function coversAny(ack: number, starts: readonly number[]): boolean {
  for (const start of starts) if (seqGt(ack, start)) return true;
  return false;
}

/** tcptrace-style statistics, each direction named by its sender. */
export function statistics(c: ConnectionPackets): ConnectionStats {
  const client = emptyDirection();
  const server = emptyDirection();
  const highest: [number | null, number | null] = [null, null];
  /** Start of each retransmitted segment not yet acknowledged, per direction. */
  const resent: [number[], number[]] = [[], []];
  const rttSum = [0, 0];
  for (const a of c.annotations) {
    const tcp = tcpOf(c, a);
    const fromClient = a.direction === 'client->server';
    const d = fromClient ? client : server;
    const i = fromClient ? 0 : 1;
    d.packets++;
    if (!tcp.hasFlags) continue;
    const f = tcp.flags;
    const len = tcp.length ?? 0;
    if (f.ack) d.ackPackets++;
    if (f.ack && len === 0 && !f.syn && !f.fin && !f.rst) d.pureAcks++;
    if (f.syn) d.syns++;
    if (f.fin) d.fins++;
    if (tcp.win === 0 && !f.syn && !f.rst) d.zeroWindowAdvertisements++;
    if (a.findings.includes('duplicate_ack')) d.duplicateAcks++;
    if (len > 0) {
      d.dataPackets++;
      d.dataBytes += len;
      d.maxSegment = Math.max(d.maxSegment ?? 0, len);
      d.minSegment = Math.min(d.minSegment ?? Infinity, len);
      const end = a.seqStart === null ? null : seqAdd(a.seqStart, len);
      const top = highest[i] ?? null;
      if (a.seqStart === null || top === null || end === null) {
        d.uniqueBytes += len;
        if (end !== null) highest[i] = end;
      } else if (seqGt(end, top)) {
        // Only what goes beyond the highest byte already sent is new.
        d.uniqueBytes += Math.min(len, (end - top) >>> 0);
        highest[i] = end;
        if (seqGt(top, a.seqStart)) {
          d.retransmittedPackets++;
          d.retransmittedBytes += (top - a.seqStart) >>> 0;
          resent[i].push(a.seqStart);
        }
      } else {
        d.retransmittedPackets++;
        d.retransmittedBytes += len;
        resent[i].push(a.seqStart);
      }
    } else if (
      a.seqStart !== null &&
      (f.syn || f.fin) &&
      // Segments the receiver does not accept (out-of-order FIN, SYN on a live connection) start no new sequence space.
      !a.findings.includes('fin_unexpected_seq') &&
      !a.findings.includes('syn_in_established')
    ) {
      // A SYN or FIN occupies one sequence number; sent again, it is a retransmission too.
      const end = seqAdd(a.seqStart, 1);
      if (highest[i] === null || seqGt(end, highest[i])) highest[i] = end;
      else {
        // tcptrace counts the sequence number a SYN or FIN occupies as one byte.
        d.retransmittedPackets++;
        d.retransmittedBytes += 1;
        resent[i].push(a.seqStart);
      }
    }
    // An ACK's round-trip sample belongs to the direction of the data it acknowledges. Karn's
    // rule: an ACK that covers retransmitted data is ambiguous and gives no sample.
    const m = a.metrics;
    const peerResent = resent[1 - i]!;
    const ambiguous = a.ackNumber !== null && coversAny(a.ackNumber, peerResent);
    if (ambiguous) resent[1 - i] = peerResent.filter((start) => !seqGt(a.ackNumber!, start));
    if (!ambiguous && m && m.ackRtt !== null && m.ackedPacket !== null) {
      const owner = fromClient ? server : client;
      const o = fromClient ? 1 : 0;
      owner.rtt.samples++;
      owner.rtt.min = Math.min(owner.rtt.min ?? Infinity, m.ackRtt);
      owner.rtt.max = Math.max(owner.rtt.max ?? -Infinity, m.ackRtt);
      rttSum[o]! += m.ackRtt;
    }
  }
  // A loop, not Math.max(...times): one argument per packet overflows the stack on long connections.
  let first = Infinity;
  let last = -Infinity;
  for (const a of c.annotations) {
    const time = c.times[a.packet] ?? null;
    if (time === null) continue;
    if (time < first) first = time;
    if (time > last) last = time;
  }
  const duration = first === Infinity ? null : last - first;
  for (const [d, i] of [
    [client, 0],
    [server, 1],
  ] as const) {
    if (d.rtt.samples > 0) d.rtt.avg = rttSum[i]! / d.rtt.samples;
    d.throughput = duration !== null && duration > 0 ? d.uniqueBytes / duration : null;
  }
  return { duration, client: sharedIfNoData(client), server: sharedIfNoData(server) };
}

/**
 * The statistics of directions that sent no data and took no round-trip sample, shared by the
 * directions that counted the same: the unanswered side of each connection of a SYN flood or a
 * scan, and its lone SYN, would otherwise keep two objects each. Bounded; never modified.
 */
const DATALESS_KEPT = 4096;
const datalessDirections = new Map<string, DirectionStats>();

function sharedIfNoData(d: DirectionStats): DirectionStats {
  if (d.dataPackets > 0 || d.rtt.samples > 0) return d;
  const key = `${d.packets} ${d.ackPackets} ${d.pureAcks} ${d.syns} ${d.fins} ${d.zeroWindowAdvertisements} ${d.duplicateAcks} ${d.retransmittedPackets} ${d.retransmittedBytes} ${d.throughput}`;
  return datalessDirections.get(key) ?? remember(datalessDirections, key, d, DATALESS_KEPT);
}

export function connectionVerdict(
  annotations: TcpAnnotation[],
  packets: readonly PacketRecord[],
  times: ReadonlyArray<number | null>,
  initialRtt: number | null,
): Connection['verdict'] {
  const list: ConnectionPackets = { annotations, packets, times };
  return {
    completeness: completeness(list),
    zeek: zeek(list),
    stats: statistics(list),
    initialRtt,
  };
}
