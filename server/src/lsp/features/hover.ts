import type { Hover } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { Messages } from '../../explain';
import { hoverAt } from '../../explain';
import type { CachedAnalysis } from '../documentCache';
import { spanToRange } from './ranges';

export function hover(
  doc: CachedAnalysis,
  m: Messages,
  line: number,
  character: number,
): Hover | null {
  const text = hoverAt(m, doc.index, line, character, doc.lines[line] ?? '');
  if (!text) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: text.markdown },
    range: spanToRange(text.range),
  };
}
