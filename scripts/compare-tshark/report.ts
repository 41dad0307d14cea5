// Prints, per Wireshark flag, how often tcpdump-lens agrees with tshark on the same captures:
// the repository's loopback fixtures (every rendering) and tcpdump's regression corpus.
// Usage: npm run compare:tshark [-- --list] (regenerate tshark's side first with
// scripts/compare-tshark/generate-expected.sh when the captures change).
import {
  WIRESHARK_FLAGS,
  comparisonSources,
  precision,
  recall,
  runAgreement,
} from '../../test/support/tsharkAgreement';

const pct = (v: number | null) => (v === null ? '    -' : `${(v * 100).toFixed(1).padStart(5)}%`);

const sources = comparisonSources();
const all = runAgreement(sources);
const fixtures = runAgreement(sources.filter((s) => !s.name.startsWith('corpus/')));
const corpus = runAgreement(sources.filter((s) => s.name.startsWith('corpus/')));

console.log(`Agreement with ${sources[0]?.expected.tshark ?? 'tshark'}`);
console.log(
  `${sources.length} text renderings, ${all.comparedFrames} TCP packets compared, ${all.uncomparableFrames} tshark TCP frames without an analysable TCP header in the text\n`,
);
console.log(
  'flag                      tshark  ours  both   precision  recall   (fixtures: P / R)   (corpus: P / R)',
);
for (const flag of WIRESHARK_FLAGS) {
  const t = all.tally[flag];
  const f = fixtures.tally[flag];
  const c = corpus.tally[flag];
  console.log(
    `${flag.padEnd(24)} ${String(t.truePositive + t.falseNegative).padStart(7)} ${String(t.truePositive + t.falsePositive).padStart(5)} ${String(t.truePositive).padStart(5)}   ${pct(precision(t))}    ${pct(recall(t))}   ${pct(precision(f))} / ${pct(recall(f))}   ${pct(precision(c))} / ${pct(recall(c))}`,
  );
}
if (process.argv.includes('--list')) {
  console.log('\nDisagreements:');
  for (const d of all.disagreements)
    console.log(`  ${d.kind.padEnd(8)} ${d.flag.padEnd(24)} ${d.source} frame ${d.frame}`);
}
