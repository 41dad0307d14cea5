import type { DocumentHighlight, Location } from 'vscode-languageserver';
import { DocumentHighlightKind } from 'vscode-languageserver';
import type { Span } from '../../analysis';
import { headerSpans } from '../../analysis';
import type { CachedAnalysis } from '../documentCache';
import { lineRange } from './ranges';

/** Most highlights shown for one connection, to keep the editor responsive on huge ones. */
const MAX_HIGHLIGHTS = 5000;

const inside = (span: Span | null, character: number): span is Span =>
  span !== null && character >= span.start && character < span.end;

/** The TCP packet whose header is on the line, and where the header's fields are. */
function tcpAt(doc: CachedAnalysis, line: number) {
  const p = doc.index.packetOfLine(line);
  if (!p || p.headerLine !== line || !p.tcp) return null;
  const a = doc.index.annotation(p.packet);
  const spans = a ? headerSpans(doc.lines[line] ?? '', line) : null;
  return a && spans ? { p, a, spans } : null;
}

/** On `ack N`: the segment that ACK acknowledges. */
export function definition(doc: CachedAnalysis, line: number, character: number): Location | null {
  const hit = tcpAt(doc, line);
  if (!hit || !inside(hit.spans.ack, character) || hit.a.acknowledges === null) return null;
  const target = doc.index.packet(hit.a.acknowledges);
  return target ? { uri: doc.uri, range: lineRange(doc, target.headerLine) } : null;
}

/** On an endpoint (`host.port`): every packet of its connection. */
export function references(doc: CachedAnalysis, line: number, character: number): Location[] {
  const hit = tcpAt(doc, line);
  if (!hit) return [];
  if (!inside(hit.spans.src, character) && !inside(hit.spans.dst, character)) return [];
  return doc.index.packetsOfConnection(hit.a.connection).map((n) => ({
    uri: doc.uri,
    range: lineRange(doc, doc.index.packet(n)!.headerLine),
  }));
}

/** Every packet line of the connection under the cursor; client→server read, server→client write. */
export function documentHighlights(doc: CachedAnalysis, line: number): DocumentHighlight[] {
  const p = doc.index.packetOfLine(line);
  const a = p ? doc.index.annotation(p.packet) : null;
  if (!a) return [];
  return doc.index
    .packetsOfConnection(a.connection)
    .slice(0, MAX_HIGHLIGHTS)
    .map((n) => {
      const other = doc.index.annotation(n)!;
      return {
        range: lineRange(doc, doc.index.packet(n)!.headerLine),
        kind:
          other.direction === 'client->server'
            ? DocumentHighlightKind.Read
            : DocumentHighlightKind.Write,
      };
    });
}
