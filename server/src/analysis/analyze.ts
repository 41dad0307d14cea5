import type { Analysis } from './types';
import { splitLines } from './parse/text';
import type { AnalyzeOptions } from './progress';
import { analyzeLines } from './incremental';

export type { AnalysisStage, AnalyzeOptions } from './progress';

/**
 * Analyses tcpdump text: every line classified, packets parsed, TCP packets grouped into
 * connections with both endpoint states. Never throws: should an internal error occur, every
 * line is still returned, marked unrecognised with the reason.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const lines = splitLines(text);
  return analyzeLines(lines, lines.length, options).analysis;
}
