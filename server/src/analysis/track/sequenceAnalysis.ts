// Wireshark's TCP sequence analysis (tcp.analysis.*), rule for rule and in the same order,
// applied to the numbers a text log carries. See README "Agreement with Wireshark" for where
// the text lacks a field Wireshark uses and what is done instead.
import type { FindingCode, PacketMetrics, RuleNote } from '../types';
import { seqAdd, seqGt, seqLe, seqLt } from './seqMath';

/** Wireshark keeps at most this many unacknowledged segments per direction. */
const MAX_UNACKED_SEGMENTS = 10_000;
/** A fast retransmission follows the last duplicate ACK within this time. */
const FAST_RETRANSMISSION_WINDOW = 0.02;
/** Out-of-order threshold when the initial RTT is unknown. */
const DEFAULT_OUT_OF_ORDER_THRESHOLD = 0.003;

/**
 * Wireshark's analysis flags, one bit each of a number (no set per packet), in the order the rules
 * below set them: the order they are reported in.
 */
export const ANALYSIS_FLAGS: readonly FindingCode[] = [
  'zero_window_probe',
  'zero_window',
  'lost_segment',
  'keep_alive',
  'window_update',
  'window_full',
  'keep_alive_ack',
  'zero_window_probe_ack',
  'duplicate_ack',
  'ack_lost_segment',
  'fast_retransmission',
  'out_of_order',
  'spurious_retransmission',
  'retransmission',
];
const ZERO_WINDOW_PROBE = 1 << 0;
const ZERO_WINDOW = 1 << 1;
const LOST_SEGMENT = 1 << 2;
export const KEEP_ALIVE = 1 << 3;
const WINDOW_UPDATE = 1 << 4;
const WINDOW_FULL = 1 << 5;
const KEEP_ALIVE_ACK = 1 << 6;
const ZERO_WINDOW_PROBE_ACK = 1 << 7;
const DUPLICATE_ACK = 1 << 8;
const ACK_LOST_SEGMENT = 1 << 9;
const FAST_RETRANSMISSION = 1 << 10;
const OUT_OF_ORDER = 1 << 11;
const SPURIOUS_RETRANSMISSION = 1 << 12;
const RETRANSMISSION = 1 << 13;

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
  /** The analysis flags of the last segment (bits of ANALYSIS_FLAGS). */
  lastFlags: number;
  unacked: Unacked[];
  /**
   * Lowest seq and highest next seq of `unacked`, kept up to date as segments are added and
   * recomputed after an ACK changed the list (`unackedSpanKnown` false): bytes in flight cost
   * O(1) per data segment.
   */
  unackedFirst: number;
  unackedLast: number;
  unackedSpanKnown: boolean;
}

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
    lastFlags: 0,
    unacked: [],
    unackedFirst: 0,
    unackedLast: 0,
    unackedSpanKnown: false,
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

/** The notes of a packet no rule had anything to say about, shared (never added to). */
const NO_NOTES: RuleNote[] = Object.freeze([]) as unknown as RuleNote[];

/** A packet's metrics before its analysis: nothing measured yet. */
export function emptyMetrics(): PacketMetrics {
  return {
    ackRtt: null,
    ackedPacket: null,
    rto: null,
    rtoPacket: null,
    bytesInFlight: null,
    dupAckNumber: null,
    dupAckOf: null,
    notes: NO_NOTES,
  };
}

function addNote(m: PacketMetrics, note: RuleNote): void {
  if (m.notes === NO_NOTES) m.notes = [];
  m.notes.push(note);
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
 * Analyses one segment sent in direction `fwd` (the peer's state is `rev`), updating both and the
 * packet's metrics `out`, and returns Wireshark's analysis flags for it (bits of ANALYSIS_FLAGS).
 */
export function analyzeSegment(
  fwd: FlowAnalysis,
  rev: FlowAnalysis,
  s: SegmentInput,
  out: PacketMetrics,
): number {
  let flags = 0;
  const seglen = s.length;
  const ack = s.ack ?? 0;
  const control = s.syn || s.fin || s.rst;
  if (s.syn) fwd.synWindowScale = s.windowScaleOption ?? -1;
  if (s.seq === null) return analyzeAckOnly(fwd, rev, s, out);
  const seq = s.seq;

  let skipToEnd = false;
  // Zero-window probe: one byte at the next sequence number while the peer's window is 0.
  if (seglen === 1 && seq === fwd.nextSeq && rev.window === 0) {
    flags |= ZERO_WINDOW_PROBE;
    skipToEnd = true;
  }
  if (!skipToEnd) {
    if (s.window === 0 && !control) flags |= ZERO_WINDOW;
    // Something before this segment was not captured.
    if (fwd.nextSeq !== null && seqGt(seq, fwd.nextSeq) && !s.rst) flags |= LOST_SEGMENT;
    if (
      (seglen === 0 || seglen === 1) &&
      fwd.nextSeq !== null &&
      seq === seqAdd(fwd.nextSeq, -1) &&
      !control
    ) {
      flags |= KEEP_ALIVE;
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
      flags |= WINDOW_UPDATE;
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
      flags |= WINDOW_FULL;
    }
    if (repeatsAck && s.window && s.window === fwd.window && (rev.lastFlags & KEEP_ALIVE) !== 0) {
      flags |= KEEP_ALIVE_ACK;
      skipToEnd = true;
    } else if (
      repeatsAck &&
      s.window === 0 &&
      s.window === fwd.window &&
      (rev.lastFlags & ZERO_WINDOW_PROBE) !== 0
    ) {
      flags |= ZERO_WINDOW_PROBE_ACK;
      skipToEnd = true;
    } else if (repeatsAck && s.window && fwd.window !== null && s.window !== fwd.window) {
      addNote(out, {
        rule: 'duplicate_ack',
        matched: false,
        reason: 'window_changed',
        have: s.window,
        need: fwd.window,
      });
    }
    if (repeatsAck && s.window && s.window === fwd.window && (flags & KEEP_ALIVE_ACK) === 0) {
      fwd.dupAckCount++;
      flags |= DUPLICATE_ACK;
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
    flags |= ACK_LOST_SEGMENT;
    rev.maxSeqToBeAcked = rev.nextSeq;
  }

  // Retransmission, fast retransmission, spurious retransmission or out-of-order.
  if ((seglen > 0 || s.syn || s.fin) && (flags & KEEP_ALIVE) === 0) {
    let notAdvanced = fwd.nextSeq !== null && seqLt(seq, fwd.nextSeq);
    // New data that starts one byte early follows a zero-window probe: not a retransmission.
    if (seglen > 1 && fwd.nextSeq !== null && seqAdd(fwd.nextSeq, -1) === seq) notAdvanced = false;
    const sinceDupAck = since(s.time, rev.lastAckTime);
    const sinceHighest = since(s.time, fwd.nextSeqTime);
    const threshold = s.initialRtt ?? DEFAULT_OUT_OF_ORDER_THRESHOLD;
    if (notAdvanced) {
      // Why it is, or is not, each kind of retransmission.
      addNote(out, {
        rule: 'retransmission',
        matched: true,
        reason: 'below_next',
        have: seq,
        need: fwd.nextSeq!,
      });
      if (rev.dupAckCount < 2) {
        addNote(out, {
          rule: 'fast_retransmission',
          matched: false,
          reason: 'few_duplicate_acks',
          have: rev.dupAckCount,
          need: 2,
        });
      } else if (rev.lastAck !== seq) {
        addNote(out, {
          rule: 'fast_retransmission',
          matched: false,
          reason: 'not_what_was_asked',
          have: seq,
          need: rev.lastAck ?? 0,
        });
      } else if (sinceDupAck === null || sinceDupAck >= FAST_RETRANSMISSION_WINDOW) {
        addNote(out, {
          rule: 'fast_retransmission',
          matched: false,
          reason: 'too_late',
          have: sinceDupAck ?? -1,
          need: FAST_RETRANSMISSION_WINDOW,
        });
      }
      if (sinceHighest === null || sinceHighest >= threshold) {
        addNote(out, {
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
      flags |= FAST_RETRANSMISSION;
    } else if (
      notAdvanced &&
      sinceHighest !== null &&
      sinceHighest < threshold &&
      fwd.nextSeq !== seqAdd(seq, seglen + (s.syn || s.fin ? 1 : 0))
    ) {
      flags |= OUT_OF_ORDER;
    } else if (
      seglen > 0 &&
      rev.lastAck !== null &&
      rev.lastAck !== 0 &&
      seqLe(seqAdd(seq, seglen), rev.lastAck)
    ) {
      flags |= SPURIOUS_RETRANSMISSION;
    } else if (notAdvanced) {
      flags |= RETRANSMISSION;
      out.rtoPacket = fwd.nextSeqPacket;
      out.rto = since(s.time, fwd.nextSeqTime);
    }
  }

  let nextSeq = seqAdd(seq, seglen);
  if (seglen > 0 || s.syn || s.fin) {
    if (s.syn || s.fin) nextSeq = seqAdd(nextSeq, 1);
    if (fwd.unacked.length < MAX_UNACKED_SEGMENTS) {
      fwd.unacked.push({ packet: s.packet, seq: seq, nextSeq, time: s.time });
      if (fwd.unackedSpanKnown) {
        if (seqLt(seq, fwd.unackedFirst)) fwd.unackedFirst = seq;
        if (seqGt(nextSeq, fwd.unackedLast)) fwd.unackedLast = nextSeq;
      }
    }
  }
  const probe = (flags & ZERO_WINDOW_PROBE) !== 0;
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
    if (!fwd.unackedSpanKnown) findUnackedSpan(fwd);
    const inFlight = ((fwd.unackedLast - fwd.unackedFirst) >>> 0) - (s.syn || s.fin ? 1 : 0);
    if (inFlight > 0 && inFlight < 2_000_000_000) out.bytesInFlight = inFlight;
  }
  return flags;
}

/** What the next segment in this direction is compared with: window, ACK, and its flags. */
function rememberLastSegment(fwd: FlowAnalysis, s: SegmentInput, ack: number, flags: number): void {
  fwd.window = s.window;
  fwd.windowFromSyn = s.syn;
  fwd.lastAck = ack;
  fwd.lastAckTime = s.time;
  fwd.lastFlags = flags;
}

/**
 * Drops what this ACK covers from the peer's unacknowledged segments (in place: the list is the
 * flow's own), trims a segment it covers in part; notes the segment it matches.
 */
function acknowledge(rev: FlowAnalysis, s: SegmentInput, ack: number, out: PacketMetrics): void {
  if (!s.ackFlag) return;
  const unacked = rev.unacked;
  let kept = 0;
  for (let i = 0; i < unacked.length; i++) {
    const u = unacked[i]!;
    if (ack === u.nextSeq) {
      if (out.ackedPacket === null) {
        out.ackedPacket = u.packet;
        out.ackRtt = since(s.time, u.time);
      }
    } else if (seqGt(ack, u.seq) && seqLe(ack, u.nextSeq)) {
      u.seq = ack;
      unacked[kept++] = u;
    } else if (seqGt(u.nextSeq, ack)) {
      unacked[kept++] = u;
    }
  }
  unacked.length = kept;
  rev.unackedSpanKnown = false;
}

function findUnackedSpan(flow: FlowAnalysis): void {
  const unacked = flow.unacked;
  let first = unacked[0]!.seq;
  let last = unacked[0]!.nextSeq;
  for (const u of unacked) {
    if (seqLt(u.seq, first)) first = u.seq;
    if (seqGt(u.nextSeq, last)) last = u.nextSeq;
  }
  flow.unackedFirst = first;
  flow.unackedLast = last;
  flow.unackedSpanKnown = true;
}

/** A segment whose own sequence number is unknown: only what its ACK and window say. */
function analyzeAckOnly(
  fwd: FlowAnalysis,
  rev: FlowAnalysis,
  s: SegmentInput,
  out: PacketMetrics,
): number {
  let flags = 0;
  const ack = s.ack ?? 0;
  if (s.window === 0 && !(s.syn || s.fin || s.rst)) flags |= ZERO_WINDOW;
  if (ack !== fwd.lastAck) {
    fwd.lastNonDupAckPacket = s.packet;
    fwd.dupAckCount = 0;
  }
  if (s.ackFlag && rev.maxSeqToBeAcked !== null && seqGt(ack, rev.maxSeqToBeAcked)) {
    flags |= ACK_LOST_SEGMENT;
    rev.maxSeqToBeAcked = rev.nextSeq;
  }
  rememberLastSegment(fwd, s, ack, flags);
  acknowledge(rev, s, ack, out);
  return flags;
}
