import * as fs from 'node:fs';
import Mocha from 'mocha';

/**
 * The spec reporter, plus a closing `N passed, N failed, N skipped` line. When
 * TCPDUMP_LENS_TEST_TALLY names a file, the counts are also appended there so a script that runs
 * several tiers can print one total.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
      const tally = process.env['TCPDUMP_LENS_TEST_TALLY'];
      if (tally) fs.appendFileSync(tally, `${passes} ${failures} ${pending}\n`);
    });
  }
}

export = SummaryReporter;
