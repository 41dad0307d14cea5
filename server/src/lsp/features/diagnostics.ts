import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, LineRecord } from '../../analysis';
import type { Messages } from '../../explain';
import type { CachedAnalysis } from '../documentCache';
import type { SeverityName, Settings } from '../settings';
import { severityOf } from '../settings';
import { lineRange } from './ranges';

const LSP_SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'tcpdump-lens';

/** What diagnostics are made of: an open document's analysis, or a file analysed from disk. */
export interface DiagnosticSource {
  uri: string;
  findings: readonly Finding[];
  /** Line records; the unrecognised ones are reported. */
  lines: Iterable<LineRecord>;
  /** The line a packet's diagnostic is shown on, or null for a packet the source does not know. */
  packetLine(packet: number): number | null;
  lineRange(line: number): Range;
  /**
   * A line's text, when the source has it: a finding's diagnostic is then kept and given again
   * for as long as its lines are the same, so an edit costs the findings it changed, not all.
   */
  lineText?(line: number): string;
}

/** A finding's diagnostic and what it was made from. */
interface Made {
  m: Messages;
  settings: Settings;
  /** The connection id the finding had (ids move when connections are numbered anew). */
  connection: number;
  /** The finding's line, then each related packet's line (null: not shown), and their texts. */
  lines: Array<number | null>;
  texts: string[];
  diagnostic: Diagnostic;
}

const made = new WeakMap<Finding, Made>();

function stillValid(
  entry: Made | undefined,
  f: Finding,
  lines: ReadonlyArray<number | null>,
  source: DiagnosticSource,
  m: Messages,
  settings: Settings,
): entry is Made {
  if (!entry || entry.m !== m || entry.settings !== settings) return false;
  if (entry.connection !== f.connection) return false;
  if (entry.lines.length !== lines.length) return false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (entry.lines[i] !== line) return false;
    if (line !== null && entry.texts[i] !== source.lineText!(line)) return false;
  }
  return true;
}

/** An open document's analysis: findings on the line of each packet's TCP header. */
export function documentSource(doc: CachedAnalysis): DiagnosticSource {
  return {
    uri: doc.uri,
    findings: doc.analysis.findings,
    lines: doc.unrecognisedLines.map((line) => doc.analysis.lines[line]!),
    packetLine: (packet) => doc.index.packet(packet)?.headerLine ?? null,
    lineRange: (line) => lineRange(doc, line),
    lineText: (line) => doc.lines[line] ?? '',
  };
}

/** The diagnostics of an open document. */
export function diagnostics(doc: CachedAnalysis, m: Messages, settings: Settings): Diagnostic[] {
  return findingDiagnostics(documentSource(doc), m, settings);
}

/** A finding's diagnostic: `lines` holds its line, then each related packet's (or null). */
function findingDiagnostic(
  source: DiagnosticSource,
  f: Finding,
  lines: ReadonlyArray<number | null>,
  m: Messages,
  severity: DiagnosticSeverity,
): Diagnostic {
  const text = m.finding[f.code];
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  f.related.forEach((r, i) => {
    const relatedLine = lines[i + 1];
    if (relatedLine === null || relatedLine === undefined) return;
    relatedInformation.push({
      location: { uri: source.uri, range: source.lineRange(relatedLine) },
      message: `${m.diagnostic.related}: ${m.line.packetRef(r, relatedLine)}`,
    });
  });
  return {
    range: source.lineRange(lines[0]!),
    severity,
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: `${text.title}${m.line.separator}${text.what} ${text.app}`,
    relatedInformation,
    data: { connection: f.connection, packet: f.packet },
  };
}

/** One diagnostic per finding (a RST that refuses says "refused" only), and one per unrecognised line. */
export function findingDiagnostics(
  source: DiagnosticSource,
  m: Messages,
  settings: Settings,
): Diagnostic[] {
  if (!settings.diagnostics.enabled) return [];
  const out: Diagnostic[] = [];
  const refusedPackets = new Set(
    source.findings.filter((f) => f.code === 'refused').map((f) => f.packet),
  );
  for (const f of source.findings) {
    if (f.code === 'rst' && refusedPackets.has(f.packet)) continue;
    const severity = severityOf(settings, f.code);
    if (severity === 'off') continue;
    const line = source.packetLine(f.packet);
    if (line === null) continue;
    const lines = [line, ...f.related.map((r) => source.packetLine(r))];
    const previous = source.lineText ? made.get(f) : undefined;
    if (stillValid(previous, f, lines, source, m, settings)) {
      out.push(previous.diagnostic);
      continue;
    }
    const diagnostic = findingDiagnostic(source, f, lines, m, LSP_SEVERITY[severity]);
    out.push(diagnostic);
    if (source.lineText) {
      const texts = lines.map((l) => (l === null ? '' : source.lineText!(l)));
      made.set(f, { m, settings, connection: f.connection, lines, texts, diagnostic });
    }
  }
  const unrecognised = severityOf(settings, 'unrecognised_line');
  if (unrecognised !== 'off') {
    for (const l of source.lines) {
      if (l.kind !== 'unrecognised') continue;
      out.push({
        range: source.lineRange(l.line),
        severity: LSP_SEVERITY[unrecognised],
        code: 'unrecognised_line',
        source: DIAGNOSTIC_SOURCE,
        message: m.line.unrecognised(l.reason ?? ''),
      });
    }
  }
  return mostSevere(out, settings.diagnostics.maxPerFile, m);
}

const BY_SEVERITY = [
  DiagnosticSeverity.Error,
  DiagnosticSeverity.Warning,
  DiagnosticSeverity.Information,
  DiagnosticSeverity.Hint,
];

/**
 * At most `limit` diagnostics (0: all): the most severe, in their order, as VS Code would keep
 * them, the last place taken by one that says how many were left out. Sending only what the
 * editor shows keeps each update small.
 */
function mostSevere(all: Diagnostic[], limit: number, m: Messages): Diagnostic[] {
  if (limit === 0 || all.length <= limit) return all;
  const room = Math.max(0, limit - 1);
  // Filter and slice, not a loop of pushes: with the loop, each update of a 300k-line document
  // left megabytes for the next scavenge to copy (pauses of 30-50 ms instead of 2-5 ms).
  const kept = BY_SEVERITY.flatMap((severity) => all.filter((d) => d.severity === severity)).slice(
    0,
    room,
  );
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'findings_not_shown',
    source: DIAGNOSTIC_SOURCE,
    message: m.diagnostic.notShown(all.length - room, room),
  });
  return kept;
}
