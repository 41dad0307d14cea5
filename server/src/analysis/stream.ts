import type { AnalyzeOptions } from './progress';
import { internalErrorReason, summarisePackets } from './incremental';
import { DocumentParser } from './parse/document';
import { resolveDeltaTimestamps } from './parse/deltaTimestamps';
import type { PacketStoreData } from './parse/packetStore';
import { PacketStore, columnBuffers } from './parse/packetStore';
import type { LineContext } from './parse/packetLine';
import type { VoterPart } from './track/numbering';
import { NumberingVoter } from './track/numbering';
import type { PacketNotes } from './packetNotes';
import type { ConnectionDetails } from './connectionDetails';
import { ConnectionDetailsCollector } from './connectionDetails';
import { PacketNotesCollector } from './packetNotes';
import type { ConnectionOverview, Finding, LineRecord } from './types';

/** How many unrecognised lines a streamed analysis keeps to show (all are counted). */
export const STREAM_UNRECOGNISED_KEPT = 1000;

/** The analysis of a document read line by line: connections and findings, no per-line records. */
export interface StreamedAnalysis {
  lineCount: number;
  packetCount: number;
  tcpPacketCount: number;
  /** The first unrecognised lines (up to STREAM_UNRECOGNISED_KEPT), with their reasons. */
  unrecognised: LineRecord[];
  unrecognisedCount: number;
  /** What the connection table shows of each connection (not its statistics). */
  connections: ConnectionOverview[];
  /** Every finding of packets and connections, in packet order. */
  findings: Finding[];
  /** First line of each packet, by packet ordinal (index 0 unused, -1). */
  packetLines: Int32Array;
  sequenceNumbering: 'relative' | 'absolute';
  /** Set when an internal error cut the analysis short; the counts above still hold. */
  error: string | null;
  /** What the annotated text needs, when asked for (`keepNotes`). */
  notes: StreamedNotes | null;
  /** Each connection's payload bytes and verdict by id − 1, when asked for (`keepDetails`). */
  details: ConnectionDetails[] | null;
}

/** What the annotated text of a streamed document shows beyond the connection table. */
export interface StreamedNotes {
  packets: PacketNotes;
  /** Last line of each packet, by ordinal (index 0 unused, -1): its note goes under it. */
  packetEndLines: Int32Array;
  /**
   * Every unrecognised line, in line order (the parser settles each line as it reads it), and why
   * it was not understood (by index).
   */
  unrecognisedLines: number[];
  unrecognisedReasons: Array<string | null>;
}

export interface AnalysisStreamOptions {
  /** Keep what the annotated text shows of every packet and unrecognised line. */
  keepNotes?: boolean;
  /** Keep what a report shows of every connection beyond its overview (JSON). */
  keepDetails?: boolean;
  /**
   * The stream reads a later part of a document, from a line that starts afresh (`startsAfresh`),
   * in the context the document's first packet set (`documentContext`); its lines and packets
   * are counted from 0 and 1. Its `part` is then appended to the stream of the part before.
   */
  laterPart?: LineContext;
}

/**
 * What the stream of a later part of a document read (`AnalysisStream.part`), as plain data
 * another thread can be given: the transfer list is `store.blocks`' buffers.
 */
export interface StreamPart {
  lineCount: number;
  store: PacketStoreData;
  voter: VoterPart;
  hasDeltaTimes: boolean;
  /** The part's first unrecognised lines (up to STREAM_UNRECOGNISED_KEPT), all counted. */
  unrecognised: LineRecord[];
  unrecognisedCount: number;
  unrecognisedLines: number[];
  unrecognisedReasons: Array<string | null>;
  error: string | null;
}

export interface AnalysisStream {
  /** Reads the next line of the document, without its line end. */
  push(line: string): void;
  readonly lineCount: number;
  /** Ends the input and analyses the connections; call once. */
  finish(options?: AnalyzeOptions): StreamedAnalysis;
  /**
   * Ends the input of a later part and gives what it read, instead of `finish`. The last part
   * leaves out what only the parts after it would read.
   */
  part(options?: { last?: boolean }): StreamPart;
  /**
   * Adds what the stream of the next part of the document read (in order) after the lines read
   * so far; no line is pushed after.
   */
  append(part: StreamPart): void;
}

/** What of a part moves to another thread instead of being copied (its transfer list). */
export const partBuffers = (part: StreamPart): ArrayBuffer[] => columnBuffers(part.store);

/**
 * Analyses a document fed one line at a time (a file streamed from disk): memory grows with the
 * packets (kept compactly), never with the text. Never throws.
 */
export function createAnalysisStream(streamOptions: AnalysisStreamOptions = {}): AnalysisStream {
  const keepNotes = streamOptions.keepNotes ?? false;
  const keepDetails = streamOptions.keepDetails ?? false;
  const store = new PacketStore();
  // Votes are taken as packets come: the records are not made again for them.
  const voter = new NumberingVoter({ laterPart: streamOptions.laterPart !== undefined });
  const parser = new DocumentParser({
    keepLines: false,
    context: streamOptions.laterPart,
    handOver: (p) => {
      voter.add(p);
      store.add(p);
    },
  });
  let unrecognisedCount = 0;
  let error: string | null = null;
  const unrecognisedLines: number[] = [];
  const unrecognisedReasons: Array<string | null> = [];
  /** Lines of the later parts appended, and whether any of them carried delta timestamps. */
  let appendedLines = 0;
  let appendedDeltas = false;
  const lineCount = () => parser.lineCount + appendedLines;
  /** Counts the unrecognised lines the parser added from index `before` on, keeping the first. */
  const noteUnrecognised = (before: number) => {
    const kept = parser.lines;
    unrecognisedCount += kept.length - before;
    if (keepNotes) {
      for (let i = before; i < kept.length; i++) {
        unrecognisedLines.push(kept[i]!.line);
        unrecognisedReasons.push(kept[i]!.reason);
      }
    }
    while (kept.length > STREAM_UNRECOGNISED_KEPT) kept.pop();
  };
  /** Hands over the last packet: the lines are all read (finishing again does nothing). */
  const endLines = () => {
    try {
      parser.finish();
    } catch (e) {
      error ??= internalErrorReason(e);
    }
  };
  return {
    push(line: string): void {
      const before = parser.lines.length;
      try {
        parser.push(line);
      } catch (e) {
        error ??= internalErrorReason(e);
      }
      if (parser.lines.length > before) noteUnrecognised(before);
    },
    get lineCount() {
      return lineCount();
    },
    part(options: { last?: boolean } = {}): StreamPart {
      endLines();
      return {
        lineCount: lineCount(),
        store: store.data(),
        voter: voter.part(options),
        hasDeltaTimes: parser.hasDeltaTimes || appendedDeltas,
        unrecognised: parser.lines,
        unrecognisedCount,
        unrecognisedLines,
        unrecognisedReasons,
        error,
      };
    },
    append(part: StreamPart): void {
      endLines();
      const shift = lineCount();
      try {
        store.append(part.store, shift);
        voter.adopt(part.voter);
      } catch (e) {
        error ??= internalErrorReason(e);
      }
      appendedLines += part.lineCount;
      appendedDeltas ||= part.hasDeltaTimes;
      unrecognisedCount += part.unrecognisedCount;
      const kept = parser.lines;
      for (const r of part.unrecognised) {
        if (kept.length >= STREAM_UNRECOGNISED_KEPT) break;
        kept.push({ ...r, line: r.line + shift });
      }
      if (keepNotes) {
        for (const line of part.unrecognisedLines) unrecognisedLines.push(line + shift);
        for (const reason of part.unrecognisedReasons) unrecognisedReasons.push(reason);
      }
      error ??= part.error;
    },
    finish(options: AnalyzeOptions = {}): StreamedAnalysis {
      endLines();
      try {
        if (parser.hasDeltaTimes || appendedDeltas)
          resolveDeltaTimestamps((visit) => store.forEachTimestamp(visit));
      } catch (e) {
        error ??= internalErrorReason(e);
      }
      const result: StreamedAnalysis = {
        lineCount: lineCount(),
        packetCount: store.length,
        tcpPacketCount: 0,
        unrecognised: parser.lines,
        unrecognisedCount,
        connections: [],
        findings: [],
        packetLines: store.firstLines(),
        sequenceNumbering: 'relative',
        error,
        notes: null,
        details: null,
      };
      try {
        const notes = keepNotes ? new PacketNotesCollector(store.length) : undefined;
        const details = keepDetails ? new ConnectionDetailsCollector() : undefined;
        const tracked = summarisePackets(store, voter.votes, options, notes, details);
        result.tcpPacketCount = tracked.tcpPacketCount;
        result.connections = tracked.connections;
        result.findings = tracked.findings;
        result.sequenceNumbering = tracked.sequenceNumbering;
        result.details = tracked.details;
        if (tracked.notes) {
          result.notes = {
            packets: tracked.notes,
            packetEndLines: store.lastLines(),
            unrecognisedLines,
            unrecognisedReasons,
          };
        }
      } catch (e) {
        result.error ??= internalErrorReason(e);
      }
      return result;
    },
  };
}
