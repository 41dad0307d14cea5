import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { Connection } from '../../analysis';
import type { Messages } from '../../explain';
import type { CachedAnalysis } from '../documentCache';

type Phase = 'handshake' | 'data' | 'close';

function phaseOf(step: string | null, seenClose: boolean): Phase {
  if (step?.startsWith('handshake')) return 'handshake';
  if (step?.startsWith('close') || step === 'abort (RST)' || seenClose) return 'close';
  return 'data';
}

function connectionSymbol(doc: CachedAnalysis, m: Messages, c: Connection): DocumentSymbol {
  const packets = doc.index.packetsOfConnection(c.id);
  const first = doc.index.packet(c.firstPacket)!;
  const last = doc.index.packet(c.lastPacket)!;
  const range = (from: number, to: number) => ({
    start: { line: from, character: 0 },
    end: { line: to, character: (doc.lines[to] ?? '').length },
  });
  // Consecutive packets of the same phase form one child.
  const children: DocumentSymbol[] = [];
  let seenClose = false;
  let current: { phase: Phase; from: number; to: number; count: number } | null = null;
  const flush = () => {
    if (!current) return;
    children.push({
      name: m.symbol[current.phase],
      detail: `${current.count}`,
      kind: SymbolKind.Event,
      range: range(current.from, current.to),
      selectionRange: range(current.from, current.from),
    });
  };
  for (const n of packets) {
    const p = doc.index.packet(n)!;
    const a = doc.index.annotation(n)!;
    const phase = phaseOf(a.step, seenClose);
    if (phase === 'close') seenClose = true;
    if (current && current.phase === phase) {
      current.to = p.endLine;
      current.count++;
    } else {
      flush();
      current = { phase, from: p.line, to: p.endLine, count: 1 };
    }
  }
  flush();
  return {
    name: `c${c.id} ${m.symbol.connection(c.client, c.server)}`,
    detail: `${m.handshake[c.handshake]} · ${m.close[c.close]} · ${c.finalState.client}/${c.finalState.server}`,
    kind: SymbolKind.Object,
    range: range(first.line, last.endLine),
    selectionRange: range(first.line, first.line),
    children,
  };
}

export function documentSymbols(doc: CachedAnalysis, m: Messages): DocumentSymbol[] {
  return doc.analysis.connections.map((c) => connectionSymbol(doc, m, c));
}

/** Connections of every open tcpdump document whose endpoints contain the query. */
export function workspaceSymbols(
  docs: CachedAnalysis[],
  m: Messages,
  query: string,
): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const doc of docs) {
    for (const c of doc.analysis.connections) {
      const name = m.symbol.connection(c.client, c.server);
      if (q.length > 0 && !name.toLowerCase().includes(q)) continue;
      const first = doc.index.packet(c.firstPacket)!;
      out.push({
        name,
        kind: SymbolKind.Object,
        containerName: `c${c.id}`,
        location: {
          uri: doc.uri,
          range: {
            start: { line: first.line, character: 0 },
            end: { line: first.line, character: 0 },
          },
        },
      });
      if (out.length >= 1000) return out;
    }
  }
  return out;
}
