import type { Analysis, LineRecord } from './types';
import { parseDocument } from './parse/document';
import { splitLines } from './parse/text';
import { detectNumbering, workingNumbers } from './track/numbering';
import { packetTimes } from './track/packetTimes';
import { trackConnections } from './track/tracker';

function analyzeUnsafe(text: string): Analysis {
  const { lines, packets } = parseDocument(text);
  const sequenceNumbering = detectNumbering(packets);
  const numbers = workingNumbers(packets, sequenceNumbering);
  const { annotations, connections, findings } = trackConnections(
    packets,
    numbers,
    packetTimes(packets),
  );
  return { lines, packets, tcp: annotations, connections, findings, sequenceNumbering };
}

/**
 * Analyses tcpdump text: every line classified, packets parsed, TCP packets grouped into
 * connections with both endpoint states. Never throws: should an internal error occur, every
 * line is still returned, marked unrecognised with the reason.
 */
export function analyze(text: string): Analysis {
  try {
    return analyzeUnsafe(text);
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
