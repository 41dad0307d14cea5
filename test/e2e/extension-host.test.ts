import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleExtensionHostSuite } from './electron/bundle';
import type { SuiteResults } from './electron/suite/index';
import { eventually, fixturesDir, useSession } from './harness';

/**
 * The extension-host suites of test/e2e/electron/ (the API checks @vscode/test-electron runs on
 * machines that can download VS Code), run here inside code-server's extension host: code-server
 * refuses --extensionTestsPath, so a small runner extension loads the bundled suites at startup
 * and writes their results to a file.
 */
suite('e2e: the extension-host API suite, inside code-server', () => {
  let resultsFile = '';
  let bundle = '';

  suiteSetup(async () => {
    resultsFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'tcpdump-lens-e2e-host-')),
      'results.json',
    );
    bundle = await bundleExtensionHostSuite();
  });

  const session = useSession(() => ({
    name: 'extension-host',
    files: [
      { from: path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), as: 'normal.tcpdump' },
    ],
    extraExtensions: [
      {
        manifest: {
          publisher: 'tcpdump-lens-e2e',
          name: 'suite-runner',
          version: '0.0.1',
          engines: { vscode: '^1.100.0' },
          main: './extension.js',
          activationEvents: ['onStartupFinished'],
        },
        files: {
          'extension.js': [
            `exports.activate = () => {`,
            `  require(${JSON.stringify(bundle)}).runAndReport(${JSON.stringify(resultsFile)});`,
            `};`,
          ].join('\n'),
        },
      },
    ],
  }));

  suiteTeardown(() => {
    if (resultsFile) fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  });

  test('every extension-host test passes', async () => {
    session();
    const results = await eventually(
      () =>
        fs.existsSync(resultsFile)
          ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults)
          : undefined,
      (r) => r !== undefined,
      { timeout: 120_000, message: 'the extension-host suites did not report' },
    );
    assert.ok(results);
    if (results.failed.length > 0)
      assert.fail(
        `${results.failed.length} extension-host test(s) failed:\n\n` +
          results.failed.map((f) => `${f.title}\n${f.error}`).join('\n\n'),
      );
    assert.ok(results.passed.length >= 2, JSON.stringify(results));
  });
});
