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
}

/** An open document's analysis: findings on the line of each packet's TCP header. */
export function documentSource(doc: CachedAnalysis): DiagnosticSource {
  return {
    uri: doc.uri,
    findings: doc.analysis.findings,
    lines: doc.analysis.lines,
    packetLine: (packet) => doc.index.packet(packet)?.headerLine ?? null,
    lineRange: (line) => lineRange(doc, line),
  };
}

/** The diagnostics of an open document. */
export function diagnostics(doc: CachedAnalysis, m: Messages, settings: Settings): Diagnostic[] {
  return findingDiagnostics(documentSource(doc), m, settings);
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
    const text = m.finding[f.code];
    const relatedInformation: DiagnosticRelatedInformation[] = f.related.flatMap((r) => {
      const relatedLine = source.packetLine(r);
      if (relatedLine === null) return [];
      return [
        {
          location: { uri: source.uri, range: source.lineRange(relatedLine) },
          message: `${m.diagnostic.related}: ${m.line.packetRef(r, relatedLine)}`,
        },
      ];
    });
    out.push({
      range: source.lineRange(line),
      severity: LSP_SEVERITY[severity],
      code: f.code,
      source: DIAGNOSTIC_SOURCE,
      message: `${text.title}${m.line.separator}${text.what} ${text.app}`,
      relatedInformation,
      data: { connection: f.connection, packet: f.packet },
    });
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
  return out;
}
