import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startsAfresh } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { planParts, readPartOnThread } from '../../server/src/cli/parts';
import { assertCliBuilt, fixturesDir, runCli, sample, streamedLogs } from '../support/cli';
import { repoRoot } from '../support/paths';
import { repeatWithShiftedPorts, tempFile } from '../support/streamedLogs';

const normalClose = path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump');

/** Every log the tests stream, one after another: many documents' lines in one file. */
function allLogs(): string {
  return streamedLogs()
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

suite('cli: a text file read in parts at once (--threads)', function () {
  this.timeout(120_000);
  suiteSetup(function () {
    assertCliBuilt();
  });

  for (const format of ['summary', 'text', 'json']) {
    test(`--format ${format}: the same output read in 1, 2 or 5 parts`, () => {
      const file = tempFile('all.tcpdump', allLogs());
      const outputs = ['1', '2', '5'].map((threads) => {
        const r = runCli(['--threads', threads, '--format', format, file]);
        assert.equal(r.code, 0, r.stderr);
        return r.stdout;
      });
      assert.ok(outputs[0]!.length > 1000);
      assert.equal(outputs[1], outputs[0]);
      assert.equal(outputs[2], outputs[0]);
    });
  }

  test('a log of many connections: the same summary in parts, and its counts', () => {
    const text = repeatWithShiftedPorts(fs.readFileSync(normalClose, 'utf8'), 60_000);
    const file = tempFile('many.tcpdump', text);
    const whole = runCli(['--threads', '1', '--stats', '--format', 'summary', file]);
    const parts = runCli(['--threads', '3', '--stats', '--format', 'summary', file]);
    assert.equal(parts.code, 0, parts.stderr);
    assert.equal(parts.stdout, whole.stdout);
    const counts = (stderr: string) => stderr.replace(/ in [\d.]+ s.*$/m, '');
    assert.equal(counts(parts.stderr), counts(whole.stderr));
    assert.match(parts.stderr, /60,0\d\d lines, 60,0\d\d packets, [\d,]{5} connections/);
  });

  test("a part that cannot be read fails with the file system's error, for the message it gets", async () => {
    const reading = readPartOnThread(
      path.join(repoRoot, 'dist', 'cli-part.js'),
      {
        path: path.join(repoRoot, 'no-such-file.tcpdump'),
        start: 100,
        end: 200,
        context: { timestamps: true, frameNumbers: false },
        keepNotes: false,
        last: true,
      },
      () => undefined,
    );
    await assert.rejects(reading.result, (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    reading.stop();
  });

  test('--threads takes a number from 1 to 64', () => {
    for (const bad of ['0', '65', 'two', '1.5']) {
      const r = runCli(['--threads', bad, sample]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--threads takes a number from 1 to 64/);
    }
    assert.equal(runCli(['--threads=3', '--format', 'summary', sample]).code, 0);
  });
});

suite('cli: where a text file is cut into parts', () => {
  test('each later part starts at a line that starts afresh, after the first packet line', async () => {
    const text = repeatWithShiftedPorts(fs.readFileSync(normalClose, 'utf8'), 5_000);
    const file = tempFile('cut.tcpdump', `reading from file x.pcap, link-type EN10MB\n${text}`);
    const size = fs.statSync(file).size;
    const plan = await planParts(file, size, 4);
    assert.ok(plan);
    assert.equal(plan.starts.length, 4);
    assert.equal(plan.starts[0], 0);
    const bytes = fs.readFileSync(file);
    for (const start of plan.starts.slice(1)) {
      assert.equal(bytes[start - 1], 0x0a, 'a part starts after a line end');
      const line = splitLines(bytes.subarray(start, start + 400).toString('utf8'))[0]!;
      assert.ok(startsAfresh(line, plan.context), line);
      assert.ok(start > Math.floor(size / 4) - 1);
    }
    assert.deepEqual(
      plan.starts,
      [...plan.starts].sort((a, b) => a - b),
    );
  });

  test('a file without a packet line near its start, or asked for one part, is read whole', async () => {
    const noise = tempFile('noise.txt', 'not tcpdump output\n'.repeat(10_000));
    assert.equal(await planParts(noise, fs.statSync(noise).size, 2), null);
    assert.equal(await planParts(sample, fs.statSync(sample).size, 1), null);
  });

  test('a file too short to cut gives fewer parts, each still at a line start', async () => {
    const file = tempFile(
      'short.tcpdump',
      splitLines(fs.readFileSync(sample, 'utf8')).slice(0, 3).join('\n'),
    );
    const plan = await planParts(file, fs.statSync(file).size, 8);
    assert.ok(plan === null || plan.starts.length <= 3);
  });
});
