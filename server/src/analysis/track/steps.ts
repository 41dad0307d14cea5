import type {
  CloseKind,
  Connection,
  FindingCode,
  HandshakeOutcome,
  Role,
  Step,
  TcpState,
} from '../types';
import type { ConnectionTrack, PacketEvent } from './connectionTrack';
import { remember } from '../compact';
import { NO_FINDINGS, addPacketFinding, annotationAt, noteFinding, other } from './connectionTrack';
import { withState } from './endpointState';

/**
 * An empty list of packets or seconds, shared by the findings that have none (most of them: a
 * flood of a million unanswered SYNs would otherwise keep two empty arrays per connection).
 * Never added to.
 */
const NO_NUMBERS: number[] = Object.freeze([]) as unknown as number[];

/**
 * Finding lists shared by the connections that have the same findings: a flood or scan of a
 * million connections has a handful of distinct lists. Bounded, since crafted input could make
 * many; never modified (a list with another finding is a new one).
 */
const FINDING_LISTS_KEPT = 4096;
const findingLists = new Map<string, FindingCode[]>();

function sharedFindingCodes(codes: FindingCode[]): FindingCode[] {
  if (codes.length === 0) return NO_FINDINGS;
  const key = codes.join(' ');
  const known = findingLists.get(key);
  if (known !== undefined) return known;
  return remember(findingLists, key, Object.freeze(codes) as FindingCode[], FINDING_LISTS_KEPT);
}

function firstIndex(
  events: PacketEvent[],
  test: (e: PacketEvent, i: number) => boolean,
  from = 0,
): number | null {
  for (let i = from; i < events.length; i++) if (test(events[i]!, i)) return i;
  return null;
}

function handshakeOutcome(ct: ConnectionTrack): HandshakeOutcome {
  const ev = ct.events;
  if (ct.simultaneousOpen) return 'simultaneous open';
  if (ev.some((e) => e.refused)) return 'refused';
  const sawSyn = ev.some((e) => e.syn);
  const sawSynAck = ev.some((e) => e.synAck);
  if (!sawSyn && !sawSynAck) return 'midstream';
  if (sawSynAck) return ct.handshakeAcked ? 'complete' : 'half-open';
  // Only SYNs from the client: did the server ever say anything?
  return ev.some((e) => e.sender === 'server' && e.hasFlags) ? 'half-open' : 'no answer';
}

/** Steps of the handshake, once it is known whether the open was simultaneous. */
function labelHandshake(ct: ConnectionTrack, steps: Array<Step | null>): void {
  let firstSynAckSender: Role | null = null;
  let firstRst = true;
  ct.events.forEach((e, i) => {
    if (e.syn) {
      steps[i] = ct.simultaneousOpen
        ? e.sender === 'client'
          ? 'handshake 1/4 (simultaneous: SYN)'
          : 'handshake 2/4 (simultaneous: SYN)'
        : 'handshake 1/3';
    } else if (e.synAck) {
      firstSynAckSender ??= e.sender;
      steps[i] = ct.simultaneousOpen
        ? e.sender === firstSynAckSender
          ? 'handshake 3/4 (simultaneous: SYN-ACK)'
          : 'handshake 4/4 (simultaneous: SYN-ACK)'
        : 'handshake 2/3';
    } else if (e.handshakeAck) {
      steps[i] = 'handshake 3/3';
    } else if (e.refused) {
      steps[i] = 'handshake rejected (RST)';
    } else if (e.rst && firstRst) {
      steps[i] = 'abort (RST)';
    }
    if (e.rst) firstRst = false;
  });
}

interface CloseShape {
  kind: CloseKind;
  activeCloser: Role | null;
}

/** Steps of the close, once both FINs (if any) and their acknowledgements are known. */
function labelClose(ct: ConnectionTrack, steps: Array<Step | null>, refused: boolean): CloseShape {
  const ev = ct.events;
  const fin1 = firstIndex(ev, (e) => e.fin && !e.retransmittedControl);
  const firstRst = firstIndex(ev, (e) => e.rst);
  if (fin1 === null) {
    if (firstRst !== null && !refused) return { kind: 'abort', activeCloser: ev[firstRst]!.sender };
    return { kind: 'none', activeCloser: null };
  }
  const closer = ev[fin1]!.sender;
  const peer = other(closer);
  const fin2 = firstIndex(
    ev,
    (e) => e.fin && e.sender === peer && !e.retransmittedControl,
    fin1 + 1,
  );
  const ackOfFin1 = firstIndex(ev, (e) => e.acksFinOf === closer, fin1 + 1);
  const ackOfFin2 = fin2 === null ? null : firstIndex(ev, (e) => e.acksFinOf === peer, fin2 + 1);

  const label = (i: number | null, step: Step) => {
    if (i !== null) steps[i] = step;
  };
  /** Retransmitted FINs keep the step of the FIN they repeat. */
  const labelFinCopies = (sender: Role, step: Step) =>
    ev.forEach((e, i) => {
      if (e.fin && e.sender === sender && e.retransmittedControl) steps[i] = step;
    });

  let kind: CloseKind;
  let complete: boolean;
  if (ct.simultaneousClose) {
    label(fin1, 'close 1/4 (simultaneous: FIN)');
    label(fin2, 'close 2/4 (simultaneous: FIN)');
    labelFinCopies(closer, 'close 1/4 (simultaneous: FIN)');
    labelFinCopies(peer, 'close 2/4 (simultaneous: FIN)');
    const acks = [ackOfFin1, ackOfFin2]
      .filter((i): i is number => i !== null)
      .sort((a, b) => a - b);
    label(acks[0] ?? null, 'close 3/4 (simultaneous: ACK of peer FIN)');
    label(acks[1] ?? null, 'close 4/4 (simultaneous: ACK of peer FIN)');
    complete = acks.length === 2;
    kind = 'simultaneous';
  } else if (fin2 !== null && ackOfFin1 === fin2) {
    label(fin1, 'close 1/3');
    label(fin2, 'close 2/3');
    label(ackOfFin2, 'close 3/3');
    labelFinCopies(closer, 'close 1/3');
    labelFinCopies(peer, 'close 2/3');
    complete = ackOfFin2 !== null;
    kind = '3-way';
  } else {
    label(fin1, 'close 1/4');
    label(ackOfFin1, 'close 2/4');
    label(fin2, 'close 3/4');
    label(ackOfFin2, 'close 4/4');
    labelFinCopies(closer, 'close 1/4');
    labelFinCopies(peer, 'close 3/4');
    complete = ackOfFin1 !== null && fin2 !== null && ackOfFin2 !== null;
    // The passive closer kept sending after it acknowledged the first FIN.
    const halfClose =
      ackOfFin1 !== null &&
      ev.some(
        (e, i) =>
          i > ackOfFin1 && (fin2 === null || i <= fin2) && e.sender === peer && e.length > 0,
      );
    kind = halfClose ? 'half-close' : '4-way';
  }
  if (!complete) kind = firstRst !== null && firstRst > fin1 ? 'abort' : 'incomplete';
  return { kind, activeCloser: closer };
}

/** Rewrites one endpoint's state in every annotation of the connection. */
function overrideState(ct: ConnectionTrack, role: Role, state: TcpState, untilIndex: number): void {
  for (let i = 0; i < ct.annotations.length && i <= untilIndex; i++) {
    const a = ct.annotations[i]!;
    a.stateBefore = i === 0 ? a.stateBefore : withState(a.stateBefore, role, state);
    a.stateAfter = withState(a.stateAfter, role, state);
  }
}

/**
 * Of the SYN copies sent before the first SYN+ACK, only the last can be the one the server
 * answered; after the earlier ones, nothing says the server received anything.
 */
function forgetUnansweredSynCopies(ct: ConnectionTrack): void {
  if (ct.simultaneousOpen) return;
  const synAck = firstIndex(ct.events, (e) => e.synAck);
  if (synAck === null) return;
  let lastSyn: number | null = null;
  for (let i = 0; i < synAck; i++)
    if (ct.events[i]!.syn && ct.events[i]!.sender === 'client') lastSyn = i;
  if (lastSyn === null) return;
  for (let i = 0; i < lastSyn; i++) {
    const a = ct.annotations[i]!;
    if (a.stateAfter.server === 'SYN_RCVD')
      a.stateAfter = withState(a.stateAfter, 'server', 'UNKNOWN');
    if (i > 0 && a.stateBefore.server === 'SYN_RCVD')
      a.stateBefore = withState(a.stateBefore, 'server', 'UNKNOWN');
  }
  const answered = ct.annotations[lastSyn]!;
  answered.stateBefore = withState(answered.stateBefore, 'server', 'UNKNOWN');
}

/** Findings about the connection as a whole, anchored to the packet that explains them best. */
function addConnectionFindings(
  ct: ConnectionTrack,
  handshake: HandshakeOutcome,
  final: { client: TcpState; server: TcpState },
): void {
  const packetOf = (i: number | null) => (i === null ? null : ct.annotations[i]!.packet);
  const others = (related: Array<number | null>, anchor: number): number[] => {
    const kept = related.filter((p): p is number => p !== null && p !== anchor);
    return kept.length === 0 ? NO_NUMBERS : kept;
  };
  const add = (code: FindingCode, anchor: number | null, related: Array<number | null> = []) => {
    if (anchor === null) return;
    noteFinding(ct, code);
    // Shown on the anchor's line too (CLI, JSON packets).
    const annotation = annotationAt(ct.annotations, anchor);
    if (annotation) addPacketFinding(annotation, code);
    ct.findingList.push({
      code,
      packet: anchor,
      connection: ct.id,
      related: others(related, anchor),
    });
  };
  const synIndexes: number[] = [];
  for (let i = 0; i < ct.events.length; i++) {
    const e = ct.events[i]!;
    if (e.syn && e.sender === 'client') synIndexes.push(i);
  }
  if (handshake === 'no answer') {
    const syns = synIndexes.map(packetOf);
    add('syn_unanswered', syns[syns.length - 1] ?? null, syns.slice(0, -1));
    const times = synIndexes.map((i) => ct.annotations[i]!.time);
    const gaps = times
      .slice(1)
      .flatMap((t, k) =>
        t === null || times[k] === null ? [] : [Math.round((t - times[k]!) * 1000) / 1000],
      );
    const last = ct.findingList[ct.findingList.length - 1];
    if (last?.code === 'syn_unanswered')
      last.detail = {
        kind: 'retries',
        tries: syns.length,
        gaps: gaps.length > 0 ? gaps : NO_NUMBERS,
      };
  }
  // Keep-alive probes in a row with no answer from the peer: the last one of each series.
  for (const role of ['client', 'server'] as const) {
    let series: number[] = [];
    const flush = () => {
      if (series.length >= 2) {
        add('keep_alive_unanswered', series[series.length - 1]!, series.slice(0, -1));
        const last = ct.findingList[ct.findingList.length - 1]!;
        last.detail = { kind: 'probes', count: series.length };
      }
      series = [];
    };
    ct.events.forEach((e, i) => {
      if (e.sender === role && e.keepAlive) series.push(ct.annotations[i]!.packet);
      else flush();
    });
    flush();
  }
  if (handshake === 'half-open') {
    add('half_open_handshake', packetOf(firstIndex(ct.events, (e) => e.synAck)), [
      packetOf(synIndexes[0] ?? null),
    ]);
  }
  for (const role of ['client', 'server'] as const) {
    const peer = other(role);
    if (final[role] === 'CLOSE_WAIT') add('close_wait_at_end', packetOf(ct.finIndex[peer]));
    if (final[role] === 'FIN_WAIT_2') add('fin_wait_2_at_end', packetOf(ct.finIndex[role]));
    if (final[role] === 'LAST_ACK')
      add('last_ack_at_end', packetOf(ct.finIndex[role]), [packetOf(ct.finIndex[peer])]);
  }
}

/**
 * A pure ACK after silence, with its seq unprinted, was taken for a keep-alive. Unless the peer
 * answered it as one, it repeated the last ACK: a duplicate ACK, as Wireshark (seeing the seq)
 * would say.
 */
function settleGuessedKeepAlives(ct: ConnectionTrack): void {
  const guessed = (j: number) => ct.events[j]?.guessedKeepAlive === true;
  let changed = false;
  ct.events.forEach((e, i) => {
    if (!e.guessedKeepAlive) return;
    const answer = ct.events.findIndex((x, j) => j > i && x.sender !== e.sender);
    if (answer >= 0 && ct.annotations[answer]!.findings.includes('keep_alive_ack')) return;
    // A keep-alive timer repeats itself: two unanswered probes in a row confirm each other.
    const nextOwn = ct.events.findIndex((x, j) => j > i && x.sender === e.sender);
    let previousOwn = -1;
    for (let j = i - 1; j >= 0; j--) {
      if (ct.events[j]!.sender === e.sender) {
        previousOwn = j;
        break;
      }
    }
    const peerBetween = (a: number, b: number) =>
      ct.events.some((x, j) => j > Math.min(a, b) && j < Math.max(a, b) && x.sender !== e.sender);
    if (
      (nextOwn >= 0 && guessed(nextOwn) && !peerBetween(i, nextOwn)) ||
      (previousOwn >= 0 && guessed(previousOwn) && !peerBetween(previousOwn, i))
    ) {
      return;
    }
    const a = ct.annotations[i]!;
    a.findings = a.findings.map((c) => (c === 'keep_alive' ? 'duplicate_ack' : c));
    e.keepAlive = false;
    changed = true;
    for (const f of ct.findingList)
      if (f.packet === a.packet && f.code === 'keep_alive') f.code = 'duplicate_ack';
  });
  // The codes noted so far are those of the annotations; only a settled guess changes them.
  if (!changed) return;
  const codes = ct.annotations.flatMap((a) => a.findings);
  ct.findings = codes.length > 0 ? new Set(codes) : null;
}

/**
 * A SYN+ACK the client never answered: had it processed it, it would have sent the final ACK.
 * Until the client says anything more, it is shown as still waiting in SYN_SENT.
 */
function keepSilentClientInSynSent(ct: ConnectionTrack): void {
  const firstSynAck = firstIndex(ct.events, (e) => e.synAck);
  if (firstSynAck === null) return;
  for (let i = firstSynAck; i < ct.events.length; i++) {
    if (ct.events[i]!.sender === 'client') return;
    const a = ct.annotations[i]!;
    if (a.stateAfter.client === 'ESTABLISHED')
      a.stateAfter = withState(a.stateAfter, 'client', 'SYN_SENT');
    if (i > firstSynAck && a.stateBefore.client === 'ESTABLISHED')
      a.stateBefore = withState(a.stateBefore, 'client', 'SYN_SENT');
  }
}

/** Labels every packet of a finished track and summarises the connection. */
export function finishConnection(ct: ConnectionTrack): Connection {
  const handshake = handshakeOutcome(ct);
  if (handshake === 'no answer') {
    // Nothing came back: whether the SYNs even reached the server is unknown.
    overrideState(ct, 'server', 'UNKNOWN', ct.annotations.length - 1);
  } else if (handshake === 'refused') {
    // The RST says no socket matched: the server side never left CLOSED.
    const rst = firstIndex(ct.events, (e) => e.refused)!;
    overrideState(ct, 'server', 'CLOSED', rst);
  }

  forgetUnansweredSynCopies(ct);
  if (handshake === 'half-open') keepSilentClientInSynSent(ct);
  settleGuessedKeepAlives(ct);

  const steps: Array<Step | null> = ct.events.map(() => null);
  labelHandshake(ct, steps);
  const close = labelClose(ct, steps, handshake === 'refused');
  ct.annotations.forEach((a, i) => (a.step = steps[i] ?? null));

  const last = ct.annotations[ct.annotations.length - 1]!;
  addConnectionFindings(ct, handshake, last.stateAfter);
  const findings = new Set(ct.findings ?? []);
  if (handshake === 'midstream') findings.add('midstream');
  return {
    id: ct.id,
    client: ct.clientText,
    server: ct.serverText,
    clientEndpoint: ct.clientEndpoint,
    serverEndpoint: ct.serverEndpoint,
    clientInferred: ct.clientEvidence === 'port' || ct.clientEvidence === 'first-packet',
    clientEvidence: ct.clientEvidence,
    firstPacket: ct.annotations[0]!.packet,
    lastPacket: last.packet,
    packets: ct.annotations.length,
    handshake,
    close: close.kind,
    activeCloser: close.activeCloser,
    // The shared pair (statePair): a flood of a million connections has a handful of them.
    finalState: last.stateAfter,
    bytes: { client: ct.client.bytes, server: ct.server.bytes },
    findings: sharedFindingCodes([...findings].sort()),
    // Filled in by the tracker, which has the packet records.
    verdict: null as unknown as Connection['verdict'],
  };
}
