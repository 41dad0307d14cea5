import type {
  EndpointStates,
  FindingCode,
  FindingDetail,
  Role,
  TcpAnnotation,
  TcpSegment,
  TcpState,
} from '../types';
import type { ConnectionTrack, PacketEvent } from './connectionTrack';
import { NO_FINDINGS, noteFinding, other, reportedOnce } from './connectionTrack';
import {
  isSynchronized,
  stateAfterFinAcked,
  stateAfterReceivingFin,
  stateAfterReceivingSyn,
  stateAfterSendingFin,
  statePair,
} from './endpointState';
import { clearKeepingRoom } from '../compact';
import type { WorkingNumbers } from './numbering';
import type { SegmentInput } from './sequenceAnalysis';
import { ANALYSIS_FLAGS, analyzeSegment, emptyMetrics } from './sequenceAnalysis';
import { seqAdd, seqGe, seqGt } from './seqMath';

/** Seconds of silence after which a repeated zero-length ACK is taken as a keep-alive probe. */
const KEEPALIVE_IDLE_SECONDS = 1;

function states(ct: ConnectionTrack): EndpointStates {
  return statePair(ct.client.state, ct.server.state);
}

/**
 * The findings of the packet being applied (one at a time), then their related packets and
 * details by code. The packet keeps a copy only when it has any.
 */
const packetFindings: FindingCode[] = [];
const relatedByCode = new Map<FindingCode, number[]>();
const detailByCode = new Map<FindingCode, FindingDetail>();

/** Records a finding of `packet`, with the other packet involved, if any. */
function find(
  findings: FindingCode[],
  packet: number,
  code: FindingCode,
  other: number | null = null,
): void {
  findings.push(code);
  relatedByCode.set(code, other === null || other === packet ? [] : [other]);
}

/** What the sequence analysis reads of a segment, filled in again for each packet. */
const input: SegmentInput = {
  packet: 0,
  time: null,
  seq: null,
  seqKnown: false,
  ack: null,
  length: 0,
  syn: false,
  fin: false,
  rst: false,
  ackFlag: false,
  window: null,
  windowScaleOption: null,
  initialRtt: null,
};

function windowScaleOf(tcp: TcpSegment): number | null {
  for (const o of tcp.options) if (o.kind === 'wscale') return o.value;
  return null;
}

/** A retransmission, keep-alive or probe repeats sequence space: its bytes are not new. */
function repeatsData(findings: readonly FindingCode[]): boolean {
  for (const c of findings)
    if (c.endsWith('retransmission') || c === 'keep_alive' || c === 'zero_window_probe')
      return true;
  return false;
}

function finPacketOf(ct: ConnectionTrack, role: Role): number | null {
  const i = ct.finIndex[role];
  return i === null ? null : ct.annotations[i]!.packet;
}

/** The previous packet's facts, kept in one object per connection. */
function notePrevious(
  ct: ConnectionTrack,
  packet: number,
  sender: Role,
  segmentLength: number,
  keepAlive: boolean,
  time: number | null,
): void {
  const previous = ct.previous;
  if (previous === null) {
    ct.previous = { packet, sender, segmentLength, keepAlive, time };
    return;
  }
  previous.packet = packet;
  previous.sender = sender;
  previous.segmentLength = segmentLength;
  previous.keepAlive = keepAlive;
  previous.time = time;
}

/**
 * Runs one segment through both endpoint state machines: the sender's transition on sending,
 * then the receiver's on processing it. Returns the packet's annotation (step filled in later).
 */
export function applySegment(
  ct: ConnectionTrack,
  packet: number,
  sender: Role,
  tcp: TcpSegment,
  numbers: WorkingNumbers | undefined,
  time: number | null,
): TcpAnnotation {
  const before = states(ct);
  const findings = packetFindings;
  clearKeepingRoom(findings);
  if (relatedByCode.size > 0) relatedByCode.clear();
  if (detailByCode.size > 0) detailByCode.clear();
  const event: PacketEvent = {
    sender,
    syn: false,
    synAck: false,
    retransmittedControl: false,
    fin: false,
    rst: false,
    refused: false,
    handshakeAck: false,
    acksFinOf: null,
    length: tcp.length ?? 0,
    hasFlags: tcp.hasFlags,
    keepAlive: false,
    guessedKeepAlive: false,
  };
  const annotation: TcpAnnotation = {
    packet,
    connection: ct.id,
    time,
    direction: sender === 'client' ? 'client->server' : 'server->client',
    step: null,
    stateBefore: before,
    stateAfter: before,
    findings: NO_FINDINGS,
    absoluteSeq: numbers && numbers.seqAbsolute ? numbers.seq : null,
    absoluteAck: numbers && numbers.ackAbsolute && tcp.flags.ack ? numbers.ack : null,
    relativeNumbers: numbers?.printedRelative ?? false,
    seqStart: null,
    seqEnd: null,
    ackNumber: null,
    acknowledges: null,
    metrics: null,
  };
  ct.annotations.push(annotation);
  ct.events.push(event);
  if (!tcp.hasFlags || !numbers) {
    // `-q` lines and cut headers carry no flags: nothing to drive the state machines with.
    notePrevious(ct, packet, sender, event.length, false, time);
    return annotation;
  }

  const S = ct[sender];
  const R = ct[other(sender)];
  const f = tcp.flags;
  const len = event.length;
  const seqPrinted = numbers.seq !== null;
  const ack = f.ack ? numbers.ack : null;

  // Zero-length segments print no seq (unless -vv). A Linux keep-alive or window probe carries
  // seq = next - 1; when the traffic pattern says probe, that hidden seq is assumed.
  const probe =
    !seqPrinted &&
    !f.syn &&
    !f.fin &&
    !f.rst &&
    len === 0 &&
    ack !== null &&
    looksLikeProbe(ct, sender, ack, tcp.win, time);
  const next = S.flow.nextSeq;
  const seq =
    numbers.seq ??
    (f.syn ? null : next === null ? numbers.impliedSeq : probe ? seqAdd(next, -1) : next);
  const segmentLength = len + (f.syn ? 1 : 0) + (f.fin ? 1 : 0);

  {
    input.packet = packet;
    input.time = time;
    input.seq = seq;
    input.seqKnown = seqPrinted;
    input.ack = ack;
    input.length = len;
    input.syn = f.syn;
    input.fin = f.fin;
    input.rst = f.rst;
    input.ackFlag = f.ack;
    input.window = tcp.win;
    input.windowScaleOption = windowScaleOf(tcp);
    input.initialRtt = ct.initialRtt;
    const metrics = emptyMetrics();
    annotation.metrics = metrics;
    const flags = analyzeSegment(S.flow, R.flow, input, metrics);
    for (let bit = 0; flags >>> bit !== 0; bit++) {
      if (((flags >>> bit) & 1) === 0) continue;
      const code = ANALYSIS_FLAGS[bit]!;
      if (code === 'keep_alive') {
        event.keepAlive = true;
        // Guessed from silence alone (no closed window): confirmed only if the peer answers.
        event.guessedKeepAlive = probe && R.lastWin !== 0;
      }
      const original = (seq === null ? null : S.firstSentAt?.get(seq)) ?? metrics.rtoPacket;
      switch (code) {
        case 'retransmission':
          find(
            findings,
            packet,
            f.syn && !f.ack ? 'syn_retransmission' : 'retransmission',
            original,
          );
          break;
        case 'fast_retransmission':
        case 'spurious_retransmission':
          find(findings, packet, code, original);
          break;
        case 'duplicate_ack':
          find(findings, packet, code, metrics.dupAckOf);
          break;
        case 'keep_alive_ack':
        case 'zero_window_probe_ack':
          find(findings, packet, code, ct.previous?.packet ?? null);
          break;
        case 'lost_segment':
          find(findings, packet, code, S.lastSegmentPacket);
          break;
        default:
          find(findings, packet, code);
      }
    }
  }
  const repeated = repeatsData(findings);
  if (seq !== null) {
    annotation.seqStart = seq;
    annotation.seqEnd = seqAdd(seq, segmentLength);
    if (segmentLength > 0 && !event.keepAlive) {
      const firstSentAt = (S.firstSentAt ??= new Map());
      const endedAt = (S.endedAt ??= new Map());
      if (!firstSentAt.has(seq)) firstSentAt.set(seq, packet);
      if (!endedAt.has(annotation.seqEnd)) endedAt.set(annotation.seqEnd, packet);
      S.lastSegmentPacket = packet;
    }
  }
  if (ack !== null) {
    annotation.ackNumber = ack;
    if (S.lastAck === null || seqGt(ack, S.lastAck))
      annotation.acknowledges = R.endedAt?.get(ack) ?? null;
  }
  if (!repeated) S.bytes += len;
  if (f.syn && !f.ack) S.lastSynTime = time;

  if (len > 0 && !f.rst && ct.rstPacket !== null && !reportedOnce(ct, 'data_after_rst')) {
    find(findings, packet, 'data_after_rst', ct.rstPacket);
  }
  if (len > 0 && seq !== null && S.finSeq !== null && seqGe(seq, seqAdd(S.finSeq, 1))) {
    find(findings, packet, 'data_after_fin', finPacketOf(ct, sender));
  }
  if (
    len > 0 &&
    before[sender] === 'CLOSE_WAIT' &&
    !reportedOnce(ct, `half_close_data:${sender}`)
  ) {
    find(findings, packet, 'half_close_data', finPacketOf(ct, other(sender)));
  }

  if (f.rst) {
    // A RST answering a SYN from an endpoint that never answered with SYN+ACK: nobody listens.
    event.refused =
      R.sentSyn && !R.receivedSyn && !S.sentSynAck && !S.sentSyn && !ct.handshakeAcked;
    // RFC 5961: a reset is accepted only at exactly the next sequence number the receiver expects.
    const unexpected =
      !event.refused &&
      seq !== null &&
      R.lastAck !== null &&
      isSynchronized(R.state) &&
      seq !== R.lastAck &&
      seq !== next;
    find(findings, packet, 'rst', event.refused ? R.synPacket : null);
    detailByCode.set('rst', { kind: 'abort', by: sender, state: before[sender] });
    if (event.refused) find(findings, packet, 'refused', R.synPacket);
    if (unexpected && seq !== null && R.lastAck !== null) {
      // Not accepted as a reset: no step, no state change.
      find(findings, packet, 'rst_unexpected_seq');
      detailByCode.set('rst_unexpected_seq', {
        kind: 'sequence',
        expected: R.lastAck,
        actual: seq,
      });
    } else {
      event.rst = true;
      ct.rstSeen = true;
      ct.rstPacket ??= packet;
      S.state = 'CLOSED';
      R.state = 'CLOSED';
    }
  } else if (f.syn && !f.ack && isSynchronized(S.state) && seq !== S.isn) {
    // A new SYN on a live connection: answered with a challenge ACK, states unchanged (RFC 5961).
    // Wireshark calls a SYN with a new ISN on a known 4-tuple "port numbers reused".
    find(findings, packet, 'syn_in_established');
    find(findings, packet, 'reused_ports', S.synPacket);
  } else if (f.syn && !f.ack) {
    event.syn = true;
    if (S.sentSyn && seq === S.isn) {
      event.retransmittedControl = true;
    } else {
      if (S.state === 'SYN_RCVD' && S.receivedSyn && !S.sentSynAck) {
        // It received the peer's SYN yet sends a bare SYN: its own SYN was already under way.
        ct.simultaneousOpen = true;
      } else if (S.state === 'UNKNOWN' || S.state === 'CLOSED' || S.state === 'LISTEN') {
        S.state = 'SYN_SENT';
      }
      S.sentSyn = true;
      S.isn = seq;
      S.synPacket ??= packet;
    }
    R.receivedSyn = true;
    if (R.state === 'SYN_SENT') ct.simultaneousOpen = true;
    R.state = stateAfterReceivingSyn(R.state);
  } else if (f.syn && f.ack) {
    event.synAck = true;
    if (S.sentSynAck && seq === S.isn) {
      event.retransmittedControl = true;
    } else {
      S.isn = seq;
      S.sentSynAck = true;
      if (
        S.state === 'UNKNOWN' ||
        S.state === 'CLOSED' ||
        S.state === 'LISTEN' ||
        S.state === 'SYN_SENT'
      ) {
        S.state = 'SYN_RCVD';
      }
    }
    const acksOurSyn = ack !== null && (R.isn === null || ack === seqAdd(R.isn, 1));
    if (acksOurSyn && (R.state === 'SYN_SENT' || R.state === 'UNKNOWN' || R.state === 'SYN_RCVD')) {
      R.state = 'ESTABLISHED';
    }
  } else {
    if (
      f.ack &&
      R.sentSyn &&
      R.state === 'SYN_SENT' &&
      !S.sentSyn &&
      !S.sentSynAck &&
      !ct.handshakeAcked
    ) {
      find(findings, packet, 'ack_wrong_direction', R.synPacket);
    }
    // A FIN beyond the sender's next byte is held by the receiver until the gap is filled: it
    // takes effect only when the receiver's ACK covers it.
    const outOfOrderFin =
      f.fin && seq !== null && next !== null && seqGt(seq, next) && S.finSeq === null;
    if (outOfOrderFin) {
      find(findings, packet, 'fin_unexpected_seq', S.lastSegmentPacket);
      detailByCode.set('fin_unexpected_seq', { kind: 'sequence', expected: next, actual: seq });
      S.heldFin = { seq: seqAdd(seq, len), index: ct.annotations.length - 1 };
    }
    applyAckAndFin(ct, sender, event, seq, ack, f.fin && !outOfOrderFin, len);
    if (event.handshakeAck && time !== null && S.lastSynTime !== null)
      ct.initialRtt = time - S.lastSynTime;
  }

  if (ack !== null && (S.lastAck === null || ack !== S.lastAck)) S.lastAckPacket = packet;
  if (ack !== null) S.lastAck = ack;
  // A RST's window means nothing: it must not look like a closed window.
  if (tcp.win !== null && !f.rst) S.lastWin = tcp.win;
  S.lastTime = time;
  notePrevious(ct, packet, sender, segmentLength, event.keepAlive, time);
  if (findings.length > 0) annotation.findings = findings.slice();
  for (const code of findings) {
    noteFinding(ct, code);
    const related = relatedByCode.get(code) ?? [];
    const detail = detailByCode.get(code);
    ct.findingList.push(
      detail
        ? { code, packet, connection: ct.id, related, detail }
        : { code, packet, connection: ct.id, related },
    );
  }
  annotation.stateAfter = states(ct);
  return annotation;
}

function applyAckAndFin(
  ct: ConnectionTrack,
  sender: Role,
  event: PacketEvent,
  seq: number | null,
  ack: number | null,
  fin: boolean,
  len: number,
): void {
  const S = ct[sender];
  const R = ct[other(sender)];
  // A segment of an established exchange: endpoints not seen before were already synchronised.
  if (S.state === 'UNKNOWN') {
    S.state = 'ESTABLISHED';
    S.inferred = true;
  }
  if (R.state === 'UNKNOWN') {
    R.state = 'ESTABLISHED';
    R.inferred = true;
  }
  // It received a SYN+ACK the capture missed.
  if (S.state === 'SYN_SENT') S.state = 'ESTABLISHED';
  // The peer's held FIN is acknowledged: the gap before it was filled, it took effect.
  const held = R.heldFin;
  if (held && ack !== null && R.finSeq === null && seqGe(ack, seqAdd(held.seq, 1))) {
    R.heldFin = null;
    R.finSeq = held.seq;
    R.finAcked = false;
    ct.finIndex[other(sender)] ??= held.index;
    ct.events[held.index]!.fin = true;
    R.state = stateAfterSendingFin(R.state);
    S.state = stateAfterReceivingFin(S.state);
  }

  const acksFin = ack !== null && R.finSeq !== null && seqGe(ack, seqAdd(R.finSeq, 1));
  if (ack !== null) {
    if (
      R.state === 'SYN_RCVD' &&
      R.sentSynAck &&
      (R.isn === null || seqGe(ack, seqAdd(R.isn, 1)))
    ) {
      R.state = 'ESTABLISHED';
      if (sender === 'client' && !ct.handshakeAcked && !ct.simultaneousOpen)
        event.handshakeAck = true;
      ct.handshakeAcked = true;
    }
    if (acksFin && !R.finAcked) {
      R.finAcked = true;
      event.acksFinOf = other(sender);
      R.state = stateAfterFinAcked(R.state);
    }
  }
  if (!fin) return;

  event.fin = true;
  const finSeq = seq === null ? null : seqAdd(seq, len);
  if (S.finSeq !== null && finSeq === S.finSeq) {
    event.retransmittedControl = true;
  } else {
    S.finSeq = finSeq;
    S.finAcked = false;
    if (ct.finIndex[sender] === null) ct.finIndex[sender] = ct.annotations.length - 1;
    if (S.state === 'CLOSE_WAIT' && R.finSeq !== null && !acksFin) {
      // Its FIN does not acknowledge the peer's FIN: it was sent before that FIN arrived.
      markSimultaneousClose(ct, sender);
      S.state = 'CLOSING';
    } else {
      S.state = stateAfterSendingFin(S.state);
    }
  }
  R.state = stateAfterReceivingFin(R.state);
}

/**
 * The FINs crossed. The endpoint that looked CLOSE_WAIT since the peer's FIN arrived had in fact
 * already sent its own FIN: it went FIN_WAIT_1 → CLOSING when that FIN arrived.
 */
function markSimultaneousClose(ct: ConnectionTrack, sender: Role): void {
  ct.simultaneousClose = true;
  const from = ct.finIndex[other(sender)];
  if (from === null) return;
  const closing: TcpState = 'CLOSING';
  const fix = (s: EndpointStates): EndpointStates =>
    s[sender] !== 'CLOSE_WAIT'
      ? s
      : sender === 'client'
        ? statePair(closing, s.server)
        : statePair(s.client, closing);
  for (let i = from; i < ct.annotations.length - 1; i++) {
    const a = ct.annotations[i]!;
    a.stateAfter = fix(a.stateAfter);
    if (i > from) a.stateBefore = fix(a.stateBefore);
  }
  const current = ct.annotations[ct.annotations.length - 1]!;
  current.stateBefore = fix(current.stateBefore);
}

/**
 * A zero-length ACK that repeats the sender's previous ACK and window, and was not triggered by
 * data from the peer, after silence or into a closed window: a keep-alive or window probe, whose
 * seq (next - 1) tcpdump does not print without -vv.
 */
function looksLikeProbe(
  ct: ConnectionTrack,
  sender: Role,
  ack: number,
  win: number | null,
  time: number | null,
): boolean {
  const S = ct[sender];
  const previous = ct.previous;
  if (S.lastAck === null || ack !== S.lastAck || win !== S.lastWin) return false;
  if (previous && previous.sender !== sender && (previous.segmentLength > 0 || previous.keepAlive))
    return false;
  if (ct[other(sender)].lastWin === 0) return true;
  const idle = time !== null && S.lastTime !== null ? time - S.lastTime : null;
  const quiet =
    time !== null && previous !== null && previous.time !== null ? time - previous.time : null;
  return (
    idle !== null &&
    idle >= KEEPALIVE_IDLE_SECONDS &&
    (quiet === null || quiet >= KEEPALIVE_IDLE_SECONDS)
  );
}
