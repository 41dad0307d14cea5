import type {
  Analysis,
  Connection,
  FindingCode,
  LineKind,
  LineRecord,
  EndpointStates,
  PacketRecord,
  Protocol,
  Step,
  FlowDirection,
  TcpAnnotation,
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

export type JsonReportHead = Pick<JsonReport, 'schema' | 'source' | 'sequenceNumbering'>;

/** The report's fields before its lists. */
export const reportHead = (
  source: string,
  sequenceNumbering: Analysis['sequenceNumbering'],
): JsonReportHead => ({ schema: SCHEMA_ID, source, sequenceNumbering });

/** What the report says of a TCP packet's tracking: its annotation, or what was kept of it. */
export type PacketTracking = Pick<
  TcpAnnotation,
  'connection' | 'direction' | 'step' | 'stateAfter' | 'findings' | 'absoluteSeq' | 'absoluteAck'
>;

/** A packet's entry; `text` is its first line. */
export function packetEntry(
  p: PacketRecord,
  tracking: PacketTracking | undefined,
  text: string | undefined,
): JsonPacket {
  return {
    packet: p.packet,
    line: p.line,
    endLine: p.endLine,
    protocol: p.protocol,
    connection: tracking?.connection ?? null,
    direction: tracking?.direction ?? null,
    step: tracking?.step ?? null,
    stateAfter: tracking?.stateAfter ?? null,
    findings: tracking?.findings ?? [],
    time: timestampText(p, text),
    src: p.src ? endpointText(p.src) : null,
    dst: p.dst ? endpointText(p.dst) : null,
    flags: p.tcp?.hasFlags ? p.tcp.flags.text : null,
    seq: tracking?.absoluteSeq ?? null,
    ack: tracking?.absoluteAck ?? null,
    length: p.tcp?.length ?? null,
  };
}

/** A connection's entry: a whole analysis's connection, or a streamed one's overview and details. */
export function connectionEntry(c: JsonConnection): JsonConnection {
  return {
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

/** A line's entry: the packet and the reason only where the line has them. */
export function lineEntry(l: LineRecord): JsonLine {
  const line: JsonLine = { line: l.line, kind: l.kind };
  if (l.packet !== null) line.packet = l.packet;
  if (l.reason !== null) line.reason = l.reason;
  return line;
}

/** The report's lists, in the order they are printed. */
export const REPORT_LISTS = ['packets', 'connections', 'lines'] as const;

/**
 * Prints a JSON report as `JSON.stringify(report, null, 2)` would, a field or a list entry at a
 * time, so that no part of it is held whole: each entry becomes one output line (holding line
 * ends of its own), and its comma is known once the next entry or the list's end comes.
 */
export class JsonReportPrinter {
  #out: string[] = [];
  #outChars = 0;
  #list: (typeof REPORT_LISTS)[number] | null = null;
  #previous: string | null = null;

  constructor(head: JsonReportHead) {
    this.#push('{');
    for (const [key, value] of Object.entries(head))
      this.#push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  }

  /** Starts the next list (they come in REPORT_LISTS order), ending the one before. */
  list(key: (typeof REPORT_LISTS)[number]): void {
    if (this.#list !== null) this.#endList();
    this.#list = key;
  }

  entry(value: JsonPacket | JsonConnection | JsonLine): void {
    // Each entry is printed as JSON.stringify prints it two levels down: as it prints the entry
    // inside two arrays, without their brackets ("[\n  [\n" and "\n  ]\n]", six characters each).
    const text = JSON.stringify([[value]], null, 2).slice(6, -6);
    this.#push(
      this.#previous === null ? `  ${JSON.stringify(this.#list)}: [` : `${this.#previous},`,
    );
    this.#previous = text;
  }

  /** Characters in the lines printed since the last `take`. */
  get pendingChars(): number {
    return this.#outChars;
  }

  /** The lines printed since the last call. */
  take(): string[] {
    const out = this.#out;
    this.#out = [];
    this.#outChars = 0;
    return out;
  }

  /** Ends the last list and the document; the remaining lines. */
  finish(): string[] {
    this.#endList();
    this.#push('}');
    return this.take();
  }

  #endList(): void {
    const after = this.#list === REPORT_LISTS[REPORT_LISTS.length - 1] ? '' : ',';
    if (this.#previous === null) this.#push(`  ${JSON.stringify(this.#list)}: []${after}`);
    else {
      this.#push(this.#previous);
      this.#push(`  ]${after}`);
    }
    this.#previous = null;
  }

  #push(line: string): void {
    this.#out.push(line);
    this.#outChars += line.length + 1;
  }
}

/** The `--format json` document (schema `tcpdump-lens/1`, described in the README) of `lines`. */
export function buildJsonReport(
  analysis: Analysis,
  lines: readonly string[],
  source: string,
): JsonReport {
  const parts = reportParts(analysis, lines);
  return {
    ...reportHead(source, analysis.sequenceNumbering),
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
  const parts = reportParts(analysis, lines);
  const printer = new JsonReportPrinter(reportHead(source, analysis.sequenceNumbering));
  for (const key of REPORT_LISTS) {
    printer.list(key);
    for (const entry of parts[key]()) {
      printer.entry(entry);
      yield* printer.take();
    }
  }
  yield* printer.finish();
}

/** The report's lists of a whole analysis, made an entry at a time. */
function reportParts(analysis: Analysis, lines: readonly string[]) {
  const tcp = new Map(analysis.tcp.map((a) => [a.packet, a]));
  return {
    *packets(): Generator<JsonPacket> {
      for (const p of analysis.packets) yield packetEntry(p, tcp.get(p.packet), lines[p.line]);
    },
    *connections(): Generator<JsonConnection> {
      for (const c of analysis.connections) yield connectionEntry(c);
    },
    *lines(): Generator<JsonLine> {
      for (const l of analysis.lines) yield lineEntry(l);
    },
  };
}
