import type {
  Analysis,
  Connection,
  FindingCode,
  LineKind,
  EndpointStates,
  Protocol,
  Step,
  FlowDirection,
} from '../analysis';
import { endpointText, timestampText } from '../analysis';

export const SCHEMA_ID = 'tcpdump-lens/1';

export interface JsonPacket {
  packet: number;
  line: number;
  endLine: number;
  protocol: Protocol;
  connection: number | null;
  direction: FlowDirection | null;
  step: Step | null;
  stateAfter: EndpointStates | null;
  findings: FindingCode[];
  time: string | null;
  src: string | null;
  dst: string | null;
  flags: string | null;
  seq: number | null;
  ack: number | null;
  length: number | null;
}

export interface JsonConnection {
  id: number;
  client: string;
  server: string;
  clientInferred: boolean;
  firstPacket: number;
  lastPacket: number;
  packets: number;
  handshake: Connection['handshake'];
  close: Connection['close'];
  activeCloser: Connection['activeCloser'];
  finalState: EndpointStates;
  bytes: Connection['bytes'];
  findings: FindingCode[];
  verdict: Connection['verdict'];
}

export interface JsonLine {
  line: number;
  kind: LineKind;
  packet?: number;
  reason?: string;
}

export interface JsonReport {
  schema: typeof SCHEMA_ID;
  source: string;
  sequenceNumbering: Analysis['sequenceNumbering'];
  packets: JsonPacket[];
  connections: JsonConnection[];
  lines: JsonLine[];
}

/** The `--format json` document (schema `tcpdump-lens/1`, described in the README) of `lines`. */
export function buildJsonReport(
  analysis: Analysis,
  lines: readonly string[],
  source: string,
): JsonReport {
  const parts = reportParts(analysis, lines, source);
  return {
    ...parts.head,
    packets: [...parts.packets()],
    connections: [...parts.connections()],
    lines: [...parts.lines()],
  };
}

/**
 * The lines of `JSON.stringify(buildJsonReport(…), null, 2)`, made an entry at a time: a report
 * of a million packets is larger than one string may be, and need not be held whole.
 */
export function* jsonReportLines(
  analysis: Analysis,
  lines: readonly string[],
  source: string,
): Generator<string, void, void> {
  const parts = reportParts(analysis, lines, source);
  yield '{';
  for (const [key, value] of Object.entries(parts.head))
    yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`;
  const lists: Array<[keyof JsonReport, Iterable<unknown>]> = [
    ['packets', parts.packets()],
    ['connections', parts.connections()],
    ['lines', parts.lines()],
  ];
  for (let i = 0; i < lists.length; i++) {
    const [key, entries] = lists[i]!;
    const after = i < lists.length - 1 ? ',' : '';
    let previous: string | null = null;
    for (const entry of entries) {
      // Each entry is printed as JSON.stringify prints it two levels down.
      const text = `    ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')}`;
      yield previous === null ? `  ${JSON.stringify(key)}: [` : `${previous},`;
      previous = text;
    }
    if (previous === null) yield `  ${JSON.stringify(key)}: []${after}`;
    else yield* [previous, `  ]${after}`];
  }
  yield '}';
}

/** The report's fields, its lists made an entry at a time. */
function reportParts(analysis: Analysis, lines: readonly string[], source: string) {
  const tcp = new Map(analysis.tcp.map((a) => [a.packet, a]));
  return {
    head: {
      schema: SCHEMA_ID,
      source,
      sequenceNumbering: analysis.sequenceNumbering,
    } satisfies Partial<JsonReport>,
    *packets(): Generator<JsonPacket> {
      for (const p of analysis.packets) {
        const a = tcp.get(p.packet);
        yield {
          packet: p.packet,
          line: p.line,
          endLine: p.endLine,
          protocol: p.protocol,
          connection: a?.connection ?? null,
          direction: a?.direction ?? null,
          step: a?.step ?? null,
          stateAfter: a?.stateAfter ?? null,
          findings: a?.findings ?? [],
          time: timestampText(p, lines[p.line]),
          src: p.src ? endpointText(p.src) : null,
          dst: p.dst ? endpointText(p.dst) : null,
          flags: p.tcp?.hasFlags ? p.tcp.flags.text : null,
          seq: a?.absoluteSeq ?? null,
          ack: a?.absoluteAck ?? null,
          length: p.tcp?.length ?? null,
        };
      }
    },
    *connections(): Generator<JsonConnection> {
      for (const c of analysis.connections) {
        yield {
          id: c.id,
          client: c.client,
          server: c.server,
          clientInferred: c.clientInferred,
          firstPacket: c.firstPacket,
          lastPacket: c.lastPacket,
          packets: c.packets,
          handshake: c.handshake,
          close: c.close,
          activeCloser: c.activeCloser,
          finalState: c.finalState,
          bytes: c.bytes,
          findings: c.findings,
          verdict: c.verdict,
        };
      }
    },
    *lines(): Generator<JsonLine> {
      for (const l of analysis.lines) {
        const line: JsonLine = { line: l.line, kind: l.kind };
        if (l.packet !== null) line.packet = l.packet;
        if (l.reason !== null) line.reason = l.reason;
        yield line;
      }
    },
  };
}
