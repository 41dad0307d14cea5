import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, createAnalysisStream, STREAM_UNRECOGNISED_KEPT } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { connectionOverview } from '../../server/src/analysis/track/overview';
import { filesBelow, repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

function streamed(text: string) {
  const stream = createAnalysisStream();
  for (const line of splitLines(text)) stream.push(line);
  return stream.finish();
}

suite('analysis stream: a document fed line by line', () => {
  for (const file of filesBelow(fixturesDir, '.tcpdump')) {
    test(`same connections (their overview) and findings as the whole-text analysis: ${path.relative(fixturesDir, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const whole = analyze(text);
      const s = streamed(text);
      assert.deepEqual(s.connections, whole.connections.map(connectionOverview));
      assert.deepEqual(s.findings, whole.findings);
      assert.equal(s.lineCount, whole.lines.length);
      assert.equal(s.packetCount, whole.packets.length);
      assert.equal(s.tcpPacketCount, whole.tcp.length);
      assert.deepEqual(
        Array.from(s.packetLines.subarray(1)),
        whole.packets.map((p) => p.line),
      );
      const unrecognised = whole.lines.filter((l) => l.kind === 'unrecognised');
      assert.equal(s.unrecognisedCount, unrecognised.length);
      assert.deepEqual(s.unrecognised, unrecognised.slice(0, STREAM_UNRECOGNISED_KEPT));
      assert.equal(s.error, null);
    });
  }

  test('keeps the first unrecognised lines and counts them all', () => {
    const lines = Array.from({ length: STREAM_UNRECOGNISED_KEPT + 25 }, (_, i) => `garbage ${i}`);
    const s = streamed(lines.join('\n'));
    assert.equal(s.unrecognisedCount, lines.length);
    assert.equal(s.unrecognised.length, STREAM_UNRECOGNISED_KEPT);
    assert.equal(s.unrecognised[0]!.line, 0);
    assert.equal(s.unrecognised.at(-1)!.line, STREAM_UNRECOGNISED_KEPT - 1);
    assert.deepEqual(s.connections, []);
  });
});
