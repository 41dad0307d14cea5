import type { Range } from 'vscode-languageserver';
import type { Span } from '../../analysis';
import type { CachedAnalysis } from '../documentCache';

export function spanToRange(span: Span): Range {
  return {
    start: { line: span.line, character: span.start },
    end: { line: span.line, character: span.end },
  };
}

/** The text of a line without its leading indentation, as a range. */
export function lineRange(doc: CachedAnalysis, line: number): Range {
  const text = doc.lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  return { start: { line, character: start }, end: { line, character: text.length } };
}

/** The line that carries a packet's TCP header (or its first line). */
export function headerLineOf(doc: CachedAnalysis, packet: number): number | null {
  return doc.index.packet(packet)?.headerLine ?? null;
}
