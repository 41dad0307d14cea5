import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { filesBelow, repoRoot, sharedCorpus, sharedCorpusPresent } from '../support/paths';
import { oracleTcpLine } from './tcpLineOracle';

interface CorpusFileResult {
  file: string;
  lines: number;
  tcpLinesExpected: number;
  missed: string[];
}

/** Runs the analysis over one file and checks every oracle TCP line became a TCP packet header. */
function checkFile(file: string): CorpusFileResult {
  const text = fs.readFileSync(file, 'utf8');
  const lines = splitLines(text);
  const analysis = analyze(text);
  assert.equal(analysis.lines.length, lines.length, `${file}: every line has a record`);
  analysis.lines.forEach((l, i) => assert.equal(l.line, i, `${file}: line records are in order`));
  const headerLines = new Map(
    analysis.packets.filter((p) => p.protocol === 'tcp').map((p) => [p.headerLine, p]),
  );
  const missed: string[] = [];
  let expected = 0;
  lines.forEach((line, i) => {
    const oracle = oracleTcpLine(line);
    if (!oracle) return;
    expected++;
    const packet = headerLines.get(i);
    if (!packet || packet.src?.port !== oracle.srcPort || packet.dst?.port !== oracle.dstPort) {
      missed.push(`${path.basename(file)}:${i + 1}: ${line.slice(0, 160)}`);
    }
  });
  return { file, lines: lines.length, tcpLinesExpected: expected, missed };
}

suite('corpus: every TCP line of real tcpdump output is parsed', () => {
  const ownFixtures = filesBelow(path.join(repoRoot, 'test', 'baseline', 'fixtures'), '.tcpdump');

  test(`repository fixtures (${ownFixtures.length} files)`, () => {
    assert.ok(ownFixtures.length > 0, 'the repository carries its own fixtures');
    const results = ownFixtures.map(checkFile);
    const missed = results.flatMap((r) => r.missed);
    assert.deepEqual(missed, []);
    assert.ok(results.reduce((n, r) => n + r.tcpLinesExpected, 0) > 0);
  });

  test('tcpdump regression corpus in ../shared (skipped when absent)', function () {
    if (!sharedCorpusPresent()) this.skip();
    const files = filesBelow(sharedCorpus, '.out');
    const results = files.map(checkFile);
    const expected = results.reduce((n, r) => n + r.tcpLinesExpected, 0);
    const missed = results.flatMap((r) => r.missed);
    const lines = results.reduce((n, r) => n + r.lines, 0);
    console.log(
      `      ${files.length} files, ${lines} lines, ${expected} TCP lines, ${missed.length} missed`,
    );
    assert.deepEqual(missed, []);
    assert.ok(expected > 2000, 'the corpus holds thousands of TCP lines');
  });
});

suite('corpus: the command-line tool over every corpus file', () => {
  test('exit 0 and one JSON packet per TCP line (skipped when ../shared is absent)', function () {
    if (!sharedCorpusPresent()) this.skip();
    this.timeout(300_000);
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    let files = 0;
    let tcpPackets = 0;
    let crashes = 0;
    for (const file of filesBelow(sharedCorpus, '.out')) {
      const r = spawnSync(process.execPath, [cli, '--format', 'json', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      files++;
      if (r.status !== 0) {
        crashes++;
        console.log(`      ${path.basename(file)}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
        continue;
      }
      const doc = JSON.parse(r.stdout) as {
        packets: Array<{ protocol: string; flags: string | null }>;
      };
      const expected = splitLines(fs.readFileSync(file, 'utf8')).filter((l) =>
        oracleTcpLine(l),
      ).length;
      const withFlags = doc.packets.filter((p) => p.protocol === 'tcp' && p.flags !== null).length;
      assert.ok(
        withFlags >= expected,
        `${path.basename(file)}: ${withFlags} TCP packets with flags, ${expected} TCP lines`,
      );
      tcpPackets += withFlags;
    }
    console.log(
      `      ${files} files through the CLI, ${tcpPackets} TCP packets, ${crashes} non-zero exits`,
    );
    assert.equal(crashes, 0);
  });
});
