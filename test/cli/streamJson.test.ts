import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { captureToText } from '../../server/src/cli/captureInput';
import { analyseInput, inputLines } from '../../server/src/cli/streamAnalysis';
import { JSON_BATCH_CHARS, jsonReportBatches } from '../../server/src/cli/streamJson';
import { jsonReportLines } from '../../server/src/report/jsonReport';
import { repoRoot } from '../support/paths';
import { opened, repeatWithShiftedPorts, tempFile } from '../support/streamedLogs';
import {
  assertCliBuilt,
  captureFiles,
  fixturesDir,
  runCli,
  sample,
  streamedLogs,
} from '../support/cli';

const UTC = { timeZone: 'UTC', timestamps: 'time' } as const;

/** The JSON report as the CLI prints a file: analysed as it streams, then read again; and its batches. */
async function streamedJson(
  file: string,
  chunkBytes?: number,
): Promise<{ text: string; batches: string[][] }> {
  const { analysis } = await analyseInput(await opened(file, chunkBytes), {
    keepNotes: true,
    keepDetails: true,
    rendering: UTC,
  });
  const batches: string[][] = [];
  const again = inputLines(await opened(file, chunkBytes), UTC);
  for await (const batch of jsonReportBatches(again, analysis, file)) batches.push(batch);
  return { text: `${batches.flat().join('\n')}\n`, batches };
}

/** The JSON report made of the whole text at once (standard input, and before streaming). */
function wholeJson(text: string, source: string): string {
  return `${[...jsonReportLines(analyze(text), splitLines(text), source)].join('\n')}\n`;
}

suite('cli: the JSON report of a file, text or capture, is streamed', function () {
  suiteSetup(function () {
    assertCliBuilt();
  });

  test('every fixture: the streamed report is the whole-text one, byte for byte, in any chunk size', async () => {
    const logs = streamedLogs();
    assert.ok(logs.length > 60, `fixtures found: ${logs.length}`);
    for (const file of logs) {
      const expected = wholeJson(fs.readFileSync(file, 'utf8'), file);
      const name = path.relative(repoRoot, file);
      assert.equal((await streamedJson(file)).text, expected, name);
      // Small odd chunks cut lines, CRLF pairs and multi-byte characters at every other place.
      assert.equal((await streamedJson(file, 61)).text, expected, `${name}, 61 B`);
    }
  });

  test('every capture file: streamed and rendered twice, the report of the capture read whole', async () => {
    const captures = captureFiles();
    assert.ok(captures.length > 30, `captures found: ${captures.length}`);
    for (const file of captures) {
      const expected = wholeJson(captureToText(fs.readFileSync(file), 'UTC').text, file);
      const name = path.relative(repoRoot, file);
      assert.equal((await streamedJson(file)).text, expected, name);
      assert.equal((await streamedJson(file, 61)).text, expected, `${name}, 61 B`);
    }
  });

  test('the report of many connections comes in batches of bounded size, and parses', async () => {
    const text = repeatWithShiftedPorts(
      fs.readFileSync(path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), 'utf8'),
      20_000,
    );
    const file = tempFile('many.tcpdump', text);
    const { text: streamed, batches } = await streamedJson(file);
    assert.equal(streamed, wholeJson(text, file));
    assert.ok(batches.length > 20, `batches: ${batches.length}`);
    for (const batch of batches) {
      const chars = batch.reduce((sum, line) => sum + line.length + 1, 0);
      // A batch ends with the entry that took it past the bound.
      assert.ok(chars < JSON_BATCH_CHARS + 4096, `a batch of ${chars} characters`);
    }
    const report = JSON.parse(streamed) as {
      packets: Array<{ connection: number | null; step: string | null }>;
      connections: Array<{ id: number; bytes: { client: number }; verdict: object }>;
      lines: Array<{ line: number }>;
    };
    assert.equal(report.lines.length, 20_000);
    assert.equal(report.connections.length, report.connections.at(-1)!.id);
    assert.ok(report.connections.length > 1000, `connections: ${report.connections.length}`);
    assert.ok(report.connections.every((c) => c.bytes.client > 0 && 'stats' in c.verdict));
    assert.ok(report.packets.every((p) => p.connection !== null));
  });

  test('what the CLI prints for a file is what it prints for the same text on standard input', () => {
    const files = [
      sample,
      path.join(fixturesDir, 'hostile', 'A.tcpdump'),
      path.join(fixturesDir, 'syn-flood', 'n.tcpdump'),
      path.join(fixturesDir, 'dup-ack-retrans', 'n.tcpdump'),
    ];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const fromFile = runCli(['--format', 'json', file]);
      const fromStdin = runCli(['--format', 'json', '-'], { input: text });
      assert.equal(fromFile.code, 0, fromFile.stderr);
      assert.equal(fromFile.stdout, wholeJson(text, file), path.relative(repoRoot, file));
      assert.equal(fromStdin.stdout, wholeJson(text, '<stdin>'), path.relative(repoRoot, file));
    }
  });

  test('a log whose analysis does not fit the heap allowed is reported whole, from a file or piped in', function () {
    this.timeout(120000);
    // 100,000 lines (15 MB). Read whole, the text and the analysis of every line take over
    // 100 MB of heap; streamed, the heap holds what is kept of each packet and line (tens of
    // bytes) and a batch of output. Piped in, the copy read again is gone afterwards.
    const text = repeatWithShiftedPorts(
      fs.readFileSync(path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), 'utf8'),
      100_000,
    );
    const file = tempFile('many.tcpdump', text);
    const tmpdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-spool-'));
    const heap = ['--max-old-space-size=48'];
    const fromFile = runCli(['--format', 'json', file], { nodeArgs: heap });
    const piped = runCli(['--format', 'json', '-'], { input: text, nodeArgs: heap, tmpdir });
    for (const r of [fromFile, piped]) {
      assert.equal(r.code, 0, r.stderr.slice(0, 500));
      const report = JSON.parse(r.stdout) as { packets: unknown[]; lines: unknown[] };
      assert.equal(report.packets.length, 100_000);
      assert.equal(report.lines.length, 100_000);
    }
    assert.equal(piped.stdout, fromFile.stdout.replace(JSON.stringify(file), '"<stdin>"'));
    assert.deepEqual(fs.readdirSync(tmpdir), []);
  });

  test('piped in with no temporary folder to copy it to, the text is read whole', () => {
    const text = fs.readFileSync(sample, 'utf8');
    const r = runCli(['--format', 'json', '-'], {
      input: text,
      tmpdir: path.join(os.tmpdir(), 'tl-no-such-folder', 'x'),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, wholeJson(text, '<stdin>'));
  });
});
