// Wireshark's TCP sequence analysis (tcp.analysis.*), rule for rule and in the same order,
// applied to the numbers a text log carries. See README "Agreement with Wireshark" for where
// the text lacks a field Wireshark uses and what is done instead.
import type { FindingCode, RuleNote } from '../types';
import { seqAdd, seqGt, seqLe, seqLt } from './seqMath';

/** Wireshark keeps at most this many unacknowledged segments per direction. */
const MAX_UNACKED_SEGMENTS = 10_000;
/** A fast retransmission follows the last duplicate ACK within this time. */
const FAST_RETRANSMISSION_WINDOW = 0.02;
/** Out-of-order threshold when the initial RTT is unknown. */
const DEFAULT_OUT_OF_ORDER_THRESHOLD = 0.003;

interface Unacked {
  packet: number;
  seq: number;
  nextSeq: number;
  time: number | null;
}

/** Per-direction analysis state (Wireshark's tcp_flow_t / tcp_analyze_seq_info). */
export interface FlowAnalysis {
  nextSeq: number | null;
  nextSeqPacket: number | null;
  nextSeqTime: number | null;
  maxSeqToBeAcked: number | null;
  lastAck: number | null;
  lastAckTime: number | null;
  lastNonDupAckPacket: number | null;
  dupAckCount: number;
  window: number | null;
  /** The last window came with a SYN (never scaled). */
  windowFromSyn: boolean;
  /** Window scale shift announced in this direction's SYN: null = no SYN seen, -1 = none sent. */
  synWindowScale: number | null;
  lastFlags: Set<FindingCode>;
  unacked: Unacked[];
  /**
   * Lowest seq and highest next seq of `unacked`, kept up to date as segments are added and
   * dropped when an ACK changes the list (null): bytes in flight cost O(1) per data segment.
   */
  unackedSpan: { first: number; last: number } | null;
}

/** Shared by every flow before its first segment (only read, never added to). */
const NO_FINDINGS: Set<FindingCode> = new Set();

export function newFlowAnalysis(): FlowAnalysis {
  return {
    nextSeq: null,
    nextSeqPacket: null,
    nextSeqTime: null,
    maxSeqToBeAcked: null,
    lastAck: null,
    lastAckTime: null,
    lastNonDupAckPacket: null,
    dupAckCount: 0,
    window: null,
    windowFromSyn: false,
    synWindowScale: null,
    lastFlags: NO_FINDINGS,
    unacked: [],
    unackedSpan: null,
  };
}

export interface SegmentInput {
  packet: number;
  time: number | null;
  /**
   * Sequence number; for zero-length segments whose seq was not printed, the caller passes
   * nextSeq, or null when even that is unknown (only the ACK side is then analysed).
   */
  seq: number | null;
  /** The seq was printed (not assumed). */
  seqKnown: boolean;
  ack: number | null;
  /** Payload length. */
  length: number;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  ackFlag: boolean;
  window: number | null;
  windowScaleOption: number | null;
  /** Handshake round-trip time (SYN → final ACK), when known: the out-of-order threshold. */
  initialRtt: number | null;
}

export interface SegmentAnalysis {
  flags: FindingCode[];
  notes: RuleNote[];
  dupAckNumber: number | null;
  /** The last non-duplicate ACK a duplicate ACK repeats. */
  dupAckOf: number | null;
  /** For retransmissions: the packet of the eldest unacknowledged segment, and the time since it. */
  rtoPacket: number | null;
  rto: number | null;
  /** The segment this ACK acknowledges, and the time since it was sent. */
  ackedPacket: number | null;
  ackRtt: number | null;
  bytesInFlight: number | null;
}

const since = (now: number | null, then: number | null): number | null =>
  now === null || then === null ? null : now - then;

/** Effective shift of `flow`'s windows: both SYNs must carry the option (RFC 7323). */
function windowShift(flow: FlowAnalysis, reverse: FlowAnalysis): number | null {
  if (flow.synWindowScale === null || reverse.synWindowScale === null) return null;
  if (flow.synWindowScale < 0 || reverse.synWindowScale < 0) return 0;
  return flow.synWindowScale;
}

/**
 * Analyses one segment sent in direction `fwd` (the peer's state is `rev`), updating both, and
 * returns Wireshark's analysis flags for it.
 */
export function analyzeSegment(
  fwd: FlowAnalysis,
  rev: FlowAnalysis,
  s: SegmentInput,
): SegmentAnalysis {
  const flags = new Set<FindingCode>();
  const out: SegmentAnalysis = {
    flags: [],
    notes: [],
    dupAckNumber: null,
    dupAckOf: null,
    rtoPacket: null,
    rto: null,
    ackedPacket: null,
    ackRtt: null,
    bytesInFlight: null,
  };
  const seglen = s.length;
  const ack = s.ack ?? 0;
  const control = s.syn || s.fin || s.rst;
  if (s.syn) fwd.synWindowScale = s.windowScaleOption ?? -1;
  if (s.seq === null) return analyzeAckOnly(fwd, rev, s, out);
  const seq = s.seq;

  let skipToEnd = false;
  // Zero-window probe: one byte at the next sequence number while the peer's window is 0.
  if (seglen === 1 && seq === fwd.nextSeq && rev.window === 0) {
    flags.add('zero_window_probe');
    skipToEnd = true;
  }
  if (!skipToEnd) {
    if (s.window === 0 && !control) flags.add('zero_window');
    // Something before this segment was not captured.
    if (fwd.nextSeq !== null && seqGt(seq, fwd.nextSeq) && !s.rst) flags.add('lost_segment');
    if (
      (seglen === 0 || seglen === 1) &&
      fwd.nextSeq !== null &&
      seq === seqAdd(fwd.nextSeq, -1) &&
      !control
    ) {
      flags.add('keep_alive');
    }
    const repeatsAck = seglen === 0 && seq === fwd.nextSeq && ack === fwd.lastAck && !control;
    if (
      seglen === 0 &&
      s.window &&
      s.window !== fwd.window &&
      seq === fwd.nextSeq &&
      ack === fwd.lastAck &&
      !control
    ) {
      flags.add('window_update');
    }
    const shift = windowShift(rev, fwd);
    if (
      seglen > 0 &&
      shift !== null &&
      rev.lastAck !== null &&
      rev.window !== null &&
      seqAdd(seq, seglen) === seqAdd(rev.lastAck, rev.window * 2 ** shift) &&
      !control
    ) {
      flags.add('window_full');
    }
    if (repeatsAck && s.window && s.window === fwd.window && rev.lastFlags.has('keep_alive')) {
      flags.add('keep_alive_ack');
      skipToEnd = true;
    } else if (
      repeatsAck &&
      s.window === 0 &&
      s.window === fwd.window &&
      rev.lastFlags.has('zero_window_probe')
    ) {
      flags.add('zero_window_probe_ack');
      skipToEnd = true;
    } else if (repeatsAck && s.window && fwd.window !== null && s.window !== fwd.window) {
      out.notes.push({
        rule: 'duplicate_ack',
        matched: false,
        reason: 'window_changed',
        have: s.window,
        need: fwd.window,
      });
    }
    if (repeatsAck && s.window && s.window === fwd.window && !flags.has('keep_alive_ack')) {
      fwd.dupAckCount++;
      flags.add('duplicate_ack');
      out.dupAckNumber = fwd.dupAckCount;
      out.dupAckOf = fwd.lastNonDupAckPacket;
    }
  }

  if (ack !== fwd.lastAck) {
    fwd.lastNonDupAckPacket = s.packet;
    fwd.dupAckCount = 0;
  }
  // The peer's data this ACK covers was never seen; one mark, then the bound moves on.
  if (s.ackFlag && rev.maxSeqToBeAcked !== null && seqGt(ack, rev.maxSeqToBeAcked)) {
    flags.add('ack_lost_segment');
    rev.maxSeqToBeAcked = rev.nextSeq;
  }

  // Retransmission, fast retransmission, spurious retransmission or out-of-order.
  if ((seglen > 0 || s.syn || s.fin) && !flags.has('keep_alive')) {
    let notAdvanced = fwd.nextSeq !== null && seqLt(seq, fwd.nextSeq);
    // New data that starts one byte early follows a zero-window probe: not a retransmission.
    if (seglen > 1 && fwd.nextSeq !== null && seqAdd(fwd.nextSeq, -1) === seq) notAdvanced = false;
    const sinceDupAck = since(s.time, rev.lastAckTime);
    const sinceHighest = since(s.time, fwd.nextSeqTime);
    const threshold = s.initialRtt ?? DEFAULT_OUT_OF_ORDER_THRESHOLD;
    if (notAdvanced) {
      // Why it is, or is not, each kind of retransmission.
      out.notes.push({
        rule: 'retransmission',
        matched: true,
        reason: 'below_next',
        have: seq,
        need: fwd.nextSeq!,
      });
      if (rev.dupAckCount < 2) {
        out.notes.push({
          rule: 'fast_retransmission',
          matched: false,
          reason: 'few_duplicate_acks',
          have: rev.dupAckCount,
          need: 2,
        });
      } else if (rev.lastAck !== seq) {
        out.notes.push({
          rule: 'fast_retransmission',
          matched: false,
          reason: 'not_what_was_asked',
          have: seq,
          need: rev.lastAck ?? 0,
        });
      } else if (sinceDupAck === null || sinceDupAck >= FAST_RETRANSMISSION_WINDOW) {
        out.notes.push({
          rule: 'fast_retransmission',
          matched: false,
          reason: 'too_late',
          have: sinceDupAck ?? -1,
          need: FAST_RETRANSMISSION_WINDOW,
        });
      }
      if (sinceHighest === null || sinceHighest >= threshold) {
        out.notes.push({
          rule: 'out_of_order',
          matched: false,
          reason: 'too_late',
          have: sinceHighest ?? -1,
          need: threshold,
        });
      }
    }
    if (
      notAdvanced &&
      rev.dupAckCount >= 2 &&
      rev.lastAck === seq &&
      sinceDupAck !== null &&
      sinceDupAck < FAST_RETRANSMISSION_WINDOW
    ) {
      flags.add('fast_retransmission');
    } else if (
      notAdvanced &&
      sinceHighest !== null &&
      sinceHighest < threshold &&
      fwd.nextSeq !== seqAdd(seq, seglen + (s.syn || s.fin ? 1 : 0))
    ) {
      flags.add('out_of_order');
    } else if (
      seglen > 0 &&
      rev.lastAck !== null &&
      rev.lastAck !== 0 &&
      seqLe(seqAdd(seq, seglen), rev.lastAck)
    ) {
      flags.add('spurious_retransmission');
    } else if (notAdvanced) {
      flags.add('retransmission');
      out.rtoPacket = fwd.nextSeqPacket;
      out.rto = since(s.time, fwd.nextSeqTime);
    }
  }

  let nextSeq = seqAdd(seq, seglen);
  if (seglen > 0 || s.syn || s.fin) {
    if (s.syn || s.fin) nextSeq = seqAdd(nextSeq, 1);
    if (fwd.unacked.length < MAX_UNACKED_SEGMENTS) {
      fwd.unacked.push({ packet: s.packet, seq: seq, nextSeq, time: s.time });
      const span = fwd.unackedSpan;
      if (span) {
        if (seqLt(seq, span.first)) span.first = seq;
        if (seqGt(nextSeq, span.last)) span.last = nextSeq;
      }
    }
  }
  const probe = flags.has('zero_window_probe');
  if ((fwd.nextSeq === null || seqGt(nextSeq, fwd.nextSeq)) && !probe) {
    fwd.nextSeq = nextSeq;
    fwd.nextSeqPacket = s.packet;
    fwd.nextSeqTime = s.time;
  }
  if ((fwd.maxSeqToBeAcked === null || seq === fwd.maxSeqToBeAcked) && !probe) {
    fwd.maxSeqToBeAcked = fwd.nextSeq;
  }
  rememberLastSegment(fwd, s, ack, flags);

  acknowledge(rev, s, ack, out);
  if (seglen > 0 && fwd.unacked.length > 0) {
    const { first, last } = (fwd.unackedSpan ??= spanOf(fwd.unacked));
    const inFlight = ((last - first) >>> 0) - (s.syn || s.fin ? 1 : 0);
    if (inFlight > 0 && inFlight < 2_000_000_000) out.bytesInFlight = inFlight;
  }
  out.flags = [...flags];
  return out;
}

/** What the next segment in this direction is compared with: window, ACK, and its flags. */
function rememberLastSegment(
  fwd: FlowAnalysis,
  s: SegmentInput,
  ack: number,
  flags: Set<FindingCode>,
): void {
  fwd.window = s.window;
  fwd.windowFromSyn = s.syn;
  fwd.lastAck = ack;
  fwd.lastAckTime = s.time;
  fwd.lastFlags = flags;
}

/** Drops what this ACK covers from the peer's unacknowledged segments; notes the segment it matches. */
function acknowledge(rev: FlowAnalysis, s: SegmentInput, ack: number, out: SegmentAnalysis): void {
  if (!s.ackFlag) return;
  const kept: Unacked[] = [];
  for (const u of rev.unacked) {
    if (ack === u.nextSeq) {
      if (out.ackedPacket === null) {
        out.ackedPacket = u.packet;
        out.ackRtt = since(s.time, u.time);
      }
    } else if (seqGt(ack, u.seq) && seqLe(ack, u.nextSeq)) {
      kept.push({ ...u, seq: ack });
    } else if (seqGt(u.nextSeq, ack)) {
      kept.push(u);
    }
  }
  rev.unacked = kept;
  rev.unackedSpan = null;
}

function spanOf(unacked: Unacked[]): { first: number; last: number } {
  let first = unacked[0]!.seq;
  let last = unacked[0]!.nextSeq;
  for (const u of unacked) {
    if (seqLt(u.seq, first)) first = u.seq;
    if (seqGt(u.nextSeq, last)) last = u.nextSeq;
  }
  return { first, last };
}

/** A segment whose own sequence number is unknown: only what its ACK and window say. */
function analyzeAckOnly(
  fwd: FlowAnalysis,
  rev: FlowAnalysis,
  s: SegmentInput,
  out: SegmentAnalysis,
): SegmentAnalysis {
  const flags = new Set<FindingCode>();
  const ack = s.ack ?? 0;
  if (s.window === 0 && !(s.syn || s.fin || s.rst)) flags.add('zero_window');
  if (ack !== fwd.lastAck) {
    fwd.lastNonDupAckPacket = s.packet;
    fwd.dupAckCount = 0;
  }
  if (s.ackFlag && rev.maxSeqToBeAcked !== null && seqGt(ack, rev.maxSeqToBeAcked)) {
    flags.add('ack_lost_segment');
    rev.maxSeqToBeAcked = rev.nextSeq;
  }
  rememberLastSegment(fwd, s, ack, flags);
  acknowledge(rev, s, ack, out);
  out.flags = [...flags];
  return out;
}
