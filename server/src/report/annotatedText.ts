import type { Analysis, StreamedNotes, TcpAnnotation } from '../analysis';
import type { Paint } from './paint';
import { renderSummary, summaryOfAnalysis } from './summaryTable';

const ARROW: Record<TcpAnnotation['direction'], string> = {
  'client->server': 'client → server',
  'server->client': 'server → client',
};

/** What the annotation under a TCP packet shows. */
type PacketNote = Pick<
  TcpAnnotation,
  'step' | 'stateAfter' | 'findings' | 'connection' | 'direction'
>;

/** The annotation printed under a TCP packet. */
export function annotationLine(a: PacketNote, paint: Paint): string {
  const parts: string[] = [];
  if (a.step) parts.push(paint.step(a.step));
  parts.push(
    `client ${paint.state(a.stateAfter.client, a.stateAfter.client)} · server ${paint.state(a.stateAfter.server, a.stateAfter.server)}`,
  );
  if (a.findings.length > 0) parts.push(paint.warning(`⚠ ${a.findings.join(', ')}`));
  return `${paint.dim('    └─ ')}[c${a.connection} ${ARROW[a.direction]}] ${parts.join(' │ ')}`;
}

/**
 * The whole log, unchanged, with an annotation line under each TCP packet (after its
 * continuation lines) and under each unrecognised line, then the connection table.
 */
export function renderAnnotatedText(
  lines: readonly string[],
  analysis: Analysis,
  paint: Paint,
): string[] {
  const byPacket = new Map<number, TcpAnnotation>();
  for (const a of analysis.tcp) byPacket.set(a.packet, a);
  const annotationAfterLine = new Map<number, string>();
  for (const p of analysis.packets) {
    const a = byPacket.get(p.packet);
    if (a) annotationAfterLine.set(p.endLine, annotationLine(a, paint));
  }
  const out: string[] = [];
  lines.forEach((text, i) => {
    out.push(text);
    const record = analysis.lines[i];
    if (record?.kind === 'unrecognised') out.push(unrecognisedNote(record.reason, paint));
    const note = annotationAfterLine.get(i);
    if (note) out.push(note);
  });
  out.push('', ...renderSummary(summaryOfAnalysis(analysis), paint));
  return out;
}

/** The note printed under a line that was not understood. */
function unrecognisedNote(reason: string | null, paint: Paint): string {
  return paint.dim('    └─ ') + paint.warning(`unrecognised: ${reason ?? 'not understood'}`);
}

/**
 * The annotated text of a document streamed from disk, made as its lines are read again: what
 * follows each line, as `renderAnnotatedText` prints it. Ask for the lines in order.
 */
export class StreamedAnnotations {
  #nextUnrecognised = 0;
  #nextPacket = 1;

  constructor(
    private readonly notes: StreamedNotes,
    private readonly paint: Paint,
  ) {}

  /** Adds to `out` the lines printed after line `line` (0-based). */
  after(line: number, out: string[]): void {
    const { unrecognisedLines, unrecognisedReasons, packetEndLines, packets } = this.notes;
    while (
      this.#nextUnrecognised < unrecognisedLines.length &&
      unrecognisedLines[this.#nextUnrecognised]! < line
    )
      this.#nextUnrecognised++;
    if (unrecognisedLines[this.#nextUnrecognised] === line)
      out.push(unrecognisedNote(unrecognisedReasons[this.#nextUnrecognised]!, this.paint));
    while (this.#nextPacket < packetEndLines.length && packetEndLines[this.#nextPacket]! < line)
      this.#nextPacket++;
    const p = this.#nextPacket;
    if (packetEndLines[p] !== line || packets.connection[p] === 0) return;
    const note: PacketNote = {
      step: packets.step[p] ?? null,
      stateAfter: packets.stateAfter[p]!,
      findings: packets.findings[p]!,
      connection: packets.connection[p]!,
      direction: packets.fromClient[p] ? 'client->server' : 'server->client',
    };
    out.push(annotationLine(note, this.paint));
  }
}
