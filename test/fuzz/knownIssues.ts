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

// Empty: the last one (a million distinct connections ran out of heap) is fixed; the
// scale:distinct-connections case checks it in the long run (`--scale full`).
export const knownIssues: KnownIssue[] = [];

export function knownIssueOf(mutator: string, failure: Failure): KnownIssue | null {
  return knownIssues.find((k) => k.matches(mutator, failure)) ?? null;
}
