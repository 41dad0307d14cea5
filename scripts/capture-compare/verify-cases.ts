// Checks the hand-made cases of test/capture/cases.ts against the real tcpdump: writes each
// capture to a temporary file, runs `TZ=… tcpdump -nn FLAGS -r FILE`, and compares its output
// with the case's `expected` lines and with the renderer's output.
//
//   npx tsx scripts/capture-compare/verify-cases.ts          # needs tcpdump (4.99.3 expected)
//
// Exit status 1 when tcpdump disagrees with a case.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCapture, renderTcpdumpText } from '../../server/src/capture';
import { CASES } from '../../test/capture/cases';
import { splitOutput } from './compareLib';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-cases-'));
let failures = 0;
CASES.forEach((c, i) => {
  const file = path.join(dir, `case-${i}.pcap`);
  fs.writeFileSync(file, c.file);
  const run = spawnSync('tcpdump', ['-nn', ...c.flags, '-r', file], {
    env: { ...process.env, TZ: c.tz },
    encoding: 'latin1',
  });
  const tcpdump = splitOutput(run.stdout ?? '');
  const ours = renderTcpdumpText(readCapture(c.file), { timeZone: c.tz, ...c.options });
  const same = (a: string[], b: string[]): boolean =>
    a.length === b.length && a.every((l, k) => l === b[k]);
  const okExpected = same(tcpdump, c.expected);
  const okOurs = same(tcpdump, ours);
  console.log(`${okExpected && okOurs ? 'ok  ' : 'FAIL'} ${c.name}`);
  if (!okExpected) {
    failures++;
    console.log('  tcpdump printed:');
    for (const l of tcpdump) console.log(`    ${JSON.stringify(l)},`);
    if (run.stderr) console.log(`  stderr: ${run.stderr.trim()}`);
  }
  if (!okOurs) {
    console.log('  renderer printed:');
    for (const l of ours) console.log(`    ${JSON.stringify(l)},`);
  }
});
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failures ? 1 : 0;
