import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { eventually, fixturesDir, useSession } from './harness';

const sample = path.resolve(fixturesDir, '..', '..', '..', 'samples', 'http-session.tcpdump');

/** PIDs of the language servers started by the extension installed in `extensionsDir`. */
function serverPids(extensionsDir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`${extensionsDir}/`) && l.includes('dist/server.js'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

suite('e2e: resilience and detection', () => {
  const session = useSession({
    name: 'robustness',
    files: [
      { from: sample, as: 'sample.tcpdump' },
      // A log saved as .txt, as it comes from a ticket.
      { from: sample, as: 'from-ticket.txt' },
    ],
    settings: { 'editor.minimap.enabled': false },
  });

  test('a .txt file holding tcpdump output is recognised', async () => {
    const s = session();
    await s.openFile('from-ticket.txt');
    assert.equal(
      await eventually(
        () => s.languageModeText(),
        (t) => t === 'tcpdump',
        { message: 'the .txt switched to the tcpdump language' },
      ),
      'tcpdump',
    );
  });

  test('if the language server dies, it is restarted and hovers come back', async () => {
    const s = session();
    await s.openFile('sample.tcpdump');
    await eventually(
      () => s.hoverOnText(2, 'Flags [S.]'),
      (t) => t.includes('Handshake step 2/3'),
      { message: 'a hover before' },
    );
    const before = await eventually(
      () => Promise.resolve(serverPids(s.extensionsDir)),
      (p) => p.length === 1,
      { message: 'one language server running' },
    );
    process.kill(before[0]!, 'SIGKILL');
    const after = await eventually(
      () => Promise.resolve(serverPids(s.extensionsDir)),
      (p) => p.length === 1 && p[0] !== before[0],
      { timeout: 30_000, message: 'a new language server' },
    );
    assert.notEqual(after[0], before[0]);
    const text = await eventually(
      () => s.hoverOnText(2, 'Flags [S.]'),
      (t) => t.includes('Handshake step 2/3'),
      { timeout: 30_000, message: 'the hover after the restart' },
    );
    assert.match(text, /SYN\+ACK/);
  });
});

suite('e2e: untrusted workspace', () => {
  const session = useSession({
    name: 'untrusted',
    trusted: false,
    files: [
      { from: sample, as: 'sample.tcpdump' },
      // A repository trying to choose the program live capture runs: machine-scoped, so ignored.
      {
        name: '.vscode/settings.json',
        text: JSON.stringify({ 'tcpdumpLens.tcpdumpPath': '/tmp/not-tcpdump' }),
      },
    ],
  });

  test('analysis works, live capture is refused', async () => {
    const s = session();
    await s.openFile('sample.tcpdump');
    await eventually(
      () => s.inlayHintTexts(),
      (h) => h.length > 0,
      { message: 'annotations in an untrusted workspace' },
    );
    await s.runCommand('tcpdump Lens: Start Live Capture…');
    const toast = s.page.locator('.notifications-toasts', { hasText: 'untrusted workspace' });
    await toast.waitFor({ timeout: 15_000 });
    assert.match(
      await toast.innerText(),
      /live capture runs tcpdump, which is disabled in an untrusted workspace/,
    );
    await s.screenshot('untrusted-live-capture-refused');
  });
});
