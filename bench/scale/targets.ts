// The performance targets, each checked against the measurements: PASS, FAIL, or n/a when the
// measurement is missing.
import type { CliSizeResult, ToolResult } from './cliBench';
import type { LspOutcome, LspSizeResult } from './lspBench';
import { LSP_MAX_LINES } from './lspBench';
import { formatSize } from './options';

export type Verdict = 'PASS' | 'FAIL' | 'n/a';

export interface Check {
  target: string;
  /** What the value was measured on, e.g. "1M packets" or "300k lines". */
  scope: string;
  value: number | null;
  unit: 'x' | 'ms';
  comparison: '>=' | '<=' | '<';
  limit: number;
  verdict: Verdict;
  note?: string;
}

const CLI_TARGET_PACKETS = 1_000_000;

function verdictOf(value: number | null, comparison: Check['comparison'], limit: number): Verdict {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const ok =
    comparison === '>=' ? value >= limit : comparison === '<=' ? value <= limit : value < limit;
  return ok ? 'PASS' : 'FAIL';
}

function check(fields: Omit<Check, 'verdict'>): Check {
  return { ...fields, verdict: verdictOf(fields.value, fields.comparison, fields.limit) };
}

const wall = (r: ToolResult | undefined): number | null => (r?.ok ? r.wallMs : null);

function cliChecks(cli: readonly CliSizeResult[]): Check[] {
  // On 1M packets when measured, otherwise on the largest capture (and said so).
  const size = cli.find((s) => s.packets === CLI_TARGET_PACKETS) ?? cli[cli.length - 1];
  if (!size) return [];
  const scope = `${formatSize(size.packets)} packets`;
  const note =
    size.packets === CLI_TARGET_PACKETS
      ? undefined
      : `target is for ${formatSize(CLI_TARGET_PACKETS)} packets, not measured`;
  const lens = wall(size.tools.cli);
  const tsharkConv = wall(size.tools.tsharkConv);
  const tcptrace = wall(size.tools.tcptrace);
  return [
    check({
      target: 'CLI faster than tshark -q -z conv,tcp (tshark time ÷ CLI time)',
      scope,
      value: lens !== null && tsharkConv !== null ? tsharkConv / lens : null,
      unit: 'x',
      comparison: '>=',
      limit: 5,
      ...(note ? { note } : {}),
    }),
    check({
      target: 'CLI time ÷ tcptrace -n time',
      scope,
      value: lens !== null && tcptrace !== null ? lens / tcptrace : null,
      unit: 'x',
      comparison: '<=',
      limit: 1.5,
      ...(note ? { note } : {}),
    }),
  ];
}

function lspChecks(lsp: readonly LspOutcome[]): Check[] {
  const results = lsp.filter((o) => o.ok).map((o) => o.result);
  const checks: Check[] = [];
  const largest = results.find((r) => r.lines === LSP_MAX_LINES) ?? results[results.length - 1];
  if (largest) {
    const scope = `${formatSize(largest.lines)} lines`;
    const note =
      largest.lines === LSP_MAX_LINES
        ? undefined
        : `target is for ${formatSize(LSP_MAX_LINES)} lines, not measured`;
    checks.push(
      check({
        target: 'first diagnostics after didOpen',
        scope,
        value: largest.firstDiagnosticsMs,
        unit: 'ms',
        comparison: '<',
        limit: 1500,
        ...(note ? { note } : {}),
      }),
    );
  }
  const perSize = (
    target: string,
    value: (r: LspSizeResult) => number | null,
    unit: Check['unit'],
    limit: number,
  ) => {
    for (const r of results) {
      checks.push(
        check({
          target,
          scope: `${formatSize(r.lines)} lines`,
          value: value(r),
          unit,
          comparison: '<',
          limit,
        }),
      );
    }
  };
  perSize('a one-line edit answered (changed diagnostics sent), p95', (r) => r.edit.p95, 'ms', 30);
  perSize(
    '10 appended lines answered (changed diagnostics sent), p95',
    (r) => r.append.p95,
    'ms',
    30,
  );
  perSize('hover, p95', (r) => r.hover.p95, 'ms', 5);
  perSize('server RSS ÷ document size', (r) => r.memory.ratioToDocument, 'x', 4);
  return checks;
}

export function evaluateTargets(
  cli: readonly CliSizeResult[] | null,
  lsp: readonly LspOutcome[] | null,
): Check[] {
  return [...(cli ? cliChecks(cli) : []), ...(lsp ? lspChecks(lsp) : [])];
}
