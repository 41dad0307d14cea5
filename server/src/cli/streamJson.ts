import type { PacketRecord, StreamedAnalysis } from '../analysis';
import { DocumentParser } from '../analysis/parse/document';
import type { PacketTracking } from '../report/jsonReport';
import {
  JsonReportPrinter,
  connectionEntry,
  lineEntry,
  packetEntry,
  reportHead,
} from '../report/jsonReport';
import { LineTable } from '../report/lineTable';

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** What the notes of a streamed analysis kept of a packet's tracking; undefined when untracked. */
function trackingOf(analysis: StreamedAnalysis, packet: number): PacketTracking | undefined {
  const notes = analysis.notes?.packets;
  if (!notes || !notes.connection[packet]) return undefined;
  return {
    connection: notes.connection[packet],
    direction: notes.fromClient[packet] ? 'client->server' : 'server->client',
    step: notes.step[packet] ?? null,
    stateAfter: notes.stateAfter[packet]!,
    findings: notes.findings[packet]!,
    absoluteSeq: orNull(notes.absoluteSeq[packet]!),
    absoluteAck: orNull(notes.absoluteAck[packet]!),
  };
}

/**
 * Output handed over at a time, in characters. Kept well below the size from which the engine
 * allocates a string outside its young generation: a report many times larger than its input is
 * then made of short-lived strings only, instead of filling the heap between full collections.
 */
export const JSON_BATCH_CHARS = 64 * 1024;

/**
 * The JSON report of a streamed analysis (made with `keepNotes` and `keepDetails`), made while
 * its lines are read again: each packet's entry once the lines after it are read, then the
 * connections, then every line's kind, kept compactly meanwhile. The lines are those of
 * `jsonReportLines` for the whole text, in batches of about JSON_BATCH_CHARS. Lines beyond those
 * analysed (written to the file since) are left out.
 */
export async function* jsonReportBatches(
  batches: AsyncIterable<readonly string[]>,
  analysis: StreamedAnalysis,
  source: string,
): AsyncGenerator<string[]> {
  const printer = new JsonReportPrinter(reportHead(source, analysis.sequenceNumbering));
  printer.list('packets');
  const lines = new LineTable();
  // The first line of each packet not yet handed over: its time is printed from it.
  const packetLines = new Map<number, string>();
  let text = '';
  const parser = new DocumentParser({
    keepLines: false,
    handOver: (p: PacketRecord) => {
      printer.entry(packetEntry(p, trackingOf(analysis, p.packet), packetLines.get(p.line)));
      packetLines.delete(p.line);
    },
    onLine: (record) => {
      lines.add(record);
      if (record.kind === 'packet') packetLines.set(record.line, text);
    },
  });
  reading: for await (const batch of batches) {
    for (const line of batch) {
      if (parser.lineCount >= analysis.lineCount) break reading;
      text = line;
      parser.push(line);
      // The table keeps the unrecognised lines too.
      parser.lines.length = 0;
      if (printer.pendingChars >= JSON_BATCH_CHARS) yield printer.take();
    }
  }
  parser.finish();
  printer.list('connections');
  for (const c of analysis.connections) {
    const details = analysis.details?.[c.id - 1];
    if (details) printer.entry(connectionEntry({ ...c, ...details }));
    if (printer.pendingChars >= JSON_BATCH_CHARS) yield printer.take();
  }
  printer.list('lines');
  for (const record of lines.records()) {
    printer.entry(lineEntry(record));
    if (printer.pendingChars >= JSON_BATCH_CHARS) yield printer.take();
  }
  yield printer.finish();
}
