// Bugs the fuzzer found that are not fixed yet. A failure that matches one is reported as known and does
// not fail the run (unless --strict); its regression file is skipped by the regression test
// (unless FUZZ_STRICT=1). Remove the entry when the bug is fixed: the regression file then runs.
import type { Failure } from './properties';

export interface KnownIssue {
  id: string;
  /** Where the bug is, and what is wrong, in one sentence. */
  summary: string;
  /**
   * Regression inputs (in test/fuzz/regressions/, named without their extension) that reproduce
   * it. The runner writes a missing one the first time it meets the issue.
   */
  regressions: string[];
  /** Does a failure of this mutator or scale case look like this issue? */
  matches(mutator: string, failure: Failure): boolean;
}

export const knownIssues: KnownIssue[] = [
  {
    id: 'analysis-memory',
    summary:
      'analysis of 1,000,000 distinct connections (103 MB of text) needs ~7 GB of heap: with ' +
      'the default heap of a plain node process (4.3 GB here) it dies "JavaScript heap out of ' +
      'memory" (the CLI and the language server too); reproduced by the scale case, no file',
    regressions: [],
    matches: (mutator, f) => mutator === 'scale:distinct-connections' && f.kind === 'out-of-memory',
  },
];

export function knownIssueOf(mutator: string, failure: Failure): KnownIssue | null {
  return knownIssues.find((k) => k.matches(mutator, failure)) ?? null;
}
