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
    const tcp = p.tcp;
    const a = tcp ? doc.index.annotation(p.packet) : null;
    if (!a || !tcp || tcp.pairStart < 0) continue;
    const line = p.headerLine;
    const start = tcp.pairStart;
    data.push(
      line - previousLine,
      line === previousLine ? start - previousStart : start,
      tcp.pairEnd - start,
      a.direction === 'client->server' ? 0 : 1,
      0,
    );
    previousLine = line;
    previousStart = start;
  }
  return { data };
}
