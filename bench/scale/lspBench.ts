// The language server on documents of N lines: first diagnostics after didOpen, diagnostics after
// an edit and after an append, hover and inlay-hint latency, and resident memory.
import * as fs from 'node:fs';
import { formatSize } from './options';
import type { LspServer, SyncKind } from './lspClient';
import { startLspServer } from './lspClient';
import { serverSource } from './paths';
import type { Summary } from './stats';
import { median, seededRandom, summarize } from './stats';

/** Largest document the server is timed on; bigger captures give their first LSP_MAX_LINES. */
export const LSP_MAX_LINES = 300_000;
export const QUERY_SAMPLES = 200;
/** An editor asks for the inlay hints of what is on screen. */
export const VISIBLE_LINES = 60;
const APPENDED_LINES = 10;
/**
 * Edits per kind: up to EDIT_SAMPLES, but stop after EDIT_BUDGET_MS once there are MIN_EDITS.
 * The p95 of 20 edits was their second slowest, which one garbage collection could move; of 100
 * it is their sixth slowest.
 */
const EDIT_SAMPLES = 100;
const MIN_EDITS = 5;
const EDIT_BUDGET_MS = 30_000;
const OPEN_TIMEOUT_MS = 300_000;
/**
 * Fresh servers each document is opened in: on a 2-core machine the time to first diagnostics
 * varies by up to a half from run to run, so the median of these is reported, with every run.
 */
export const OPENS = 5;
const EDIT_TIMEOUT_MS = 120_000;

export interface LspSource {
  /** Capture the lines are taken from, e.g. "capture-1M.tcpdump". */
  name: string;
  lines: readonly string[];
}

export interface LspSizeResult {
  lines: number;
  source: string;
  documentBytes: number;
  syncKind: SyncKind;
  diagnostics: number;
  /** The median over OPENS fresh servers; `firstDiagnosticsRunsMs` has each. */
  firstDiagnosticsMs: number;
  firstDiagnosticsRunsMs: number[];
  /**
   * From the didChange to the server's analysis notification for that version, which follows the
   * diagnostics when they changed; `resent` counts the timed edits after which they were sent.
   */
  edit: Summary & { resent: number };
  append: Summary & { resent: number; linesPerAppend: number; appendedLinesWereNew: boolean };
  hover: Summary & { answered: number };
  inlayHints: Summary & { hints: number; visibleLines: number };
  memory: {
    afterInitBytes: number | null;
    /** The median over the opens (as the first diagnostics). */
    afterAnalysisBytes: number | null;
    afterEditsBytes: number | null;
    peakBytes: number | null;
    /** afterAnalysisBytes / documentBytes. */
    ratioToDocument: number | null;
  };
  serverErrors: string[];
}

export type LspOutcome =
  { ok: true; result: LspSizeResult } | { ok: false; lines: number; reason: string };

/** The server's diagnostics debounce, read from its source; null when it cannot be found. */
export function debounceFromSource(): number | null {
  try {
    const text = fs.readFileSync(serverSource, 'utf8');
    const match = /DIAGNOSTICS_DELAY_MS\s*=\s*([\d_]+)/.exec(text);
    return match ? Number(match[1]!.replace(/_/g, '')) : null;
  } catch {
    return null;
  }
}

/** A text document kept in step with the server, for the positions and for full sync. */
class Document {
  version = 1;
  constructor(
    readonly uri: string,
    readonly lines: string[],
  ) {}
  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

async function change(
  server: LspServer,
  doc: Document,
  range: { line: number; from: number; to: number },
  insert: string,
): Promise<EditTime> {
  doc.version++;
  // Apply locally (insertions of whole lines at the end, or edits inside one line).
  if (insert.includes('\n'))
    doc.lines.splice(range.line, 0, ...insert.replace(/\n$/, '').split('\n'));
  else {
    const line = doc.lines[range.line] ?? '';
    doc.lines[range.line] = line.slice(0, range.from) + insert + line.slice(range.to);
  }
  const contentChanges =
    server.syncKind === 'incremental'
      ? [
          {
            range: {
              start: { line: range.line, character: range.from },
              end: { line: range.line, character: range.to },
            },
            text: insert,
          },
        ]
      : [{ text: doc.text() }];
  const answered = server.expectAnswer(doc.uri, doc.version, EDIT_TIMEOUT_MS);
  const start = performance.now();
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: doc.version },
    contentChanges,
  });
  const answer = await answered;
  return { ms: answer.at - start, resent: answer.published };
}

interface EditTime {
  ms: number;
  /** Diagnostics were sent for the edit's version. */
  resent: boolean;
}

/** Repeats `once` up to EDIT_SAMPLES times within the budget and summarises the latencies. */
async function repeatEdits(
  once: (i: number) => Promise<EditTime>,
): Promise<Summary & { resent: number }> {
  const samples: number[] = [];
  let resent = 0;
  const begin = performance.now();
  while (samples.length < EDIT_SAMPLES) {
    if (samples.length >= MIN_EDITS && performance.now() - begin > EDIT_BUDGET_MS) break;
    const time = await once(samples.length);
    samples.push(time.ms);
    if (time.resent) resent++;
  }
  return { ...summarize(samples), resent };
}

async function timeRequests(
  server: LspServer,
  params: readonly unknown[],
  method: string,
  count: (answer: unknown) => number,
): Promise<Summary & { answered: number }> {
  const samples: number[] = [];
  let answered = 0;
  for (const p of params) {
    const start = performance.now();
    const answer = await server.connection.sendRequest(method, p);
    samples.push(performance.now() - start);
    answered += count(answer);
  }
  return { ...summarize(samples), answered };
}

interface OpenMeasurement {
  firstDiagnosticsMs: number;
  diagnostics: number;
  afterInit: number | null;
  afterAnalysis: number | null;
}

/** Opens the document in a server just started and times its first diagnostics. */
async function openDocument(
  server: LspServer,
  uri: string,
  text: string,
): Promise<OpenMeasurement> {
  const afterInit = server.memory().rssBytes;
  const opened = server.expectDiagnostics(uri, 1, OPEN_TIMEOUT_MS);
  const openStart = performance.now();
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'tcpdump', version: 1, text },
  });
  const first = await opened;
  return {
    firstDiagnosticsMs: first.at - openStart,
    diagnostics: first.diagnostics,
    afterInit,
    afterAnalysis: server.memory().rssBytes,
  };
}

async function benchOneSize(
  source: LspSource,
  lineCount: number,
  log: (line: string) => void,
): Promise<LspSizeResult> {
  const label = `lsp ${formatSize(lineCount)} lines`;
  const lines = source.lines.slice(0, lineCount);
  const extra = source.lines.slice(lineCount, lineCount + EDIT_SAMPLES * APPENDED_LINES);
  // Appends are the packets that follow in the capture; a capture with no more lines repeats
  // its last ones (they then read as retransmissions).
  const appendedLinesWereNew = extra.length === EDIT_SAMPLES * APPENDED_LINES;
  const appendBlock = (i: number): string[] =>
    appendedLinesWereNew
      ? extra.slice(i * APPENDED_LINES, (i + 1) * APPENDED_LINES)
      : lines.slice(-APPENDED_LINES);
  const doc = new Document(`file:///bench/scale-${lineCount}.tcpdump`, [...lines]);
  const text = doc.text();
  const documentBytes = Buffer.byteLength(text);

  // The first opens only time the analysis; the last server goes on to the edits and requests.
  const opens: OpenMeasurement[] = [];
  for (let run = 1; run < OPENS; run++) {
    log(`${label}: didOpen (${(documentBytes / 1e6).toFixed(1)} MB), run ${run} of ${OPENS} …`);
    const fresh = await startLspServer();
    try {
      opens.push(await openDocument(fresh, doc.uri, text));
    } finally {
      await fresh.stop();
    }
  }
  const server = await startLspServer();
  try {
    log(`${label}: didOpen (${(documentBytes / 1e6).toFixed(1)} MB), run ${OPENS} of ${OPENS} …`);
    const first = await openDocument(server, doc.uri, text);
    opens.push(first);
    const firstDiagnosticsRunsMs = opens.map((o) => o.firstDiagnosticsMs);
    const analysedBytes = opens.flatMap((o) => (o.afterAnalysis === null ? [] : [o.afterAnalysis]));
    const afterAnalysis = analysedBytes.length > 0 ? median(analysedBytes) : null;

    const random = seededRandom(lineCount);
    const hoverParams = Array.from({ length: QUERY_SAMPLES }, () => {
      const line = Math.floor(random() * lineCount);
      const character = Math.floor(random() * ((lines[line]?.length ?? 0) + 1));
      return { textDocument: { uri: doc.uri }, position: { line, character } };
    });
    log(`${label}: ${QUERY_SAMPLES} hovers, ${QUERY_SAMPLES} inlay-hint requests …`);
    const hover = await timeRequests(server, hoverParams, 'textDocument/hover', (a) => (a ? 1 : 0));
    const inlayParams = Array.from({ length: QUERY_SAMPLES }, () => {
      const start = Math.floor(random() * lineCount);
      const end = Math.min(lineCount, start + VISIBLE_LINES);
      return {
        textDocument: { uri: doc.uri },
        range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } },
      };
    });
    const inlay = await timeRequests(server, inlayParams, 'textDocument/inlayHint', (a) =>
      Array.isArray(a) ? a.length : 0,
    );

    log(`${label}: edits in the middle …`);
    const middle = Math.floor(lineCount / 2);
    const middleLength = lines[middle]?.length ?? 0;
    // Type a character at the end of the middle line, then delete it: the text stays the same.
    const edit = await repeatEdits((i) =>
      i % 2 === 0
        ? change(server, doc, { line: middle, from: middleLength, to: middleLength }, ' ')
        : change(server, doc, { line: middle, from: middleLength, to: middleLength + 1 }, ''),
    );
    log(`${label}: appends of ${APPENDED_LINES} lines …`);
    const append = await repeatEdits((i) =>
      change(
        server,
        doc,
        { line: doc.lines.length, from: 0, to: 0 },
        `${appendBlock(i).join('\n')}\n`,
      ),
    );
    const memory = server.memory();
    return {
      lines: lineCount,
      source: source.name,
      documentBytes,
      syncKind: server.syncKind,
      diagnostics: first.diagnostics,
      firstDiagnosticsMs: median(firstDiagnosticsRunsMs),
      firstDiagnosticsRunsMs,
      edit,
      append: { ...append, linesPerAppend: APPENDED_LINES, appendedLinesWereNew },
      hover,
      inlayHints: {
        ...inlay,
        hints: inlay.answered,
        visibleLines: VISIBLE_LINES,
      },
      memory: {
        afterInitBytes: first.afterInit,
        afterAnalysisBytes: afterAnalysis,
        afterEditsBytes: memory.rssBytes,
        peakBytes: memory.peakBytes,
        ratioToDocument: afterAnalysis === null ? null : afterAnalysis / documentBytes,
      },
      serverErrors: server.errors.slice(0, 5),
    };
  } finally {
    await server.stop();
  }
}

/** Times the server on each size (a fresh server per size, so memory is not shared). */
export async function runLspBench(
  sizes: ReadonlyArray<{ lines: number; source: () => LspSource | string }>,
  log: (line: string) => void,
): Promise<LspOutcome[]> {
  const outcomes: LspOutcome[] = [];
  for (const { lines, source } of sizes) {
    const loaded = source();
    if (typeof loaded === 'string') {
      outcomes.push({ ok: false, lines, reason: loaded });
      continue;
    }
    if (loaded.lines.length < lines) {
      outcomes.push({
        ok: false,
        lines,
        reason: `${loaded.name} has only ${loaded.lines.length} lines`,
      });
      continue;
    }
    try {
      outcomes.push({ ok: true, result: await benchOneSize(loaded, lines, log) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`lsp ${formatSize(lines)} lines failed: ${reason}`);
      outcomes.push({ ok: false, lines, reason });
    }
  }
  return outcomes;
}
