import * as assert from 'node:assert/strict';
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
suite('agreement with tshark on the same captures', () => {
  const sources = comparisonSources();

  test(`repository captures, every rendering (${sources.filter((s) => !s.name.startsWith('corpus/')).length} files)`, () => {
    const fixtures = sources.filter((s) => !s.name.startsWith('corpus/'));
    assert.ok(fixtures.length >= 50);
    const result = runAgreement(fixtures);
    assert.ok(result.comparedFrames > 500);
    assert.deepEqual(result.disagreements, []);
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
