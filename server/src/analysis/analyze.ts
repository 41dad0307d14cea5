import type { Analysis, PacketRecord } from './types';
import { splitLines } from './parse/text';
import { detectNumbering, workingNumbers } from './track/numbering';
import { packetTimes } from './track/packetTimes';
import { trackConnections } from './track/tracker';
import type { AnalyzeOptions } from './progress';
import { reporter } from './progress';
import { analyzeLines } from './incremental';

export type { AnalysisStage, AnalyzeOptions } from './progress';

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

/**
 * Analyses tcpdump text: every line classified, packets parsed, TCP packets grouped into
 * connections with both endpoint states. Never throws: should an internal error occur, every
 * line is still returned, marked unrecognised with the reason.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const lines = splitLines(text);
  return analyzeLines(lines, lines.length, options).analysis;
}
