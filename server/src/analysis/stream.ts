import type { AnalyzeOptions } from './progress';
import { internalErrorReason, summarisePackets } from './incremental';
import { DocumentParser } from './parse/document';
import { resolveDeltaTimestamps } from './parse/deltaTimestamps';
import { PacketStore } from './parse/packetStore';
import { NumberingVoter } from './track/numbering';
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
}

export interface AnalysisStream {
  /** Reads the next line of the document, without its line end. */
  push(line: string): void;
  readonly lineCount: number;
  /** Ends the input and analyses the connections; call once. */
  finish(options?: AnalyzeOptions): StreamedAnalysis;
}

/**
 * Analyses a document fed one line at a time (a file streamed from disk): memory grows with the
 * packets (kept compactly), never with the text. Never throws.
 */
export function createAnalysisStream(): AnalysisStream {
  const store = new PacketStore();
  // Votes are taken as packets come: the records are not made again for them.
  const voter = new NumberingVoter();
  const parser = new DocumentParser({
    keepLines: false,
    handOver: (p) => {
      voter.add(p);
      store.add(p);
    },
  });
  let unrecognisedCount = 0;
  let error: string | null = null;
  const noteUnrecognised = () => {
    const kept = parser.lines;
    while (kept.length > STREAM_UNRECOGNISED_KEPT) kept.pop();
  };
  return {
    push(line: string): void {
      const before = parser.lines.length;
      try {
        parser.push(line);
      } catch (e) {
        error ??= internalErrorReason(e);
      }
      if (parser.lines.length > before) {
        unrecognisedCount += parser.lines.length - before;
        noteUnrecognised();
      }
    },
    get lineCount() {
      return parser.lineCount;
    },
    finish(options: AnalyzeOptions = {}): StreamedAnalysis {
      try {
        parser.finish();
        if (parser.hasDeltaTimes) resolveDeltaTimestamps((visit) => store.forEachTimestamp(visit));
      } catch (e) {
        error ??= internalErrorReason(e);
      }
      const result: StreamedAnalysis = {
        lineCount: parser.lineCount,
        packetCount: store.length,
        tcpPacketCount: 0,
        unrecognised: parser.lines,
        unrecognisedCount,
        connections: [],
        findings: [],
        packetLines: store.firstLines(),
        sequenceNumbering: 'relative',
        error,
      };
      try {
        const tracked = summarisePackets(store, voter.votes, options);
        result.tcpPacketCount = tracked.tcpPacketCount;
        result.connections = tracked.connections;
        result.findings = tracked.findings;
        result.sequenceNumbering = tracked.sequenceNumbering;
      } catch (e) {
        result.error ??= internalErrorReason(e);
      }
      return result;
    },
  };
}
