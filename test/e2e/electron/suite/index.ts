/**
 * Entry point of the extension-host suites (bundled by ../bundle.ts). @vscode/test-electron calls
 * run(); the code-server tier (test/e2e/extension-host.test.ts) calls runAndReport() from a small
 * runner extension. Both print with the repository's reporter, which ends with
 * `N passed, N failed, N skipped`.
 */
import * as fs from 'node:fs';
import Mocha from 'mocha';
import SummaryReporter from '../../../support/reporter';

export interface SuiteResults {
  passed: string[];
  failed: Array<{ title: string; error: string }>;
  skipped: string[];
}

function runSuites(): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: true, reporter: SummaryReporter });
  // The suites are bundled into this file: give them mocha's globals (suite, test…) before they
  // load, as mocha does for the files it requires itself.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./editor.suite');
  const results: SuiteResults = { passed: [], failed: [], skipped: [] };
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(results));
    const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
    runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => results.passed.push(t.fullTitle()));
    runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => results.skipped.push(t.fullTitle()));
    runner.on(EVENT_TEST_FAIL, (t: Mocha.Runnable, error: unknown) =>
      results.failed.push({
        title: t.fullTitle(),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
    );
  });
}

/** For @vscode/test-electron: rejects when a test fails. */
export async function run(): Promise<void> {
  const results = await runSuites();
  if (results.failed.length > 0) throw new Error(`${results.failed.length} test(s) failed`);
}

/** For the code-server runner extension: writes the results as JSON to `file`. */
export async function runAndReport(file: string): Promise<void> {
  let results: SuiteResults;
  try {
    results = await runSuites();
  } catch (error) {
    results = {
      passed: [],
      failed: [{ title: '(suite load)', error: String(error) }],
      skipped: [],
    };
  }
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
