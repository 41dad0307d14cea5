// The results as Markdown: inputs, tools side by side, language server, targets.
import type { CliSizeResult, ToolResult } from './cliBench';
import type { Capture } from './data';
import type { LspOutcome } from './lspBench';
import { OPENS, QUERY_SAMPLES, VISIBLE_LINES } from './lspBench';
import type { Machine } from './machine';
import { formatSize } from './options';
import type { Summary } from './stats';
import type { Check } from './targets';
import type { Tool } from './tools';

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatMb(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

function toolCell(r: ToolResult | undefined): string {
  if (!r) return '—';
  if (!r.ok) return `n/a (${r.reason})`;
  const rss = r.peakRssBytes === null ? 'RSS n/a' : formatMb(r.peakRssBytes);
  return `${formatMs(r.wallMs)} · ${rss}${r.rssSource === 'proc-poll' ? ' (≈)' : ''}`;
}

function ratioCell(numerator: ToolResult | undefined, denominator: ToolResult | undefined): string {
  if (!numerator?.ok || !denominator?.ok) return 'n/a';
  return `${(numerator.wallMs / denominator.wallMs).toFixed(2)}×`;
}

function inputsTable(captures: readonly Capture[]): string {
  return table(
    ['capture', 'packets', 'pcap', 'text (tcpdump -nn)', 'text lines', 'made'],
    captures.map((c) => [
      `capture-${formatSize(c.packets)}`,
      String(c.packets),
      formatMb(c.pcapBytes),
      c.textPath ? formatMb(c.textBytes) : `n/a (${c.textMissing ?? ''})`,
      c.textPath ? String(c.textLines) : 'n/a',
      c.reused ? 'reused' : 'now',
    ]),
  );
}

function cliTable(results: readonly CliSizeResult[], tools: readonly Tool[]): string {
  const header = ['command', ...results.map((r) => `${formatSize(r.packets)} packets`)];
  const rows = tools.map((t) => [t.label, ...results.map((r) => toolCell(r.tools[t.id]))]);
  rows.push(
    [
      'tshark conv,tcp time ÷ CLI time',
      ...results.map((r) => ratioCell(r.tools.tsharkConv, r.tools.cli)),
    ],
    ['CLI time ÷ tcptrace time', ...results.map((r) => ratioCell(r.tools.cli, r.tools.tcptrace))],
  );
  return table(header, rows);
}

const latency = (s: Summary): string => `${formatMs(s.median)} / ${formatMs(s.p95)}`;

function lspTable(outcomes: readonly LspOutcome[]): string {
  const header = [
    'lines',
    'document',
    'diagnostics sent',
    'first diagnostics',
    'edit p50 / p95',
    'append 10 lines p50 / p95',
    'hover p50 / p95',
    'inlay hints p50 / p95',
    'RSS after analysis',
    'RSS ÷ document',
  ];
  const rows = outcomes.map((o) => {
    if (!o.ok) return [formatSize(o.lines), ...header.slice(1).map(() => `n/a (${o.reason})`)];
    const r = o.result;
    const runs = r.firstDiagnosticsRunsMs;
    const first =
      runs.length > 1
        ? `${formatMs(r.firstDiagnosticsMs)} (median of ${runs.map(formatMs).join(', ')})`
        : formatMs(r.firstDiagnosticsMs);
    return [
      formatSize(r.lines),
      formatMb(r.documentBytes),
      String(r.diagnostics),
      first,
      `${latency(r.edit)} ×${r.edit.samples} (${r.edit.resent} sent)`,
      `${latency(r.append)} ×${r.append.samples} (${r.append.resent} sent)${
        r.append.appendedLinesWereNew
          ? ''
          : ' (the capture has no more lines: repeats its last ones)'
      }`,
      `${formatMs(r.hover.median)} / ${formatMs(r.hover.p95)}`,
      `${formatMs(r.inlayHints.median)} / ${formatMs(r.inlayHints.p95)}`,
      r.memory.afterAnalysisBytes !== null && r.memory.afterInitBytes !== null
        ? `${formatMb(r.memory.afterAnalysisBytes)} (+${formatMb(r.memory.afterAnalysisBytes - r.memory.afterInitBytes)} over idle)`
        : formatMb(r.memory.afterAnalysisBytes),
      r.memory.ratioToDocument === null ? 'n/a' : `${r.memory.ratioToDocument.toFixed(2)}×`,
    ];
  });
  return table(header, rows);
}

function formatValue(c: Check): string {
  if (c.value === null) return 'n/a';
  return c.unit === 'ms' ? formatMs(c.value) : `${c.value.toFixed(2)}×`;
}

function targetsTable(checks: readonly Check[]): string {
  const limit = (c: Check) =>
    `${c.comparison === '>=' ? '≥' : c.comparison === '<=' ? '≤' : '<'} ${
      c.unit === 'ms' ? formatMs(c.limit) : `${c.limit}×`
    }`;
  return table(
    ['target', 'on', 'measured', 'limit', 'verdict'],
    checks.map((c) => [
      c.note ? `${c.target} (${c.note})` : c.target,
      c.scope,
      formatValue(c),
      limit(c),
      c.verdict,
    ]),
  );
}

export interface Report {
  machine: Machine;
  captures: readonly Capture[];
  tools: readonly Tool[];
  cli: readonly CliSizeResult[] | null;
  cliRunsNote: string;
  lsp: readonly LspOutcome[] | null;
  debounceMs: number | null;
  checks: readonly Check[];
  warnings: readonly string[];
}

export function renderMarkdown(report: Report): string {
  const m = report.machine;
  const parts = [
    '# Scale benchmark',
    `${m.date} · ${m.cores} × ${m.cpuModel} · ${formatMb(m.totalMemoryBytes)} RAM · Node ${m.node} · ${m.os} · load average ${m.loadAverage.start} → ${m.loadAverage.end}`,
    `Tools: ${Object.entries(m.tools)
      .map(([name, version]) => `${name} ${version ?? 'n/a'}`)
      .join(', ')}`,
    ...report.warnings.map((w) => `**Warning:** ${w}`),
    '## Inputs',
    inputsTable(report.captures),
  ];
  if (report.cli) {
    parts.push(
      '## CLI and other tools',
      `Wall time and peak RSS (${report.cliRunsNote}). The CLI reads tcpdump's text, the other tools the pcap; \`wc -l\` on the text is the floor.`,
      cliTable(report.cli, report.tools),
    );
  }
  if (report.lsp) {
    const debounce =
      report.debounceMs === null
        ? 'No diagnostics debounce was found in the server source.'
        : `The server analyses an opened document at once, and an edit at once when it can apply it in place; an edit that makes it start over waits ${report.debounceMs} ms for more typing (DIAGNOSTICS_DELAY_MS in server/src/lsp/server.ts).`;
    parts.push(
      '## Language server (node dist/server.js --stdio)',
      `Times from the didOpen notification to the publishDiagnostics (the median of ${OPENS} servers started afresh, each run given; the resident memory after analysis likewise), and from a didChange to the server's analysis notification for that version, which follows its diagnostics when they changed (the server does not send the same ones again; "N sent" counts the timed edits after which they were); hovers and inlay hints (a ${VISIBLE_LINES}-line range) at ${QUERY_SAMPLES} seeded random lines, one request at a time. ×N is the number of edits timed. ${debounce}`,
      lspTable(report.lsp),
    );
  }
  parts.push('## Targets', targetsTable(report.checks));
  return `${parts.join('\n\n')}\n`;
}
