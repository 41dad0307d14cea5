import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

/**
 * Compares `actual` with the expected file. `UPDATE_BASELINES=1` rewrites it; a missing file is
 * created on a developer machine; under CI nothing is ever written and a missing file fails.
 */
export function assertBaseline(expectedFile: string, actual: string): void {
  const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';
  const update = process.env['UPDATE_BASELINES'] === '1' && !ci;
  if (update || (!fs.existsSync(expectedFile) && !ci)) {
    fs.writeFileSync(expectedFile, actual);
    return;
  }
  assert.ok(
    fs.existsSync(expectedFile),
    `missing baseline ${expectedFile} (run UPDATE_BASELINES=1 npm run test:baseline locally)`,
  );
  const expected = fs.readFileSync(expectedFile, 'utf8');
  assert.equal(
    actual,
    expected,
    `baseline differs: ${expectedFile} (UPDATE_BASELINES=1 rewrites it)`,
  );
}
