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
  /**
   * The finding's packet, then its related packets, as they were numbered (an edit before them
   * that adds or removes packets renumbers them, and the diagnostic names them).
   */
  packets: number[];
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
  if (entry.packets[0] !== f.packet || entry.packets.length !== f.related.length + 1) return false;
  for (let i = 0; i < f.related.length; i++)
    if (entry.packets[i + 1] !== f.related[i]) return false;
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

/** A finding's diagnostic, the one made before while its lines read the same. */
function cachedFindingDiagnostic(
  source: DiagnosticSource,
  f: Finding,
  line: number,
  m: Messages,
  settings: Settings,
  severity: DiagnosticSeverity,
): Diagnostic {
  const lines = [line, ...f.related.map((r) => source.packetLine(r))];
  const previous = source.lineText ? made.get(f) : undefined;
  if (stillValid(previous, f, lines, source, m, settings)) return previous.diagnostic;
  const diagnostic = findingDiagnostic(source, f, lines, m, severity);
  if (source.lineText) {
    const texts = lines.map((l) => (l === null ? '' : source.lineText!(l)));
    const packets = [f.packet, ...f.related];
    made.set(f, { m, settings, connection: f.connection, packets, lines, texts, diagnostic });
  }
  return diagnostic;
}

const BY_SEVERITY = [
  DiagnosticSeverity.Error,
  DiagnosticSeverity.Warning,
  DiagnosticSeverity.Information,
  DiagnosticSeverity.Hint,
];

/**
 * One diagnostic per finding (a RST that refuses says "refused" only), and one per unrecognised
 * line. At most `maxPerFile` (0: all): the most severe, in their order, as VS Code would keep
 * them, the last place taken by one that says more were left out. Sending only what the
 * editor shows keeps each update small, and only what is sent is made: a document with
 * thousands of findings costs the diagnostics it shows.
 */
export function findingDiagnostics(
  source: DiagnosticSource,
  m: Messages,
  settings: Settings,
): Diagnostic[] {
  if (!settings.diagnostics.enabled) return [];
  const { findings } = source;
  const refusedPackets = new Set(findings.filter((f) => f.code === 'refused').map((f) => f.packet));
  // What is reported, before anything is made: each finding's severity (0: not reported).
  const findingSeverity = new Uint8Array(findings.length);
  let total = 0;
  findings.forEach((f, i) => {
    if (f.code === 'rst' && refusedPackets.has(f.packet)) return;
    const severity = severityOf(settings, f.code);
    if (severity === 'off') return;
    findingSeverity[i] = LSP_SEVERITY[severity];
    total++;
  });
  const unrecognisedName = severityOf(settings, 'unrecognised_line');
  const unrecognised =
    unrecognisedName === 'off' ? [] : [...source.lines].filter((l) => l.kind === 'unrecognised');
  const unrecognisedSeverity = unrecognisedName === 'off' ? 0 : LSP_SEVERITY[unrecognisedName];
  total += unrecognised.length;

  const limit = settings.diagnostics.maxPerFile;
  const room = limit === 0 || total <= limit ? total : Math.max(0, limit - 1);
  // All of them in document order, or the most severe first when some are left out.
  const order = room === total ? [0] : BY_SEVERITY;
  const out: Diagnostic[] = [];
  for (const severity of order) {
    const wanted = (s: number) => s !== 0 && (room === total || s === severity);
    for (let i = 0; i < findings.length && out.length < room; i++) {
      const s = findingSeverity[i]! as DiagnosticSeverity;
      if (!wanted(s)) continue;
      // A finding on a packet the source does not know (none, in practice) is left out.
      const line = source.packetLine(findings[i]!.packet);
      if (line !== null)
        out.push(cachedFindingDiagnostic(source, findings[i]!, line, m, settings, s));
    }
    if (!wanted(unrecognisedSeverity)) continue;
    for (const l of unrecognised) {
      if (out.length === room) break;
      out.push({
        range: source.lineRange(l.line),
        severity: unrecognisedSeverity as DiagnosticSeverity,
        code: 'unrecognised_line',
        source: DIAGNOSTIC_SOURCE,
        message: m.line.unrecognised(l.reason ?? ''),
      });
    }
  }
  if (room < total) {
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: 'findings_not_shown',
      source: DIAGNOSTIC_SOURCE,
      message: m.diagnostic.notShown(room),
    });
  }
  return out;
}

/**
 * The two lists would show the same: element by element the same diagnostic (a finding's is kept
 * while its lines read the same) or one of equal content. False when there is no first list.
 */
export function sameDiagnostics(
  before: readonly Diagnostic[] | undefined,
  now: readonly Diagnostic[],
): boolean {
  if (!before || before.length !== now.length) return false;
  return before.every((d, i) => d === now[i] || JSON.stringify(d) === JSON.stringify(now[i]));
}
