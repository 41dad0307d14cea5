import type { CodeLens } from 'vscode-languageserver';
import type { Messages } from '../../explain';
import type { ShowConnectionPacketsArgs, ShowSequenceDiagramArgs } from '../../protocol';
import { ShowConnectionPacketsCommand, ShowSequenceDiagramCommand } from '../../protocol';
import type { CachedAnalysis } from '../documentCache';
import type { Settings } from '../settings';

/**
 * Two lenses above the first packet of each connection: who talks to whom and how it went (lists
 * its packets), and the sequence diagram of that connection.
 */
export function codeLenses(doc: CachedAnalysis, m: Messages, settings: Settings): CodeLens[] {
  if (!settings.codeLens.enabled) return [];
  const findingsPerConnection = new Map<number, number>();
  for (const f of doc.analysis.findings)
    findingsPerConnection.set(f.connection, (findingsPerConnection.get(f.connection) ?? 0) + 1);
  return doc.analysis.connections.flatMap((c) => {
    const first = doc.index.packet(c.firstPacket)!;
    const lines = doc.index.packetsOfConnection(c.id).map((n) => doc.index.packet(n)!.headerLine);
    const findings = findingsPerConnection.get(c.id) ?? 0;
    const title =
      m.lens.summary(
        c.client,
        c.server,
        c.packets,
        m.handshake[c.handshake],
        m.close[c.close],
        c.finalState.client,
        c.finalState.server,
      ) +
      ` · ${c.verdict.zeek.connState}` +
      (findings > 0 ? ` · ${m.lens.findings(findings)}` : '');
    const args: ShowConnectionPacketsArgs = { uri: doc.uri, line: first.line, lines };
    const diagram: ShowSequenceDiagramArgs = { uri: doc.uri, connection: c.id };
    const line = first.line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    return [
      { range, command: { title, command: ShowConnectionPacketsCommand, arguments: [args] } },
      {
        range,
        command: {
          title: m.lens.diagram,
          command: ShowSequenceDiagramCommand,
          arguments: [diagram],
        },
      },
    ];
  });
}
