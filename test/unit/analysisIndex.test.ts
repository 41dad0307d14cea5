import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { indexAnalysis } from '../../server/src/explain/analysisIndex';
import { filesBelow, repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');
const scaled = filesBelow(fixturesDir, '.tcpdump').filter((f) =>
  fs.readFileSync(f, 'latin1').includes('wscale'),
);

suite('analysis index: a connection read in place agrees with every connection gathered', () => {
  test('the fixtures include window-scaled connections', () => {
    assert.ok(scaled.length >= 5, `only ${scaled.length} fixtures print wscale`);
  });

  for (const file of scaled) {
    test(path.relative(fixturesDir, file), () => {
      const analysis = analyze(fs.readFileSync(file, 'latin1'));
      // Limit 0 gathers every connection's packets first; an unbounded one never does.
      const gathered = indexAnalysis(analysis, 0);
      const inPlace = indexAnalysis(analysis, Number.POSITIVE_INFINITY);
      for (const c of analysis.connections) {
        for (const role of ['client', 'server'] as const) {
          assert.equal(
            inPlace.windowShift(c.id, role),
            gathered.windowShift(c.id, role),
            `connection ${c.id}, ${role}`,
          );
        }
      }
    });
  }

  test('window shifts need both SYNs to carry the option (RFC 7323)', () => {
    const text = [
      '12:00:00.000000 IP 10.0.0.9.5000 > 10.0.0.2.80: Flags [S], seq 1, win 100, options [mss 1460,wscale 7], length 0',
      '12:00:00.000100 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,wscale 7], length 0',
      '12:00:00.000200 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,wscale 9], length 0',
      '12:00:00.000300 IP 10.0.0.2.80 > 10.0.0.9.5000: Flags [S.], seq 9, ack 2, win 65160, options [mss 1460], length 0',
    ].join('\n');
    const analysis = analyze(text);
    for (const limit of [0, Number.POSITIVE_INFINITY]) {
      const index = indexAnalysis(analysis, limit);
      const scaledConnection = analysis.connections.find((c) => c.client.startsWith('10.0.0.1'))!;
      const unscaled = analysis.connections.find((c) => c.client.startsWith('10.0.0.9'))!;
      assert.equal(index.windowShift(scaledConnection.id, 'client'), 7);
      assert.equal(index.windowShift(scaledConnection.id, 'server'), 9);
      assert.equal(index.windowShift(unscaled.id, 'client'), 0);
      assert.equal(index.windowShift(unscaled.id, 'server'), 0);
    }
  });
});
