import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { CachedAnalysis } from '../documentCache';
import type { Settings } from '../settings';

/** Custom token types; package.json maps them to theme scopes (semanticTokenScopes). */
export const TOKEN_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['tcpdumpClientToServer', 'tcpdumpServerToClient'],
  tokenModifiers: [],
};

/** Tints `SRC > DST` of every TCP packet by direction. */
export function semanticTokens(doc: CachedAnalysis, settings: Settings): SemanticTokens {
  const data: number[] = [];
  if (!settings.directionColors.enabled) return { data };
  let previousLine = 0;
  let previousStart = 0;
  for (const p of doc.analysis.packets) {
    const a = p.tcp ? doc.index.annotation(p.packet) : null;
    const c = p.tcp?.columns;
    if (!a || !c || c.srcStart < 0 || c.dstStart < 0) continue;
    const line = c.line;
    const start = c.srcStart;
    data.push(
      line - previousLine,
      line === previousLine ? start - previousStart : start,
      c.dstEnd - c.srcStart,
      a.direction === 'client->server' ? 0 : 1,
      0,
    );
    previousLine = line;
    previousStart = start;
  }
  return { data };
}
