import type { AnalysisStage, AnalyzeOptions, ProgressReport } from './progress';
import { PROGRESS_EVERY, reporter } from './progress';
import { DocumentParser } from './parse/document';
import type { DeltaCounts } from './parse/deltaTimestamps';
import {
  deltaCounts,
  formOf,
  nearestReadDelta,
  replacedDeltaCounts,
  setDeltaForm,
} from './parse/deltaTimestamps';
import type { LineContext } from './parse/packetLine';
import type { TrackedConnection } from './track/flowTracking';
import { renumber, trackFlow } from './track/flowTracking';
import type { NumberingVotes } from './track/numbering';
import { flowKey, numberingOf, numberingVotes, workingNumbers } from './track/numbering';
import { packetTimes, timesOf, updatePacketTimes, walkTimestamps } from './track/packetTimes';
import type { PacketStore } from './parse/packetStore';
import type { PacketNotes, PacketNotesCollector } from './packetNotes';
import type { ConnectionDetails, ConnectionDetailsCollector } from './connectionDetails';
import type { FlowChange } from './track/reassembly';
import { reassembleFlows } from './track/reassembly';
import { rememberCrowdFacts } from './track/crowd';
import { connectionOverview } from './track/overview';
import type { Assembly } from './track/tracker';
import { assembleFlows, groupFlows } from './track/tracker';
import type {
  Analysis,
  ConnectionOverview,
  LineRecord,
  PacketRecord,
  TcpAnnotation,
} from './types';
import { lowerBound } from './search';
import { runSteps } from './runSteps';

/** Lines `start`…`oldEnd` (exclusive) of the previous text were replaced by `start`…`newEnd`. */
export interface LineEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** One 4-tuple's packets and what tracking them found. */
interface FlowState {
  packets: PacketRecord[];
  votes: NumberingVotes;
  tracked: TrackedConnection[];
}

/** What an update needs besides the analysis itself. */
interface EngineState {
  context: LineContext;
  /** Line of the first packet (it sets the context), -1 without packets. */
  firstPacketLine: number;
  flows: Map<string, FlowState>;
  votes: NumberingVotes;
  times: Array<number | null>;
  /** The flows put together: the analysis's connections, annotations and findings. */
  assembly: Assembly;
  /**
   * What tells the form of the document's delta timestamps (`formOf`): only the whole document
   * does, and an edit that changes it changes every packet's time.
   */
  deltas: DeltaCounts;
}

/** An analysis that can be brought up to date after an edit without starting over. */
export interface IncrementalAnalysis {
  readonly analysis: Analysis;
  /** How the latest analysis was made: from scratch, or by re-reading only what the edit touched. */
  readonly method: 'full' | 'incremental';
  /** The unrecognised lines, in order: kept up to date by each update instead of searched for. */
  readonly unrecognisedLines: readonly number[];
  readonly state: EngineState | null;
}

/** Counts packets as they are tracked and reports every PROGRESS_EVERY of them. */
function progressTicker(progress: ProgressReport | undefined, total: number) {
  if (!progress) return undefined;
  let done = 0;
  return () => {
    if (++done % PROGRESS_EVERY === 0) progress(done, total);
  };
}

/** How far an analysis made in steps has come, given between steps. */
export interface AnalysisStep {
  stage: AnalysisStage;
  done: number;
  total: number;
}

/** An analysis from scratch made in steps: between two, the caller may do other work or stop. */
export type AnalysisSteps = Generator<AnalysisStep, IncrementalAnalysis, void>;

/** Lines or packets read between two steps (a few milliseconds of work). */
const STEP_SIZE = 2048;

function* trackFlows(
  grouped: Map<string, PacketRecord[]>,
  packets: readonly PacketRecord[],
  times: Array<number | null>,
  options: AnalyzeOptions,
): Generator<AnalysisStep, { flows: Map<string, FlowState>; votes: NumberingVotes }, void> {
  const votes: NumberingVotes = { relative: 0, absolute: 0 };
  const flows = new Map<string, FlowState>();
  for (const [key, list] of grouped) {
    const v = numberingVotes(list);
    votes.relative += v.relative;
    votes.absolute += v.absolute;
    flows.set(key, { packets: list, votes: v, tracked: [] });
  }
  const numbering = numberingOf(votes);
  const tick = progressTicker(reporter(options, 'track'), packets.length);
  let done = 0;
  let nextStep = STEP_SIZE;
  for (const flow of flows.values()) {
    const numbers = workingNumbers(flow.packets, numbering);
    flow.tracked = trackFlow(flow.packets, numbers, times, packets, tick);
    done += flow.packets.length;
    if (done >= nextStep) {
      nextStep = done + STEP_SIZE;
      yield { stage: 'track', done, total: packets.length };
    }
  }
  return { flows, votes };
}

/** Every tracked flow put together. */
const assembleAll = (flows: Map<string, FlowState>, packetCount: number): Assembly =>
  assembleFlows(
    [...flows.values()].map((f) => f.tracked),
    packetCount,
  );

/** The document-wide results of tracked flows. */
const trackedParts = (
  assembly: Assembly,
  votes: NumberingVotes,
): Omit<Analysis, 'lines' | 'packets'> => ({
  tcp: assembly.annotations,
  connections: assembly.connections,
  findings: assembly.findings,
  sequenceNumbering: numberingOf(votes),
});

/** What a summary of parsed packets tells: no per-packet annotations. */
export interface PacketSummary {
  connections: ConnectionOverview[];
  findings: Analysis['findings'];
  sequenceNumbering: Analysis['sequenceNumbering'];
  tcpPacketCount: number;
  /** What the annotated text shows under each packet, when it was asked for. */
  notes: PacketNotes | null;
  /** Each connection's details (by id − 1), when they were asked for. */
  details: ConnectionDetails[] | null;
}

/** The annotations of a summarised connection, once the crowd rules have read them: none. */
const NO_ANNOTATIONS: TcpAnnotation[] = Object.freeze([]) as unknown as TcpAnnotation[];

/**
 * The connections and findings of stored packets, for a caller that needs no more (a file
 * streamed from disk, the CLI's summary). Each flow's records are made from the store when it is
 * tracked and let go with its annotations right after, so they never all take memory at once.
 * May throw: callers guard.
 */
export function summarisePackets(
  store: PacketStore,
  /** The stored packets' votes on how sequences are numbered (`NumberingVoter`). */
  votes: NumberingVotes,
  options: AnalyzeOptions = {},
  /** Keeps what the annotated text shows of each packet before the annotations go. */
  notes?: PacketNotesCollector,
  /** Keeps each connection's payload bytes and verdict, which the overview leaves out. */
  details?: ConnectionDetailsCollector,
): PacketSummary {
  const count = store.length;
  const times = timesOf(count, (visit) => store.forEachTimestamp(visit));
  const flows = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const endpoints = store.tcpEndpoints(i);
    const key = endpoints && flowKey(endpoints)?.key;
    if (!key) continue;
    const list = flows.get(key);
    if (list) list.push(i);
    else flows.set(key, [i]);
  }
  const numbering = numberingOf(votes);
  // Tracking reads a connection's own packets by ordinal: only the tracked flow's are set.
  const byOrdinal = new Array<PacketRecord | undefined>(count);
  const tick = progressTicker(reporter(options, 'track'), count);
  const tracked: TrackedConnection<ConnectionOverview>[][] = [];
  let tcpPacketCount = 0;
  for (const indexes of flows.values()) {
    const records = indexes.map((i) => store.record(i));
    for (const r of records) byOrdinal[r.packet - 1] = r;
    const connections = trackFlow(
      records,
      workingNumbers(records, numbering),
      times,
      byOrdinal as readonly PacketRecord[],
      tick,
    );
    const overviews = connections.map((t) => {
      tcpPacketCount += t.annotations.length;
      const kept: TrackedConnection<ConnectionOverview> = {
        connection: connectionOverview(t.connection),
        annotations: t.annotations,
        findings: t.findings,
      };
      // The crowd rules read a connection's annotations once: before they go.
      rememberCrowdFacts(kept);
      notes?.add(kept.connection, t.annotations);
      details?.add(kept.connection, t.connection);
      kept.annotations = NO_ANNOTATIONS;
      return kept;
    });
    for (const r of records) byOrdinal[r.packet - 1] = undefined;
    tracked.push(overviews);
  }
  const { connections, findings, crowd } = assembleFlows(tracked, count);
  return {
    connections,
    findings,
    sequenceNumbering: numbering,
    tcpPacketCount,
    notes: notes?.finish(crowd) ?? null,
    details: details?.finish() ?? null,
  };
}

function finishAnalysis(
  lines: LineRecord[],
  packets: PacketRecord[],
  state: EngineState,
  method: IncrementalAnalysis['method'],
  unrecognisedLines: number[],
): IncrementalAnalysis {
  const analysis: Analysis = { lines, packets, ...trackedParts(state.assembly, state.votes) };
  return { analysis, method, unrecognisedLines, state };
}

/** Analyses the first `count` lines from scratch, in steps (may throw: callers guard). */
function* analysisStepsUnsafe(
  texts: readonly string[],
  count: number,
  options: AnalyzeOptions,
): AnalysisSteps {
  const parser = new DocumentParser();
  const progress = reporter(options, 'parse');
  for (let i = 0; i < count; i++) {
    if (progress && i % PROGRESS_EVERY === 0) progress(i, count);
    if (i > 0 && i % STEP_SIZE === 0) yield { stage: 'parse', done: i, total: count };
    parser.push(texts[i]!);
  }
  const { lines, packets } = parser.finish();
  const times = packetTimes(packets);
  const { flows, votes } = yield* trackFlows(groupFlows(packets), packets, times, options);
  const state: EngineState = {
    context: parser.context,
    firstPacketLine: packets[0]?.line ?? -1,
    flows,
    votes,
    times,
    assembly: assembleAll(flows, packets.length),
    // Counted only when there are some: the pass over every packet would be wasted otherwise.
    deltas: parser.hasDeltaTimes
      ? deltaCounts(walkTimestamps(packets))
      : { deltas: 0, read: 0, decreasing: 0 },
  };
  return finishAnalysis(lines, packets, state, 'full', unrecognisedIn(lines, 0));
}

/**
 * `list` with items `from`…`to` (exclusive) replaced by `items`, changed in place. The caller
 * has made sure a change of length happens only at the end, so nothing moves.
 */
function replaceRange<T>(list: T[], from: number, to: number, items: readonly T[]): T[] {
  if (items.length !== to - from) list.length = from;
  for (let i = 0; i < items.length; i++) list[from + i] = items[i]!;
  return list;
}

/** Items inserted with one call of `Array.prototype.splice`, each an argument. */
const SPLICE_ARGUMENTS = 4096;

/** `replaceRange` where the items after `to` may move: as many items as were there or not. */
function spliceInPlace<T>(list: T[], from: number, to: number, items: readonly T[]): T[] {
  if (items.length === to - from || to >= list.length) return replaceRange(list, from, to, items);
  // The engine's splice moves what follows at once; a long paste is too many arguments for it.
  if (items.length <= SPLICE_ARGUMENTS) {
    list.splice(from, to - from, ...items);
    return list;
  }
  const tail = list.slice(to);
  list.length = from;
  for (const item of items) list.push(item);
  for (const item of tail) list.push(item);
  return list;
}

/**
 * Moves what follows an edit: the lines from `fromLine` by `delta`, and the packets from index
 * `fromPacket` by `delta` lines and `packetShift` ordinals (what the edit added or removed).
 */
function moveAfterEdit(
  lines: readonly LineRecord[],
  fromLine: number,
  packets: readonly PacketRecord[],
  fromPacket: number,
  delta: number,
  packetShift: number,
): void {
  if (delta === 0 && packetShift === 0) return;
  for (let i = fromLine; i < lines.length; i++) {
    const line = lines[i]!;
    line.line += delta;
    // Lines after the edit belong to packets after it.
    if (line.packet !== null) line.packet += packetShift;
  }
  for (let i = fromPacket; i < packets.length; i++) {
    const p = packets[i]!;
    p.packet += packetShift;
    p.line += delta;
    p.endLine += delta;
    p.headerLine += delta;
  }
}

/**
 * The unrecognised lines after lines `start`…`oldEnd` (exclusive) were read again as `block`:
 * those before kept, those of the block, those after moved by `delta`.
 */
function unrecognisedAfterEdit(
  previous: readonly number[],
  start: number,
  oldEnd: number,
  block: readonly LineRecord[],
  delta: number,
): number[] {
  const out = previous.slice(
    0,
    lowerBound(previous, (l) => l < start),
  );
  for (const l of unrecognisedIn(block, start)) out.push(l);
  for (let i = lowerBound(previous, (l) => l < oldEnd); i < previous.length; i++)
    out.push(previous[i]! + delta);
  return out;
}

/** Numbers of the unrecognised lines among `lines` (the first of which is line `first`). */
function unrecognisedIn(lines: readonly LineRecord[], first: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i]!.kind === 'unrecognised') out.push(first + i);
  return out;
}

/** Times computed over, and the ordinals whose time differs from `old`. */
function timesComparedAnew(
  packets: readonly PacketRecord[],
  old: ReadonlyArray<number | null>,
): { times: Array<number | null>; changed: number[] } {
  const times = packetTimes(packets);
  const changed: number[] = [];
  for (let i = 1; i < times.length; i++)
    if (i >= old.length || times[i] !== old[i]) changed.push(i);
  return { times, changed };
}

/** Number of packets whose first line is before `line`. */
const packetsBefore = (packets: readonly PacketRecord[], line: number): number =>
  lowerBound(packets, (p) => p.line < line);

/**
 * An edit above the first packet (a banner removed, a note added): those lines are read again,
 * and the rest moves with them. Null when they now hold a packet (a new first packet sets what
 * the document's lines are read with).
 */
function updateLinesBeforeFirstPacket(
  previous: IncrementalAnalysis,
  state: EngineState,
  texts: readonly string[],
  edit: LineEdit,
): IncrementalAnalysis | null {
  const delta = edit.newEnd - edit.oldEnd;
  const firstPacketLine = state.firstPacketLine + delta;
  // Lines before the first packet are read alike whatever follows: no packet has set the context.
  const parser = new DocumentParser();
  for (let i = 0; i < firstPacketLine; i++) parser.push(texts[i]!);
  if (parser.packets.length > 0 || parser.lines.length !== firstPacketLine) return null;

  // From here on the previous analysis's arrays become the new one's.
  const old = previous.analysis;
  const lines = spliceInPlace(old.lines, 0, state.firstPacketLine, parser.lines);
  moveAfterEdit(lines, firstPacketLine, old.packets, 0, delta, 0);
  const unrecognised = unrecognisedAfterEdit(
    previous.unrecognisedLines,
    0,
    state.firstPacketLine,
    parser.lines,
    delta,
  );
  const next: EngineState = { ...state, firstPacketLine };
  return finishAnalysis(lines, old.packets, next, 'incremental', unrecognised);
}

/**
 * Re-reads only the lines the edit touched (from the packet line above it to the next line that
 * starts afresh) and re-tracks only the 4-tuples whose packets changed. Lines and packets added
 * or removed renumber those after them, with the connections they belong to, in place. Null when
 * the edit touches the first packet, adds one above it, or changes the form of the document's
 * delta timestamps: then only a full analysis is right.
 */
function updateInPlace(
  previous: IncrementalAnalysis,
  texts: readonly string[],
  count: number,
  edit: LineEdit,
): IncrementalAnalysis | null {
  const state = previous.state;
  const old = previous.analysis;
  if (!state || state.firstPacketLine < 0) return null;
  const delta = edit.newEnd - edit.oldEnd;
  if (count !== old.lines.length + delta || edit.start > old.lines.length) return null;

  // The block to re-read starts at a line that starts afresh, strictly above the edit.
  let start = edit.start - 1;
  while (start >= 0) {
    const kind = old.lines[start]!.kind;
    if (kind === 'packet' || kind === 'capture-info') break;
    start--;
  }
  if (start < state.firstPacketLine) {
    return edit.oldEnd <= state.firstPacketLine
      ? updateLinesBeforeFirstPacket(previous, state, texts, edit)
      : null;
  }
  const firstPacket = packetsBefore(old.packets, start);
  const parser = new DocumentParser({
    firstLine: start,
    firstPacket: firstPacket + 1,
    context: state.context,
  });
  let end = start;
  for (; end < count; end++) {
    if (end >= edit.newEnd && end > start && parser.startsAfresh(texts[end]!)) break;
    parser.push(texts[end]!);
  }
  const oldEnd = end - delta;
  const oldPacketEnd = packetsBefore(old.packets, oldEnd);
  const tailPackets = old.packets.length - oldPacketEnd;
  const removed = old.packets.slice(firstPacket, oldPacketEnd);
  const added = parser.packets;
  // Packets added or removed before the last one renumber every packet after them.
  const packetShift = tailPackets > 0 ? added.length - removed.length : 0;
  const shift = (ordinal: number) => (ordinal > oldPacketEnd ? ordinal + packetShift : ordinal);

  let deltas = state.deltas;
  if (deltas.deltas > 0) {
    const timestampAt = (i: number) => old.packets[i]?.timestamp;
    deltas = replacedDeltaCounts(
      deltas,
      removed.map((p) => p.timestamp),
      added.map((p) => p.timestamp),
      nearestReadDelta(timestampAt, firstPacket - 1, -1),
      nearestReadDelta(timestampAt, oldPacketEnd, 1),
    );
    // A changed form moves every packet's time.
    const form = formOf(deltas);
    if (form === null || form !== formOf(state.deltas)) return null;
    setDeltaForm(walkTimestamps(added), form);
  } else if (parser.hasDeltaTimes) {
    return null;
  }

  // From here on the previous analysis's arrays become the new one's.
  const lines = spliceInPlace(old.lines, start, oldEnd, parser.lines);
  const packets = spliceInPlace(old.packets, firstPacket, oldPacketEnd, added);
  moveAfterEdit(
    lines,
    start + parser.lines.length,
    packets,
    firstPacket + added.length,
    delta,
    packetShift,
  );
  const unrecognised = unrecognisedAfterEdit(
    previous.unrecognisedLines,
    start,
    oldEnd,
    parser.lines,
    delta,
  );
  // Times are kept by ordinal: those of the packets after the block move with them.
  const oldTimes =
    packetShift === 0
      ? state.times
      : spliceInPlace(
          state.times,
          firstPacket + 1,
          oldPacketEnd + 1,
          new Array<number | null>(added.length).fill(null),
        );
  const { times, changed } =
    updatePacketTimes(
      packets,
      oldTimes,
      firstPacket,
      firstPacket + added.length,
      formOf(deltas) === 'delta-previous',
    ) ?? timesComparedAnew(packets, oldTimes);

  // 4-tuples to re-track: those of the packets re-read, and those whose times moved.
  const touched = new Set<string>();
  const keyOf = (p: PacketRecord) => (p.tcp ? (flowKey(p)?.key ?? null) : null);
  for (const p of removed.concat(added)) {
    const k = keyOf(p);
    if (k !== null) touched.add(k);
  }
  for (const ordinal of changed) {
    const k = keyOf(packets[ordinal - 1]!);
    if (k !== null) touched.add(k);
  }

  const flows = state.flows;
  const votes = { ...state.votes };
  const trackedBefore = new Map<string, TrackedConnection[]>();
  const gone = new Set(removed);
  const addedByKey = groupFlows(added);
  for (const key of touched) {
    const before = flows.get(key);
    if (before) trackedBefore.set(key, before.tracked);
    const kept = before ? before.packets.filter((p) => !gone.has(p)) : [];
    const list = kept.concat(addedByKey.get(key) ?? []).sort((a, b) => a.packet - b.packet);
    if (before) {
      votes.relative -= before.votes.relative;
      votes.absolute -= before.votes.absolute;
    }
    if (list.length === 0) {
      flows.delete(key);
      continue;
    }
    const v = numberingVotes(list);
    votes.relative += v.relative;
    votes.absolute += v.absolute;
    flows.set(key, { packets: list, votes: v, tracked: before?.tracked ?? [] });
  }
  const numbering = numberingOf(votes);
  // A flipped numbering (relative ↔ absolute) changes every flow's working numbers; the flows
  // the edit emptied stay in the set, so that their connections go.
  const retrack =
    numbering === numberingOf(state.votes) ? touched : new Set([...touched, ...flows.keys()]);
  if (packetShift !== 0)
    for (const [key, flow] of flows)
      if (!retrack.has(key)) for (const t of flow.tracked) renumber(t, shift);
  const changes: FlowChange[] = [];
  for (const key of retrack) {
    const flow = flows.get(key);
    const before = trackedBefore.get(key) ?? flow?.tracked ?? [];
    if (!flow) {
      changes.push({ before, after: [] });
      continue;
    }
    const numbers = workingNumbers(flow.packets, numbering);
    const tracked = trackFlow(flow.packets, numbers, times, packets);
    changes.push({ before, after: tracked });
    flow.tracked = tracked;
  }
  // Renumbered connections are put together anew: every annotation after the block moved.
  const assembly =
    (packetShift === 0 ? reassembleFlows(state.assembly, changes) : null) ??
    assembleAll(flows, packets.length);
  const next: EngineState = { ...state, flows, votes, times, assembly, deltas };
  return finishAnalysis(lines, packets, next, 'incremental', unrecognised);
}

/** What a line or a result says when an internal error cut the analysis short. */
export function internalErrorReason(error: unknown): string {
  return `internal analysis error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Every line kept, marked unrecognised with the reason: what an internal error leaves. */
function failedAnalysis(count: number, error: unknown): IncrementalAnalysis {
  const reason = internalErrorReason(error);
  const lines: LineRecord[] = [];
  for (let line = 0; line < count; line++)
    lines.push({ line, kind: 'unrecognised', packet: null, reason });
  const analysis: Analysis = {
    lines,
    packets: [],
    tcp: [],
    connections: [],
    findings: [],
    sequenceNumbering: 'relative',
  };
  return { analysis, method: 'full', unrecognisedLines: lines.map((l) => l.line), state: null };
}

/**
 * Analyses the first `count` lines of a document (the caller may keep a final empty line after
 * them). Never throws.
 */
export function analyzeLines(
  texts: readonly string[],
  count: number,
  options: AnalyzeOptions = {},
): IncrementalAnalysis {
  return runSteps(analysisSteps(texts, count, options));
}

/**
 * `analyzeLines` in steps of some milliseconds each, so that a caller with other work (a
 * language server answering requests) can interleave it, and stop early by not asking for the
 * next step. `texts` must not change between steps. Never throws.
 */
export function* analysisSteps(
  texts: readonly string[],
  count: number,
  options: AnalyzeOptions = {},
): AnalysisSteps {
  try {
    return yield* analysisStepsUnsafe(texts, count, options);
  } catch (error) {
    return failedAnalysis(count, error);
  }
}

/**
 * The analysis of the document after `edit`: only the lines the edit touched are read again and
 * only their 4-tuples tracked again, when that gives the same result as starting over; otherwise
 * it starts over. `previous` is used up (its arrays are updated in place to become the result's,
 * so the cost follows the edit, not the document): keep only what this returns. Never throws.
 */
export function updateLines(
  previous: IncrementalAnalysis,
  texts: readonly string[],
  count: number,
  edit: LineEdit,
  options: AnalyzeOptions = {},
): IncrementalAnalysis {
  return tryUpdateLines(previous, texts, count, edit) ?? analyzeLines(texts, count, options);
}

/**
 * `updateLines` when the edit can be applied in place; null when only starting over is right
 * (`previous` is then used up all the same). Never throws.
 */
export function tryUpdateLines(
  previous: IncrementalAnalysis,
  texts: readonly string[],
  count: number,
  edit: LineEdit,
): IncrementalAnalysis | null {
  try {
    return updateInPlace(previous, texts, count, edit);
  } catch {
    // Starting over gives the right answer, or the marked lines if the error is real.
    return null;
  }
}
