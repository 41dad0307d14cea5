import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import type { OpenedInput } from '../../server/src/cli/readInput';
import { openInput } from '../../server/src/cli/readInput';
import { analyseInput } from '../../server/src/cli/streamAnalysis';
import { plain } from '../../server/src/report/paint';
import {
  renderSummary,
  summaryOfAnalysis,
  summaryOfStream,
} from '../../server/src/report/summaryTable';
import { filesBelow, repoRoot } from '../support/paths';
import { opened, repeatWithShiftedPorts, synFlood, tempFile } from '../support/streamedLogs';
import { assertCliBuilt, cli, fixturesDir, runCli, sample, streamedLogs } from '../support/cli';

const run = (args: string[], input?: string | Buffer, nodeArgs: string[] = []) =>
  runCli(args, { input, nodeArgs });

/** The summary `--format summary` printed when it read the text whole. */
function wholeTextSummary(text: string): string[] {
  return renderSummary(summaryOfAnalysis(analyze(text)), plain);
}

async function streamedSummary(input: OpenedInput): Promise<string[]> {
  const { analysis } = await analyseInput(input);
  return renderSummary(summaryOfStream(analysis), plain);
}

/** Standard input that hands over the bytes in chunks of `size`. */
function stdinOf(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

suite('cli: --format summary streams its input', function () {
  suiteSetup(function () {
    assertCliBuilt();
  });

  const logs = streamedLogs();

  test('every fixture: the streamed summary is the whole-text summary, in any chunk size', async () => {
    assert.ok(logs.length > 60, `fixtures found: ${logs.length}`);
    for (const file of logs) {
      const expected = wholeTextSummary(fs.readFileSync(file, 'utf8'));
      const name = path.relative(repoRoot, file);
      assert.deepEqual(await streamedSummary(await opened(file)), expected, name);
      // Small odd chunks cut lines, CRLF pairs and multi-byte characters at every other place.
      assert.deepEqual(await streamedSummary(await opened(file, 61)), expected, `${name}, 61 B`);
    }
  });

  test('what the CLI prints: --format summary is the table --format text ends with', () => {
    const crlf = path.join(fixturesDir, 'normal-3way-close', 'n-crlf.tcpdump');
    const files = [
      sample,
      crlf,
      ...filesBelow(fixturesDir, '.tcpdump').filter((_, i) => i % 8 === 0),
    ];
    for (const file of files) {
      const summary = run(['--format', 'summary', file]);
      const text = run(['--format', 'text', file]);
      assert.equal(summary.code, 0, summary.stderr);
      assert.equal(text.code, 0, text.stderr);
      assert.ok(summary.stdout.length > 0);
      assert.ok(text.stdout.endsWith(`\n\n${summary.stdout}`), path.relative(repoRoot, file));
    }
  });

  test('a table of more rows than one write holds prints every row once, in order', () => {
    // 10 lines per copy of the capture: 5,000 connections, their rows written in several batches.
    const capture = path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump');
    const text = repeatWithShiftedPorts(fs.readFileSync(capture, 'utf8'), 50_000);
    const file = tempFile('many.tcpdump', text);
    const expected = wholeTextSummary(text);
    assert.ok(expected.length > 5_000, `${expected.length} lines`);
    const summary = run(['--format', 'summary', file]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.equal(summary.stdout, `${expected.join('\n')}\n`);
  });

  test('a multi-byte character cut by the chunk boundary is read whole', async () => {
    const head = '12:00:00.000000 IP bücher-€-😀.example.40000 > 10.0.0.2.80: ';
    const text =
      `${head}Flags [S], seq 1, win 64240, length 0\n` +
      '12:00:00.000100 IP 10.0.0.2.80 > bücher-€-😀.example.40000: Flags [S.], seq 9, ack 2, win 64240, length 0\n';
    const file = tempFile('idn.tcpdump', text);
    const expected = wholeTextSummary(text);
    assert.match(expected.join('\n'), /bücher-€-😀\.example\.40000/);
    const at = Buffer.byteLength('12:00:00.000000 IP bücher-€-');
    // Chunks ending inside '€' (3 bytes) and inside '😀' (4 bytes), and every small size.
    for (const size of [at - 2, at - 1, at + 1, at + 2, at + 3, 1, 2, 3, 4, 5, 7]) {
      assert.deepEqual(await streamedSummary(await opened(file, size)), expected, `${size} B`);
    }
  });

  test('the lines shown for input that is not tcpdump output keep their multi-byte characters', async () => {
    const file = tempFile('notes.txt', 'liste de courses: œufs, crème, 🧀\npain\n');
    const streamed = await analyseInput(await opened(file, 21));
    assert.equal(streamed.analysis.packetCount, 0);
    assert.equal(streamed.lineStarts.get(0), 'liste de courses: œufs, crème, 🧀');
    const r = run(['--format', 'summary', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no tcpdump packet lines found/);
    assert.match(r.stderr, /line 1: liste de courses: œufs, crème, 🧀\n {2}line 2: pain\n/);
    assert.equal(r.stdout, '');
  });

  test('CRLF and CR line ends, also with the CR and LF in different chunks', async () => {
    const lf = fs.readFileSync(path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), 'utf8');
    for (const end of ['\r\n', '\r']) {
      const text = lf.replace(/\n/g, end);
      const file = tempFile('ends.tcpdump', text);
      const expected = wholeTextSummary(text);
      assert.match(expected[0]!, /10 TCP packets of 10, 10 lines/);
      const firstCr = Buffer.from(text).indexOf('\r');
      for (const size of [firstCr, firstCr + 1, 1 << 20]) {
        const streamed = await analyseInput(await opened(file, size));
        assert.equal(streamed.analysis.lineCount, 10, JSON.stringify(end));
        assert.deepEqual(renderSummary(summaryOfStream(streamed.analysis), plain), expected);
      }
    }
  });

  test('standard input: the same summary as the file, whatever size its chunks come in', async () => {
    const bytes = fs.readFileSync(sample);
    const expected = wholeTextSummary(bytes.toString('utf8'));
    for (const size of [1, 100, 1 << 16]) {
      const input = await openInput('-', { stdin: stdinOf(bytes, size) });
      assert.ok(input.ok);
      assert.equal(input.input.size, null);
      assert.deepEqual(await streamedSummary(input.input), expected, `${size} B`);
    }
    const r = run(['--format', 'summary', '-'], bytes);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${expected.join('\n')}\n`);
    const empty = run(['--format', 'summary', '-'], '');
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(
      empty.stdout,
      '0 TCP connections, 0 TCP packets of 0, 0 lines (sequence numbers: relative)\n',
    );
  });

  test('unreadable input on the streamed path: the same messages and exit status', () => {
    const missing = run(['--format', 'summary', path.join(os.tmpdir(), 'no-such-capture.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no such file/);
    const directory = run(['--format', 'summary', repoRoot]);
    assert.equal(directory.code, 1);
    assert.match(directory.stderr, /is a directory/);
    assert.equal(directory.stdout, '');
  });

  test('--progress draws the bar by bytes read on stderr, and erases it', () => {
    const r = run(['--progress', '--format', 'summary', sample]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\r\[#{11}\.{19}\]  35% reading 0\.0\/0\.0 MB\x1b\[K/);
    assert.ok(r.stderr.endsWith('\r\x1b[K'), JSON.stringify(r.stderr));
    assert.doesNotMatch(r.stdout, /reading/);
  });

  test('memory does not grow with the text: hex dumps add text, not heap', function () {
    this.timeout(120000);
    // The same 45,460 packets twice: with `-X` hex dumps under each (300,000 lines, 24 MB) and
    // without them (7 MB). Streamed, the dumps are read and dropped, so both runs peak at the same
    // heap (what is kept of the packets); read whole, the first holds 17 MB more of text.
    const xText = fs.readFileSync(path.join(fixturesDir, 'normal-3way-close', 'X.tcpdump'), 'utf8');
    const withDumps = repeatWithShiftedPorts(xText, 300000);
    const packetsOnly = splitLines(withDumps)
      .filter((l) => !l.startsWith('\t'))
      .map((l) => `${l}\n`)
      .join('');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-heap-'));
    // Samples the live heap and buffers (after a full collection) each time the event loop turns
    // between chunks, and writes the peak when the process ends.
    const probe = path.join(dir, 'probe.cjs');
    fs.writeFileSync(
      probe,
      `const fs = require('node:fs');
let peak = 0, samples = 0, last = 0;
const sample = () => {
  global.gc();
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.external);
  samples++;
};
const tick = () => {
  if (Date.now() - last >= 10) { last = Date.now(); sample(); }
  setTimeout(tick, 1).unref();
};
tick();
process.on('exit', () => { sample(); fs.writeFileSync(process.env.HEAP_PROBE_OUT, JSON.stringify({ peak, samples })); });
`,
    );
    const measure = (text: string, name: string) => {
      const file = path.join(dir, `${name}.tcpdump`);
      fs.writeFileSync(file, text);
      const out = path.join(dir, `${name}.json`);
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', '--require', probe, cli, '--format', 'summary', file],
        { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HEAP_PROBE_OUT: out } },
      );
      assert.equal(r.status, 0, r.stderr);
      const { peak, samples } = JSON.parse(fs.readFileSync(out, 'utf8')) as {
        peak: number;
        samples: number;
      };
      return { peak, samples, bytes: Buffer.byteLength(text), stdout: r.stdout };
    };
    const dumps = measure(withDumps, 'dumps');
    const plainLog = measure(packetsOnly, 'packets');
    assert.match(dumps.stdout, /^4546 TCP connections, 45460 TCP packets of 45460, 300036 lines/);
    // The same connections either way: only the line count differs.
    assert.deepEqual(dumps.stdout.split('\n').slice(1), plainLog.stdout.split('\n').slice(1));
    assert.ok(dumps.samples >= 5, `samples taken while reading: ${dumps.samples}`);
    const extraText = dumps.bytes - plainLog.bytes;
    const extraMemory = dumps.peak - plainLog.peak;
    assert.ok(
      extraMemory < extraText / 4,
      `the dumps add ${(extraText / 1e6).toFixed(1)} MB of text and ${(extraMemory / 1e6).toFixed(1)} MB ` +
        `to the peak (${(plainLog.peak / 1e6).toFixed(1)} → ${(dumps.peak / 1e6).toFixed(1)} MB)`,
    );
  });

  test('a SYN flood of 30,000 connections is summarised within a 72 MB heap', function () {
    this.timeout(120000);
    // A connection that is one unanswered SYN keeps little: shared texts for its server, shared
    // verdicts, finding lists and states. Each connection keeping its own took more than 72 MB.
    const flood = synFlood(
      fs.readFileSync(path.join(fixturesDir, 'syn-flood', 'n.tcpdump'), 'utf8'),
      30000,
    );
    const r = run(['--format', 'summary', tempFile('flood.tcpdump', flood)], undefined, [
      '--max-old-space-size=72',
    ]);
    assert.equal(r.code, 0, r.stderr.slice(0, 500));
    assert.match(r.stdout, /^30000 TCP connections, 30000 TCP packets of 30000, 30000 lines/);
    const rows = r.stdout.split('\n').filter((l) => /^\d+ +127\./.test(l));
    assert.equal(rows.length, 30000);
    assert.ok(rows.every((row) => /no answer .* S0 S +(syn_flood,)?syn_unanswered$/.test(row)));
    assert.equal(rows.filter((row) => row.includes('syn_flood')).length, 1, 'the flood found once');
  });
});
