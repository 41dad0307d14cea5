import type { Endpoint, PacketRecord } from '../types';
import { endpointText } from '../parse/endpoint';
import { seqAdd, seqDiff } from './seqMath';

/**
 * Sequence numbers of one TCP packet in a space that is consistent per direction: absolute when
 * the base tcpdump subtracted is known, otherwise the printed relative value.
 */
export interface WorkingNumbers {
  seq: number | null;
  seqEnd: number | null;
  ack: number | null;
  /** The values above are absolute (not offsets from an unknown base). */
  seqAbsolute: boolean;
  ackAbsolute: boolean;
  /** tcpdump printed this packet's numbers relative to the flow's first packet. */
  printedRelative: boolean;
  /**
   * The seq of a pure ACK that set tcpdump's base for its side without printing it: 0 in that
   * side's relative space. Null otherwise.
   */
  impliedSeq: number | null;
}

interface FlowBases {
  /** Base tcpdump subtracts from the seq of each side (index 0: the lexically smaller endpoint). */
  base: [number | null, number | null];
}

/** A 4-tuple's key (both endpoints, order-independent) and which side of it a packet's source is. */
export interface FlowKey {
  readonly key: string;
  readonly side: 0 | 1;
}

/** The key of the 4-tuple an endpoint was last seen in, seen from each of its two endpoints. */
interface KnownFlow {
  peer: Endpoint;
  fromHere: FlowKey;
  fromPeer: FlowKey;
}

/**
 * The parser shares endpoint objects, so each packet's key is found by identity from the last
 * flow of its source (or destination) instead of being built as text three times per packet. Held
 * weakly: the entries go with the endpoints.
 */
const lastFlowOf = new WeakMap<Endpoint, KnownFlow>();

/** The flow of the last packet asked about, and its first endpoint: runs of one flow's packets hit it. */
let recentEndpoint: Endpoint | null = null;
let recentFlow: KnownFlow | null = null;

function remember(endpoint: Endpoint, flow: KnownFlow): FlowKey {
  recentEndpoint = endpoint;
  recentFlow = flow;
  return flow.fromHere;
}

/** The flow key tcpdump uses for relative numbers: both endpoints, order-independent. */
export function flowKey(p: Pick<PacketRecord, 'src' | 'dst'>): FlowKey | null {
  const src = p.src;
  const dst = p.dst;
  if (!src || !dst) return null;
  if (recentFlow !== null) {
    if (src === recentEndpoint && dst === recentFlow.peer) return recentFlow.fromHere;
    if (dst === recentEndpoint && src === recentFlow.peer) return recentFlow.fromPeer;
  }
  const fromSrc = lastFlowOf.get(src);
  if (fromSrc !== undefined && fromSrc.peer === dst) return remember(src, fromSrc);
  const fromDst = lastFlowOf.get(dst);
  if (fromDst !== undefined && fromDst.peer === src) {
    remember(dst, fromDst);
    return fromDst.fromPeer;
  }
  const a = endpointText(src);
  const b = endpointText(dst);
  const key = a <= b ? `${a} ${b}` : `${b} ${a}`;
  // Two endpoints printed alike are both side 0, whichever sends.
  const fromHere: FlowKey = { key, side: a <= b ? 0 : 1 };
  const fromPeer: FlowKey = { key, side: b <= a ? 0 : 1 };
  const flow: KnownFlow = { peer: dst, fromHere, fromPeer };
  lastFlowOf.set(src, flow);
  if (fromDst === undefined)
    lastFlowOf.set(dst, { peer: src, fromHere: fromPeer, fromPeer: fromHere });
  return remember(src, flow);
}

/**
 * Replays tcpdump's rule for relative numbers (print-tcp.c): only segments with ACK set are
 * rewritten; the first ACK-bearing segment of a flow, and any SYN+ACK, is printed absolute and
 * sets both bases (its seq for its side, ack-1 for the other); later ACK-bearing segments print
 * seq and ack minus those bases. `-S` prints everything absolute.
 */
function replay(
  packets: readonly PacketRecord[],
  absoluteDocument: boolean,
): Array<WorkingNumbers | undefined> {
  const flows = new Map<string, FlowBases>();
  const out = new Array<WorkingNumbers | undefined>(packets.length);
  /** Next absolute sequence number of each side, from segments printed absolute (e.g. a bare SYN). */
  const absoluteNext = new Map<string, [number | null, number | null]>();
  const noteAbsolute = (key: string, side: 0 | 1, tcp: NonNullable<PacketRecord['tcp']>) => {
    if (tcp.seq === null) return;
    const sides = absoluteNext.get(key) ?? [null, null];
    const length = tcp.seqEnd !== null ? tcp.seqEnd - tcp.seq : 0;
    sides[side] = seqAdd(tcp.seq, length + (tcp.flags.syn ? 1 : 0) + (tcp.flags.fin ? 1 : 0));
    absoluteNext.set(key, sides);
  };
  let lastKey: string | null = null;
  let lastFlow: FlowBases | undefined;
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i]!;
    const tcp = p.tcp;
    if (!tcp || !tcp.hasFlags) continue;
    const k = flowKey(p);
    if (!k) continue;
    const numbers: WorkingNumbers = {
      seq: tcp.seq,
      seqEnd: tcp.seqEnd,
      ack: tcp.ack,
      seqAbsolute: true,
      ackAbsolute: true,
      printedRelative: false,
      impliedSeq: null,
    };
    out[i] = numbers;
    if (absoluteDocument || !tcp.flags.ack) {
      noteAbsolute(k.key, k.side, tcp);
      continue;
    }
    // A flow's packets come in runs: the last flow's bases answer most without a lookup.
    let flow = k.key === lastKey ? lastFlow : flows.get(k.key);
    lastKey = k.key;
    lastFlow = flow;
    if (!flow || tcp.flags.syn) {
      noteAbsolute(k.key, k.side, tcp);
      flow = { base: [null, null] };
      // A pure ACK prints no seq; it carried the side's next sequence number, known if an
      // earlier segment of that side was printed absolute.
      flow.base[k.side] = tcp.seq ?? absoluteNext.get(k.key)?.[k.side] ?? null;
      if (tcp.seq === null && flow.base[k.side] === null) {
        numbers.impliedSeq = 0;
        numbers.seqAbsolute = false;
      }
      flow.base[k.side === 0 ? 1 : 0] = tcp.ack === null ? null : seqAdd(tcp.ack, -1);
      flows.set(k.key, flow);
      lastFlow = flow;
      continue;
    }
    numbers.printedRelative = true;
    const own = flow.base[k.side];
    const peer = flow.base[k.side === 0 ? 1 : 0];
    if (own !== null) {
      if (numbers.seq !== null) numbers.seq = seqAdd(numbers.seq, own);
      if (numbers.seqEnd !== null) numbers.seqEnd = seqAdd(numbers.seqEnd, own);
    } else numbers.seqAbsolute = false;
    if (peer !== null) {
      if (numbers.ack !== null) numbers.ack = seqAdd(numbers.ack, peer);
    } else numbers.ackAbsolute = false;
  }
  return out;
}

/** Flows that look printed relative and flows that look absolute (`-S`). */
export interface NumberingVotes {
  relative: number;
  absolute: number;
}

export function numberingOf(votes: NumberingVotes): 'relative' | 'absolute' {
  return votes.absolute > votes.relative ? 'absolute' : 'relative';
}

/** A flow's bases as the first ACK-bearing segment set them, and whether it has voted. */
export interface VotingFlow {
  seqBase: [number | null, number | null];
  decided: boolean;
}

/**
 * How the document was printed, relative numbers (default) or `-S`: in each flow, the first
 * segment printed after the bases were set is either a small offset (relative) or close to the
 * base itself (absolute). Each flow votes once, so the votes of separate flows add up.
 */
export function numberingVotes(packets: readonly PacketRecord[]): NumberingVotes {
  const voter = new NumberingVoter();
  for (const p of packets) voter.add(p);
  return voter.votes;
}

/**
 * What a voter that read a later part of a document passes on (`NumberingVoter.part`): its
 * votes, and what it could not decide without the parts before it.
 */
export interface VoterPart {
  votes: NumberingVotes;
  /**
   * The ACK-bearing packets of each flow before its first SYN in the part, in order, as side, seq
   * and ack (NaN for none) by threes: how they vote depends on what the parts before saw.
   */
  waiting: Array<[string, number[]]>;
  /**
   * Each flow's state at the end of the part, for the flows a SYN started again in it (none for
   * the last part).
   */
  flows: Array<[string, VotingFlow]>;
}

/** `numberingVotes` taken one packet at a time, in document order (a document read as a stream). */
export class NumberingVoter {
  readonly votes: NumberingVotes = { relative: 0, absolute: 0 };
  readonly #bases = new Map<string, VotingFlow>();
  #lastKey: string | null = null;
  #lastFlow: VotingFlow | undefined = undefined;
  /** Reading a later part of a document: packets of flows it has not seen start wait here. */
  readonly #waiting: Map<string, number[]> | null;

  constructor(options: { laterPart?: boolean } = {}) {
    this.#waiting = options.laterPart ? new Map() : null;
  }

  add(p: PacketRecord): void {
    const tcp = p.tcp;
    if (!tcp || !tcp.hasFlags || !tcp.flags.ack) return;
    const k = flowKey(p);
    if (!k) return;
    this.#vote(k.key, k.side, tcp.seq, tcp.ack, tcp.flags.syn);
  }

  /**
   * What a voter of a later part passes on to the voter of the parts before it (`adopt`). The
   * flows' states are left out of the last part's: no later packet reads them.
   */
  part(options: { last?: boolean } = {}): VoterPart {
    return {
      votes: this.votes,
      waiting: [...(this.#waiting ?? [])],
      flows: options.last ? [] : [...this.#bases],
    };
  }

  /** Takes in the votes of the part that follows the packets read so far. */
  adopt(part: VoterPart): void {
    for (const [key, waiting] of part.waiting) {
      for (let i = 0; i < waiting.length; i += 3) {
        const seq = waiting[i + 1]!;
        const ack = waiting[i + 2]!;
        const side = waiting[i] === 0 ? 0 : 1;
        this.#vote(
          key,
          side,
          Number.isNaN(seq) ? null : seq,
          Number.isNaN(ack) ? null : ack,
          false,
        );
      }
    }
    for (const [key, flow] of part.flows) this.#bases.set(key, flow);
    this.votes.relative += part.votes.relative;
    this.votes.absolute += part.votes.absolute;
    this.#lastKey = null;
    this.#lastFlow = undefined;
  }

  #vote(key: string, side: 0 | 1, seq: number | null, ack: number | null, syn: boolean): void {
    // A flow's packets come in runs: the last flow answers most without a lookup.
    const flow = key === this.#lastKey ? this.#lastFlow : this.#bases.get(key);
    this.#lastKey = key;
    this.#lastFlow = flow;
    if (!flow && !syn && this.#waiting) {
      // Until a SYN sets the bases again, the parts before decide what these packets mean.
      const waiting = this.#waiting.get(key);
      if (waiting) waiting.push(side, seq ?? NaN, ack ?? NaN);
      else this.#waiting.set(key, [side, seq ?? NaN, ack ?? NaN]);
      return;
    }
    if (!flow || syn) {
      const seqBase: [number | null, number | null] = [null, null];
      seqBase[side] = seq;
      seqBase[side === 0 ? 1 : 0] = ack === null ? null : seqAdd(ack, -1);
      this.#lastFlow = { seqBase, decided: false };
      this.#bases.set(key, this.#lastFlow);
      return;
    }
    if (flow.decided) return;
    const candidates: Array<[number, number | null]> = [
      [ack ?? NaN, flow.seqBase[side === 0 ? 1 : 0]],
      [seq ?? NaN, flow.seqBase[side]],
    ];
    for (const [value, base] of candidates) {
      if (Number.isNaN(value) || base === null) continue;
      const asRelative = Math.abs(seqDiff(value, 0));
      const asAbsolute = Math.abs(seqDiff(value, base));
      if (asAbsolute === asRelative) continue;
      if (asAbsolute < asRelative) this.votes.absolute++;
      else this.votes.relative++;
      flow.decided = true;
      break;
    }
  }
}

/** Each packet's working numbers, by its index in `packets` (undefined: none). */
export function workingNumbers(
  packets: readonly PacketRecord[],
  numbering: 'relative' | 'absolute',
): Array<WorkingNumbers | undefined> {
  return replay(packets, numbering === 'absolute');
}
