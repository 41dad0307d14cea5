import type { AnalyzeOptions } from './progress';
import { internalErrorReason, summarisePackets } from './incremental';
import { DocumentParser } from './parse/document';
import type { Connection, Finding, LineRecord } from './types';

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
  connections: Connection[];
  /** Every finding of packets and connections, in packet order. */
  findings: Finding[];
  /** First line of each packet, by packet ordinal (index 0 unused, -1). */
  packetLines: number[];
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
 * packets, never with the text. Never throws.
 */
export function createAnalysisStream(): AnalysisStream {
  const parser = new DocumentParser({ keepLines: false });
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
      const { packets } = parser.finish();
      const packetLines = [-1, ...packets.map((p) => p.line)];
      const result: StreamedAnalysis = {
        lineCount: parser.lineCount,
        packetCount: packets.length,
        tcpPacketCount: 0,
        unrecognised: parser.lines,
        unrecognisedCount,
        connections: [],
        findings: [],
        packetLines,
        sequenceNumbering: 'relative',
        error,
      };
      try {
        const tracked = summarisePackets(packets, options);
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
