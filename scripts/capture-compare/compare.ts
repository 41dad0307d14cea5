// Report: how close the capture renderer comes to `tcpdump -nn -r`, per file and in total.
//
//   npx tsx scripts/capture-compare/compare.ts              # both sets, first 3 differences per file
//   npx tsx scripts/capture-compare/compare.ts --diffs 20   # more differences per file
//   npx tsx scripts/capture-compare/compare.ts --all        # list every file, not just imperfect ones
//
// Expected text: the repository's test/baseline/fixtures/*/n.tcpdump and, for tcpdump's own
// regression captures in ../shared, test/capture/expected/*.tcpdump (made by
// render-expected.sh). Lines are aligned before comparing (see compareLib.ts).

import {
  compareFile,
  corpusSet,
  repoSet,
  type ComparisonSet,
  type FileComparison,
} from './compareLib';

const args = process.argv.slice(2);
const diffIndex = args.indexOf('--diffs');
const maxDiffs = diffIndex >= 0 ? Number(args[diffIndex + 1] ?? '3') : 3;
const listAll = args.includes('--all');

const pct = (a: number, b: number): string =>
  b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`;
const clip = (s: string): string => (s.length > 220 ? `${s.slice(0, 220)}…` : s);

function report(set: ComparisonSet): FileComparison[] {
  console.log(`\n== ${set.name}: ${set.files.length} files`);
  console.log('   TCP lines matching   other lines matching   file');
  const results = set.files.map((f) => compareFile(f.name, f.capture, f.expected));
  for (const r of results) {
    const perfect =
      r.tcpMatched === r.tcpTotal && r.otherMatched === r.otherTotal && r.extraLines === 0;
    if (perfect && !listAll) continue;
    console.log(
      `   ${`${r.tcpMatched}/${r.tcpTotal}`.padStart(9)} ${pct(r.tcpMatched, r.tcpTotal)}   ` +
        `${`${r.otherMatched}/${r.otherTotal}`.padStart(9)} ${pct(r.otherMatched, r.otherTotal)}     ${r.name}` +
        (r.extraLines ? ` (+${r.extraLines} extra rendered lines)` : '') +
        (r.readError ? ` [read error at ${r.readError.offset}: ${r.readError.message}]` : ''),
    );
    for (const d of r.differences.slice(0, maxDiffs)) {
      console.log(`       line ${d.line}${d.tcp ? ' (TCP)' : ''}`);
      console.log(`         tcpdump: ${clip(d.expected)}`);
      console.log(`         capture: ${d.actual === null ? '(nothing)' : clip(d.actual)}`);
    }
  }
  const sum = (k: keyof FileComparison): number =>
    results.reduce((n, r) => n + (r[k] as number), 0);
  const perfectFiles = results.filter(
    (r) => r.differences.length === 0 && r.extraLines === 0,
  ).length;
  console.log(
    `   total: TCP ${sum('tcpMatched')}/${sum('tcpTotal')} (${pct(sum('tcpMatched'), sum('tcpTotal')).trim()}), ` +
      `other ${sum('otherMatched')}/${sum('otherTotal')} (${pct(sum('otherMatched'), sum('otherTotal')).trim()}), ` +
      `${perfectFiles}/${results.length} files identical`,
  );
  if (set.skipped.length) {
    console.log(`   skipped (no expected text): ${set.skipped.join(', ')}`);
  }
  return results;
}

report(repoSet());
const corpus = corpusSet();
if (corpus) report(corpus);
else
  console.log(
    '\n== tcpdump regression corpus: ../shared/corpus/tcpdump-tests/pcap not found, skipped',
  );
