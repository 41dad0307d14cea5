import { analyze } from '../analysis';
import { splitLines } from '../analysis/parse/text';
import { renderAnnotatedText } from '../report/annotatedText';
import { buildJsonReport } from '../report/jsonReport';
import type { Paint } from '../report/paint';
import { ansi, plain } from '../report/paint';
import { renderSummary, summaryOfAnalysis } from '../report/summaryTable';
import { USAGE, parseArgs } from './args';
import { ProgressBar, throughputSummary } from './progress';
import { readInput } from './readInput';

declare const PACKAGE_VERSION: string | undefined;

function chooseColour(flag: boolean | null): Paint {
  if (flag !== null) return flag ? ansi : plain;
  if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return plain;
  return process.stdout.isTTY ? ansi : plain;
}

/** Writes to stdout, waiting for the pipe to drain so large reports are not cut short. */
function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`tcpdump-lens: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    await write(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    await write(`${typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'development'}\n`);
    return 0;
  }
  const timeZone = process.env['TZ'] || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const input = await readInput(options.input!, timeZone, options.timestamps);
  if (!input.ok) {
    process.stderr.write(`tcpdump-lens: ${input.error}\n`);
    return 1;
  }
  if (input.warning) process.stderr.write(`tcpdump-lens: warning: ${input.warning}\n`);
  const started = performance.now();
  const bar = (options.progress ?? process.stderr.isTTY) ? new ProgressBar(process.stderr) : null;
  const analysis = analyze(input.text, {
    onProgress: bar ? (stage, done, total) => bar.update(stage, done, total) : undefined,
  });
  bar?.clear();
  if (options.stats || process.stderr.isTTY) {
    const summary = throughputSummary({
      bytes: Buffer.byteLength(input.text),
      lines: analysis.lines.length,
      packets: analysis.packets.length,
      connections: analysis.connections.length,
      seconds: (performance.now() - started) / 1000,
    });
    process.stderr.write(`tcpdump-lens: ${summary}\n`);
  }
  const source = options.input === '-' ? '<stdin>' : options.input!;
  if (analysis.packets.length === 0 && input.text.trim().length > 0) {
    const examples = analysis.lines
      .filter((l) => l.kind === 'unrecognised')
      .slice(0, 3)
      .map((l) => `  line ${l.line + 1}: ${(splitLines(input.text)[l.line] ?? '').slice(0, 120)}`);
    process.stderr.write(
      `tcpdump-lens: ${source}: no tcpdump packet lines found. Expected lines such as\n` +
        `  12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0\n` +
        (examples.length > 0
          ? `First lines that were not understood:\n${examples.join('\n')}\n`
          : ''),
    );
    return 1;
  }
  const paint = chooseColour(options.color);
  switch (options.format) {
    case 'json':
      await write(`${JSON.stringify(buildJsonReport(analysis, source), null, 2)}\n`);
      break;
    case 'summary':
      await write(`${renderSummary(summaryOfAnalysis(analysis), paint).join('\n')}\n`);
      break;
    default:
      await write(`${renderAnnotatedText(splitLines(input.text), analysis, paint).join('\n')}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `tcpdump-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
