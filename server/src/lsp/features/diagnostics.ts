import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
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

/** One diagnostic per finding (a RST that refuses says "refused" only), and one per unrecognised line. */
export function diagnostics(doc: CachedAnalysis, m: Messages, settings: Settings): Diagnostic[] {
  if (!settings.diagnostics.enabled) return [];
  const out: Diagnostic[] = [];
  const refusedPackets = new Set(
    doc.analysis.findings.filter((f) => f.code === 'refused').map((f) => f.packet),
  );
  for (const f of doc.analysis.findings) {
    if (f.code === 'rst' && refusedPackets.has(f.packet)) continue;
    const severity = severityOf(settings, f.code);
    if (severity === 'off') continue;
    const p = doc.index.packet(f.packet);
    if (!p) continue;
    const text = m.finding[f.code];
    const relatedInformation: DiagnosticRelatedInformation[] = f.related.flatMap((r) => {
      const rp = doc.index.packet(r);
      if (!rp) return [];
      return [
        {
          location: { uri: doc.uri, range: lineRange(doc, rp.headerLine) },
          message: `${m.diagnostic.related}: ${m.line.packetRef(r, rp.headerLine)}`,
        },
      ];
    });
    out.push({
      range: lineRange(doc, p.headerLine),
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
    for (const l of doc.analysis.lines) {
      if (l.kind !== 'unrecognised') continue;
      out.push({
        range: lineRange(doc, l.line),
        severity: LSP_SEVERITY[unrecognised],
        code: 'unrecognised_line',
        source: DIAGNOSTIC_SOURCE,
        message: m.line.unrecognised(l.reason ?? ''),
      });
    }
  }
  return out;
}
