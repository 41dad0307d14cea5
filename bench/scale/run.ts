// npm run bench — scale benchmark: generates captures of 10k, 100k and 1M packets, times the CLI
// against tcptrace, tshark and `wc -l`, times the language server over stdio, and checks the
// results against the performance targets. Writes results/latest.json and results/latest.md.
//
//   npm run bench -- --sizes 10k,100k --runs 1 --skip-lsp
//
// Exits 0 whatever the numbers are (it is a measurement); non-zero only when it breaks itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt } from './build';
import type { CliSizeResult } from './cliBench';
import { runCliBench } from './cliBench';
import type { Capture } from './data';
import { generatorVersion, prepareCaptures, tcpdumpVersion } from './data';
import type { LspOutcome, LspSource } from './lspBench';
import { LSP_MAX_LINES, debounceFromSource, runLspBench } from './lspBench';
import { describeMachine, loadAverage } from './machine';
import { SLOW_RUN_MS, USAGE, parseOptions } from './options';
import { resultsDir } from './paths';
import { hasGnuTime, outputOf } from './proc';
import { renderMarkdown } from './table';
import { evaluateTargets } from './targets';
import { detectTools } from './tools';

/** Lines appended during the edit measurements; the source should hold them after the document. */
const APPEND_HEADROOM = 200;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/**
 * The language-server documents: for each capture size, its first min(size, 300k) lines, taken
 * from the smallest capture that has lines to append after them.
 */
function lspSizes(
  captures: readonly Capture[],
): Array<{ lines: number; source: () => LspSource | string }> {
  const withText = captures.filter((c) => c.textPath !== null);
  const loaded = new Map<string, LspSource>();
  const load = (capture: Capture): LspSource => {
    const file = capture.textPath!;
    let source = loaded.get(file);
    if (!source) {
      // One source at a time: the 1M-packet text is ~100 MB.
      loaded.clear();
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      source = { name: path.basename(file), lines };
      loaded.set(file, source);
    }
    return source;
  };
  const sizes = [...new Set(captures.map((c) => Math.min(c.packets, LSP_MAX_LINES)))];
  return sizes.map((lines) => ({
    lines,
    source: () => {
      const capture =
        withText.find((c) => c.textLines >= lines + APPEND_HEADROOM) ??
        withText.find((c) => c.textLines >= lines);
      if (capture) return load(capture);
      const missing = captures.find((c) => c.textMissing)?.textMissing;
      return missing ?? `no capture text with ${lines} lines`;
    },
  }));
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const loadAtStart = loadAverage();
  const warnings: string[] = [];
  const build = ensureBuilt(options.build, log);
  if (build.warning) warnings.push(build.warning);
  if (build.missing) warnings.push(build.missing);
  if (!hasGnuTime())
    warnings.push(
      'GNU time (/usr/bin/time) is missing: peak RSS is polled from /proc, approximate (apt-get install -y time)',
    );

  const captures = await prepareCaptures(options.sizes, log);
  const tools = detectTools(build);

  let cli: CliSizeResult[] | null = null;
  if (!options.skipCli) cli = await runCliBench(captures, tools, options.runs, log);

  const debounceMs = debounceFromSource();
  let lsp: LspOutcome[] | null = null;
  if (!options.skipLsp) {
    lsp = build.missing
      ? lspSizes(captures).map(({ lines }) => ({ ok: false, lines, reason: build.missing! }))
      : await runLspBench(lspSizes(captures), log);
  }

  const toolVersions: Record<string, string | null> = {
    'tcpdump-lens': tools.find((t) => t.id === 'cli')?.version ?? null,
    tcpdump: tcpdumpVersion(),
    tcptrace: tools.find((t) => t.id === 'tcptrace')?.version ?? null,
    tshark: tools.find((t) => t.id === 'tsharkConv')?.version ?? null,
    wc: tools.find((t) => t.id === 'wc')?.version ?? null,
    'GNU time': hasGnuTime()
      ? (/GNU Time\)? (\S+)/.exec(outputOf('/usr/bin/time', ['--version']))?.[1] ?? 'present')
      : null,
  };
  const machine = describeMachine(toolVersions, loadAtStart);
  const checks = evaluateTargets(cli, lsp);
  // The load at the end counts the benchmark's own work of its last minute: only the load it
  // started in tells of other work.
  const busy = machine.loadAverage.start;
  if (busy > machine.cores / 2)
    warnings.push(
      `the machine was busy (1-minute load average ${busy} on ${machine.cores} cores at the start): times are inflated`,
    );
  const cliRunsNote = `median of ${options.runs} run${options.runs === 1 ? '' : 's'}; a tool whose first run took ${SLOW_RUN_MS / 1000} s or more was run once`;
  const markdown = renderMarkdown({
    machine,
    captures,
    tools,
    cli,
    cliRunsNote,
    lsp,
    debounceMs,
    checks,
    warnings,
  });

  fs.mkdirSync(resultsDir, { recursive: true });
  const json = {
    schema: 'tcpdump-lens-bench-scale/1',
    machine,
    options,
    generatorVersion: generatorVersion(),
    build,
    warnings,
    captures: captures.map((c) => ({
      ...c,
      pcapPath: path.relative(resultsDir, c.pcapPath),
      textPath: c.textPath && path.relative(resultsDir, c.textPath),
    })),
    cli: cli && {
      runs: options.runs,
      slowRunMs: SLOW_RUN_MS,
      tools: tools.map(({ id, label, input, unavailable, version }) => ({
        id,
        label,
        input,
        unavailable,
        version,
      })),
      results: cli,
    },
    lsp: lsp && { debounceMs, results: lsp },
    targets: checks,
    benchSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
  process.stdout.write(markdown);
  const failed = checks.filter((c) => c.verdict === 'FAIL').length;
  const passed = checks.filter((c) => c.verdict === 'PASS').length;
  log(
    `targets: ${passed} PASS, ${failed} FAIL, ${checks.length - passed - failed} n/a; ` +
      `took ${json.benchSeconds} s; wrote bench/scale/results/latest.{json,md}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
