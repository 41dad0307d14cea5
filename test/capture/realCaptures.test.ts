// Real captures, compared line by line with what tcpdump 4.99.3 printed for them:
// - the repository's loopback captures (test/baseline/pcap) against every committed render of
//   a flag set the renderer supports (n, S, tt, ttt, tttt, ttttt): every TCP line must match;
// - tcpdump's own regression captures (../shared/corpus/tcpdump-tests/pcap, skipped when
//   absent) against test/capture/expected/*.tcpdump: at least 95 % of TCP lines must match.
// The test never runs tcpdump; scripts/capture-compare/render-expected.sh made the expected text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  readCapture,
  readingFromFileLine,
  renderTcpdumpText,
  type RenderOptions,
} from '../../server/src/capture';
import {
  compareLines,
  corpusSet,
  repoFixtureDir,
  repoSet,
  splitOutput,
  type FileComparison,
} from '../../scripts/capture-compare/compareLib';

const VARIANTS: Record<string, RenderOptions> = {
  n: {},
  nn: {},
  S: { absoluteSequence: true },
  t: { timestamps: 'none' },
  tt: { timestamps: 'epoch' },
  ttt: { timestamps: 'delta-previous' },
  tttt: { timestamps: 'date-time' },
  ttttt: { timestamps: 'delta-first' },
  nano: { nano: true },
  num: { packetNumbers: true },
};

function summary(results: FileComparison[]): string {
  return results
    .filter((r) => r.differences.some((d) => d.tcp))
    .map((r) => {
      const d = r.differences.find((x) => x.tcp)!;
      return `${r.name}: ${r.tcpMatched}/${r.tcpTotal}\n  tcpdump: ${d.expected}\n  capture: ${d.actual ?? '(nothing)'}`;
    })
    .join('\n');
}

suite('capture: real captures render like tcpdump -nn -r', () => {
  test('repository loopback captures: every TCP line, every supported flag set', () => {
    const set = repoSet();
    assert.ok(set.files.length > 0, 'test/baseline/pcap has captures');
    const results: FileComparison[] = [];
    for (const f of set.files) {
      const capture = readCapture(new Uint8Array(fs.readFileSync(f.capture)));
      assert.equal(capture.error, null, f.name);
      const dir = path.join(repoFixtureDir, f.name.replace(/\.pcap(ng)?$/, ''));
      for (const [variant, options] of Object.entries(VARIANTS)) {
        const expectedFile = path.join(dir, `${variant}.tcpdump`);
        if (!fs.existsSync(expectedFile)) continue;
        const expected = splitOutput(fs.readFileSync(expectedFile, 'latin1'));
        const actual = renderTcpdumpText(capture, { timeZone: 'UTC', ...options });
        results.push(compareLines(`${f.name} (${variant})`, expected, actual));
      }
    }
    const tcp = results.reduce((n, r) => n + r.tcpTotal, 0);
    assert.ok(tcp > 250, `${tcp} TCP lines compared`);
    assert.equal(summary(results), '');
    for (const r of results) assert.equal(r.differences.length + r.extraLines, 0, r.name);
  });

  test('the "reading from file" banner (with-banner fixture: banner then the -n lines)', () => {
    const dir = path.join(repoFixtureDir, 'normal-3way-close');
    const expected = splitOutput(fs.readFileSync(path.join(dir, 'with-banner.tcpdump'), 'latin1'));
    const file = path.join(repoFixtureDir, '..', 'pcap', 'normal-3way-close.pcap');
    const capture = readCapture(new Uint8Array(fs.readFileSync(file)));
    const actual = [
      readingFromFileLine('normal-3way-close.pcap', capture.interfaces)!,
      ...renderTcpdumpText(capture, { timeZone: 'UTC' }),
    ];
    assert.deepEqual(actual, expected);
  });

  test('tcpdump regression corpus in ../shared: at least 95 % of TCP lines (skipped when absent)', function () {
    const set = corpusSet();
    if (!set || set.files.length === 0) this.skip();
    const results: FileComparison[] = set.files.map((f) => {
      const capture = readCapture(new Uint8Array(fs.readFileSync(f.capture)));
      const expected = splitOutput(fs.readFileSync(f.expected, 'latin1'));
      return compareLines(f.name, expected, renderTcpdumpText(capture, { timeZone: 'UTC' }));
    });
    const matched = results.reduce((n, r) => n + r.tcpMatched, 0);
    const total = results.reduce((n, r) => n + r.tcpTotal, 0);
    const other = results.reduce((n, r) => n + r.otherMatched, 0);
    const otherTotal = results.reduce((n, r) => n + r.otherTotal, 0);
    console.log(
      `      ${results.length} files: TCP lines ${matched}/${total}, other lines ${other}/${otherTotal}`,
    );
    assert.ok(total > 1000, `${total} TCP lines compared`);
    assert.ok(matched / total >= 0.95, `${matched}/${total} TCP lines match\n${summary(results)}`);
  });
});
