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
    const src = p.tcp?.spans.src;
    const dst = p.tcp?.spans.dst;
    if (!a || !src || !dst || src.line !== dst.line) continue;
    const line = src.line;
    const start = src.start;
    data.push(
      line - previousLine,
      line === previousLine ? start - previousStart : start,
      dst.end - src.start,
      a.direction === 'client->server' ? 0 : 1,
      0,
    );
    previousLine = line;
    previousStart = start;
  }
  return { data };
}
