import type { Analysis, LineRecord, PacketRecord } from './types';
import { parseDocument } from './parse/document';
import { splitLines } from './parse/text';
import { detectNumbering, workingNumbers } from './track/numbering';
import { packetTimes } from './track/packetTimes';
import { trackConnections } from './track/tracker';
import type { ProgressReport } from './progress';

export type AnalysisStage = 'parse' | 'track';

export interface AnalyzeOptions {
  /** Told how far the analysis has come, every few tens of thousands of lines or packets. */
  onProgress?: (stage: AnalysisStage, done: number, total: number) => void;
}

/** The caller's progress callback for one stage; whatever it does, the analysis goes on. */
function reporter(options: AnalyzeOptions, stage: AnalysisStage): ProgressReport | undefined {
  const onProgress = options.onProgress;
  if (!onProgress) return undefined;
  return (done, total) => {
    try {
      onProgress(stage, done, total);
    } catch {
      // A failing progress display must not cost the user the analysis.
    }
  };
}

/** Connections, annotations and findings of parsed packets. */
export function trackPackets(
  packets: PacketRecord[],
  options: AnalyzeOptions,
): Omit<Analysis, 'lines' | 'packets'> {
  const sequenceNumbering = detectNumbering(packets);
  const numbers = workingNumbers(packets, sequenceNumbering);
  const { annotations, connections, findings } = trackConnections(
    packets,
    numbers,
    packetTimes(packets),
    reporter(options, 'track'),
  );
  return { tcp: annotations, connections, findings, sequenceNumbering };
}

function analyzeUnsafe(text: string, options: AnalyzeOptions): Analysis {
  const { lines, packets } = parseDocument(text, reporter(options, 'parse'));
  return { lines, packets, ...trackPackets(packets, options) };
}

/**
 * Analyses tcpdump text: every line classified, packets parsed, TCP packets grouped into
 * connections with both endpoint states. Never throws: should an internal error occur, every
 * line is still returned, marked unrecognised with the reason.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  try {
    return analyzeUnsafe(text, options);
  } catch (error) {
    const reason = `internal analysis error: ${error instanceof Error ? error.message : String(error)}`;
    const lines: LineRecord[] = splitLines(text).map((_, line) => ({
      line,
      kind: 'unrecognised',
      packet: null,
      reason,
    }));
    return {
      lines,
      packets: [],
      tcp: [],
      connections: [],
      findings: [],
      sequenceNumbering: 'relative',
    };
  }
}
