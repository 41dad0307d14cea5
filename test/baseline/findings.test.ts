import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

interface Expected {
  description: string;
  expectedFindings?: Array<{ code: string; packet: number }>;
}

/** Every finding a scenario is there to demonstrate is found, on the packet it belongs to. */
suite('findings: each one demonstrated by a real capture', () => {
  for (const scenario of fs.readdirSync(fixturesDir).sort()) {
    const specFile = path.join(fixturesDir, scenario, 'scenario.json');
    if (!fs.existsSync(specFile)) continue;
    const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as Expected;
    if (!spec.expectedFindings || spec.expectedFindings.length === 0) continue;
    test(`${scenario}: ${spec.expectedFindings.map((f) => `${f.code}@${f.packet}`).join(', ')}`, () => {
      for (const variant of fs
        .readdirSync(path.join(fixturesDir, scenario))
        .filter((f) => f.endsWith('.tcpdump') && f !== 'q.tcpdump')) {
        const found = analyze(
          fs.readFileSync(path.join(fixturesDir, scenario, variant), 'utf8'),
        ).findings.map((f) => `${f.code}@${f.packet}`);
        for (const f of spec.expectedFindings!) {
          assert.ok(
            found.includes(`${f.code}@${f.packet}`),
            `${variant}: ${f.code}@${f.packet} not in ${found.join(' ')}`,
          );
        }
      }
    });
  }
});
