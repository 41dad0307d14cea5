import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import type { Disagreement } from '../support/tsharkAgreement';
import {
  WIRESHARK_FLAGS,
  comparisonSources,
  precision,
  recall,
  runAgreement,
} from '../support/tsharkAgreement';

/**
 * Wireshark's expert flags for the same captures, recorded with tshark
 * (scripts/compare-tshark/generate-expected.sh), against what tcpdump-lens finds in every text
 * rendering of them. Target: at least 99 % precision and recall for every flag.
 */
interface KnownDifference {
  scenario: string;
  frame: number;
  flag: string;
  kind: 'extra' | 'missing';
  why: string;
}

const known = (
  JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'test', 'tshark', 'known-differences.json'), 'utf8'),
  ) as {
    differences: KnownDifference[];
  }
).differences;

const matches = (k: KnownDifference, d: Disagreement) =>
  d.source.startsWith(`${k.scenario}/`) &&
  d.frame === k.frame &&
  d.flag === k.flag &&
  d.kind === k.kind;

suite('agreement with tshark on the same captures', () => {
  const sources = comparisonSources();

  test(`repository captures, every rendering (${sources.filter((s) => !s.name.startsWith('corpus/')).length} files)`, () => {
    const fixtures = sources.filter((s) => !s.name.startsWith('corpus/'));
    assert.ok(fixtures.length >= 50);
    const result = runAgreement(fixtures);
    assert.ok(result.comparedFrames > 500);
    const unexplained = result.disagreements.filter((d) => !known.some((k) => matches(k, d)));
    assert.deepEqual(unexplained, [], 'disagreements not in test/tshark/known-differences.json');
    const stale = known.filter((k) => !result.disagreements.some((d) => matches(k, d)));
    assert.deepEqual(stale, [], 'known differences that no longer occur');
  });

  test('tcpdump regression corpus, against its own pcaps (skipped when ../shared is absent)', function () {
    const corpus = sources.filter((s) => s.name.startsWith('corpus/'));
    if (corpus.length === 0) this.skip();
    const result = runAgreement(corpus);
    for (const flag of WIRESHARK_FLAGS) {
      const t = result.tally[flag];
      const p = precision(t);
      const r = recall(t);
      assert.ok(p === null || p >= 0.99, `${flag}: precision ${p}`);
      assert.ok(r === null || r >= 0.99, `${flag}: recall ${r}`);
    }
    console.log(
      `      ${corpus.length} corpus renderings, ${result.comparedFrames} TCP packets, ${result.disagreements.length} disagreements`,
    );
  });
});
