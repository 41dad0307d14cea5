import { analyze } from '../analysis';
import { splitLines } from '../analysis/parse/text';
import type { StreamedAnalysis } from '../analysis';
import { renderAnnotatedText } from '../report/annotatedText';
import { jsonReportLines } from '../report/jsonReport';
import type { Paint } from '../report/paint';
import { ansi, plain } from '../report/paint';
import { summaryLines, summaryOfStream } from '../report/summaryTable';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { AUTO_PART_MB, AUTO_THREADS_MIN_MB, MAX_AUTO_THREADS, USAGE, parseArgs } from './args';
import type { CliOptions } from './args';
import { ProgressBar, throughputSummary } from './progress';
import type { OpenedInput } from './readInput';
import { describeReadError, openInput, readWhole } from './readInput';
import { captureFailure, captureWarning } from './captureInput';
import { Spool } from '../input/spool';
import type { CaptureRendering } from '../input/captureLines';
import { analyseInput, annotatedTextBatches, inputLines } from './streamAnalysis';
import { EXAMPLE_CHARS } from './lineSamples';
import { jsonReportBatches } from './streamJson';
import type { StreamOptions } from './streamAnalysis';
import { planParts } from './parts';

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

/** Lines joined into writes of this many: few writes, and no output held whole. */
const LINES_PER_WRITE = 4096;

/** Writes lines as they are made, each followed by a line end. */
async function writeLines(lines: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === LINES_PER_WRITE) {
      await write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) await write(`${batch.join('\n')}\n`);
}

function progressBar(options: CliOptions): ProgressBar | null {
  return (options.progress ?? process.stderr.isTTY) ? new ProgressBar(process.stderr) : null;
}

function reportThroughput(
  options: CliOptions,
  counts: Parameters<typeof throughputSummary>[0],
): void {
  if (options.stats || process.stderr.isTTY)
    process.stderr.write(`tcpdump-lens: ${throughputSummary(counts)}\n`);
}

/** Input with no packet at all: what was expected, and the first lines that were not understood. */
function reportNoPackets(source: string, examples: readonly string[]): void {
  process.stderr.write(
    `tcpdump-lens: ${source}: no tcpdump packet lines found. Expected lines such as\n` +
      `  12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0\n` +
      (examples.length > 0
        ? `First lines that were not understood:\n${examples.join('\n')}\n`
        : ''),
  );
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
  const path = options.input!;
  // Ctrl-C on `tcpdump -l … | tcpdump-lens -` stops the capture: what was read is still reported
  // (a second Ctrl-C, or one before anything was read, ends the tool at once).
  let stopReading: (() => void) | null = null;
  if (path === '-') {
    process.on('SIGINT', () => {
      const stop = stopReading;
      stopReading = null;
      if (stop) stop();
      else process.exit(130);
    });
  }
  const opened = await openInput(path);
  if (!opened.ok) {
    process.stderr.write(`tcpdump-lens: ${opened.error}\n`);
    return 1;
  }
  if (path === '-') stopReading = opened.input.stop;
  try {
    // Input (text, or a capture rendered as it is read) is streamed through the analysis; for
    // the annotated text and the JSON report it is then read again to print them.
    if (options.format === 'summary') return await streamedSummary(opened.input, options);
    return await streamedTwice(opened.input, options);
  } catch (error) {
    // Reading failed after the first chunk (an I/O error, a file truncated under us…). Errors
    // without a system code are the tool's own: they are not blamed on the file.
    if (typeof (error as NodeJS.ErrnoException | null)?.code !== 'string') throw error;
    process.stderr.write(`tcpdump-lens: ${describeReadError(error, path)}\n`);
    return 1;
  }
}

function sourceName(options: CliOptions): string {
  return options.input === '-' ? '<stdin>' : options.input!;
}

/**
 * The input (text, or a capture rendered as it is read) read in chunks through the analysis,
 * never held whole. Null once it has reported that the input holds no packets.
 */
async function analyseStreamed(
  input: OpenedInput,
  options: CliOptions,
  keep: { notes: boolean; details: boolean },
): Promise<StreamedAnalysis | null> {
  const started = performance.now();
  const bar = progressBar(options);
  let streamed;
  try {
    streamed = await analyseInput(input, {
      parts: await partsOf(input, options),
      keepNotes: keep.notes,
      keepDetails: keep.details,
      rendering: renderingOf(input, options),
      onBytes: bar ? (bytes) => bar.read(bytes, input.size) : undefined,
      onProgress: bar
        ? (stage, done, total) => {
            if (stage === 'track') bar.update(stage, done, total);
          }
        : undefined,
    });
  } finally {
    bar?.clear();
  }
  const failure = input.isCapture ? captureFailure(options.input!, streamed.capture) : null;
  if (failure) {
    process.stderr.write(`tcpdump-lens: ${failure}\n`);
    return null;
  }
  const warning = input.isCapture ? captureWarning(options.input!, streamed.capture) : null;
  if (warning) process.stderr.write(`tcpdump-lens: warning: ${warning}\n`);
  const { analysis } = streamed;
  reportThroughput(options, {
    bytes: streamed.bytes,
    lines: analysis.lineCount,
    packets: analysis.packetCount,
    connections: analysis.connections.length,
    seconds: (performance.now() - started) / 1000,
  });
  if (analysis.packetCount === 0 && streamed.hasText) {
    const examples = analysis.unrecognised.slice(0, 3).map((l) => {
      const text = streamed.lineStarts.get(l.line);
      return `  line ${l.line + 1}: ${text ?? `(${l.reason ?? 'not understood'})`}`;
    });
    reportNoPackets(sourceName(options), examples);
    return null;
  }
  if (analysis.error) {
    process.stderr.write(
      `tcpdump-lens: warning: ${analysis.error}; the report may leave out what came after it\n`,
    );
  }
  return analysis;
}

/** The part reader's bundle, beside this one. */
const PART_READER = nodePath.join(__dirname, 'cli-part.js');

/** Threads for a file of `size` bytes when none are asked for. */
const autoThreads = (size: number): number =>
  size < AUTO_THREADS_MIN_MB << 20
    ? 1
    : Math.min(
        os.availableParallelism(),
        MAX_AUTO_THREADS,
        Math.floor(size / (AUTO_PART_MB << 20)),
      );

/** Where a text file is cut to be read in parts at once; undefined to read it in one. */
async function partsOf(input: OpenedInput, options: CliOptions): Promise<StreamOptions['parts']> {
  if (input.isCapture || input.size === null || options.input === '-') return undefined;
  const threads = options.threads ?? autoThreads(input.size);
  if (threads < 2 || !fs.existsSync(PART_READER)) return undefined;
  const plan = await planParts(options.input!, input.size, threads);
  return plan ? { path: options.input!, plan, script: PART_READER } : undefined;
}

/** `--format summary`: the input read in chunks, line by line, never held whole. */
async function streamedSummary(input: OpenedInput, options: CliOptions): Promise<number> {
  const analysis = await analyseStreamed(input, options, { notes: false, details: false });
  if (!analysis) return 1;
  await writeLines(summaryLines(summaryOfStream(analysis), chooseColour(options.color)));
  return 0;
}

/**
 * The annotated text or the JSON report: the input analysed as it is read, then read again and
 * printed line by line with what was kept of each packet; neither reading holds it whole.
 */
async function streamedTwice(input: OpenedInput, options: CliOptions): Promise<number> {
  // Standard input (or a pipe) cannot be read again: it is copied to a temporary file as it is
  // read. Should no such file be possible, it is read whole.
  const spool = input.size === null ? await Spool.create() : null;
  if (input.size === null && !spool) return await wholeText(input, options);
  try {
    const source = spool ? { ...input, chunks: spool.through(input.chunks) } : input;
    const json = options.format === 'json';
    const analysis = await analyseStreamed(source, options, { notes: true, details: json });
    if (!analysis) return 1;
    const again = await openInput(spool?.file ?? options.input!);
    if (!again.ok) {
      process.stderr.write(`tcpdump-lens: ${again.error}\n`);
      return 1;
    }
    const lines = inputLines(again.input, renderingOf(again.input, options));
    const batches = json
      ? jsonReportBatches(lines, analysis, sourceName(options))
      : annotatedTextBatches(lines, analysis, chooseColour(options.color));
    for await (const batch of batches) await write(`${batch.join('\n')}\n`);
    return 0;
  } finally {
    spool?.remove();
  }
}

/**
 * A capture is rendered in the machine's time zone, as tcpdump does, and as --timestamps asks.
 * Text is not rendered: its time zone is not looked up (the first lookup loads the zone data).
 */
const renderingOf = (
  input: Pick<OpenedInput, 'isCapture'>,
  options: CliOptions,
): CaptureRendering | undefined =>
  input.isCapture ? { timeZone: localTimeZone(), timestamps: options.timestamps } : undefined;

/** tcpdump prints a capture's times in the machine's time zone. */
const localTimeZone = (): string =>
  process.env['TZ'] || Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The annotated text or the JSON report of standard input when it cannot be copied to read
 * again: the input read whole.
 */
async function wholeText(opened: OpenedInput, options: CliOptions): Promise<number> {
  const input = await readWhole(opened, options.input!, localTimeZone(), options.timestamps);
  if (!input.ok) {
    process.stderr.write(`tcpdump-lens: ${input.error}\n`);
    return 1;
  }
  if (input.warning) process.stderr.write(`tcpdump-lens: warning: ${input.warning}\n`);
  const started = performance.now();
  const bar = progressBar(options);
  const analysis = analyze(input.text, {
    onProgress: bar ? (stage, done, total) => bar.update(stage, done, total) : undefined,
  });
  bar?.clear();
  reportThroughput(options, {
    bytes: Buffer.byteLength(input.text),
    lines: analysis.lines.length,
    packets: analysis.packets.length,
    connections: analysis.connections.length,
    seconds: (performance.now() - started) / 1000,
  });
  const source = sourceName(options);
  if (analysis.packets.length === 0 && input.text.trim().length > 0) {
    const lines = splitLines(input.text);
    const examples = analysis.lines
      .filter((l) => l.kind === 'unrecognised')
      .slice(0, 3)
      .map((l) => `  line ${l.line + 1}: ${(lines[l.line] ?? '').slice(0, EXAMPLE_CHARS)}`);
    reportNoPackets(source, examples);
    return 1;
  }
  const paint = chooseColour(options.color);
  switch (options.format) {
    case 'json':
      await writeLines(jsonReportLines(analysis, splitLines(input.text), source));
      break;
    default:
      await writeLines(renderAnnotatedText(splitLines(input.text), analysis, paint));
  }
  return 0;
}

// A reader that stops early (`tcpdump-lens big.log | head`) closes the pipe: the output it wanted
// is written, so the tool ends quietly, as `head`'s other writers do, instead of with a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// Progress and statistics on a closed stderr are dropped; the analysis goes on.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

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
