import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { eventually, fixturesDir, useSession } from './harness';

const pcapDir = path.resolve(fixturesDir, '..', 'pcap');

function tcpdumpAvailable(): boolean {
  try {
    execFileSync('tcpdump', ['--version'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

/** tcpdump processes running a live capture with this filter port. */
function liveTcpdumps(port: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes('tcpdump -l -nn') && l.includes(String(port)));
}

suite('e2e: capture files and live capture', () => {
  const session = useSession({
    name: 'captures',
    files: [
      { from: path.join(pcapDir, 'normal-3way-close.pcap'), as: 'capture.pcap' },
      // The program live capture runs is a machine setting: a workspace cannot point it elsewhere.
      {
        name: '.vscode/settings.json',
        text: JSON.stringify({ 'tcpdumpLens.tcpdumpPath': '/tmp/not-tcpdump' }),
      },
    ],
    settings: { 'editor.minimap.enabled': false, 'editor.fontSize': 11 },
    viewport: { width: 1920, height: 1000 },
  });

  test('opening a .pcap shows it as annotated tcpdump text', async () => {
    const s = session();
    await s.openFile('capture.pcap');
    await eventually(
      () => s.languageModeText(),
      (t) => t === 'tcpdump',
      { message: 'the capture opened as a tcpdump document' },
    );
    const hints = await eventually(
      () => s.inlayHintTexts(),
      (h) => h.length >= 10,
      { message: 'annotations on the 10 packets of the capture' },
    );
    assert.equal(hints[0], '⟨handshake 1/3⟩ client SYN_SENT · server SYN_RCVD');
    assert.equal(hints[9], '⟨close 3/3⟩ client TIME_WAIT · server CLOSED');
    await s.screenshot('captures-pcap-as-text');
  });

  test('a live capture on loopback shows a new connection as it happens, and stops', async function () {
    if (!tcpdumpAvailable()) this.skip();
    const s = session();
    const port = 47_998;
    await s.runCommand('tcpdump Lens: Start Live Capture…', 'asks-more');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('lo');
    await s.page.keyboard.press('Enter');
    await input.waitFor();
    await input.fill(`tcp port ${port}`);
    await s.page.keyboard.press('Enter');
    await s.page
      .locator('.tabs-container .tab.active', { hasText: 'live-' })
      .waitFor({ timeout: 15_000 });
    // The workspace's tcpdumpPath (/tmp/not-tcpdump) was ignored: the real tcpdump runs.
    assert.equal(
      await s.page.locator('.notifications-toasts', { hasText: 'not-tcpdump' }).count(),
      0,
    );
    await eventually(
      () => Promise.resolve(liveTcpdumps(port).length),
      (n) => n === 1,
      { message: 'tcpdump running' },
    );

    // A real connection on loopback while the capture runs.
    const server = net.createServer((socket) => socket.end('hello\n'));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve, reject) => {
      const client = net.connect(port, '127.0.0.1', () => client.write('hi\n'));
      client.on('data', () => client.end());
      client.on('close', () => resolve());
      client.on('error', reject);
    });
    server.close();

    const hints = await eventually(
      () => s.inlayHintTexts(),
      (h) => h.some((t) => t.startsWith('⟨handshake 3/3⟩')),
      { timeout: 15_000, message: 'the handshake annotated in the live document' },
    );
    assert.equal(hints[0], '⟨handshake 1/3⟩ client SYN_SENT · server SYN_RCVD');
    await s.screenshot('captures-live');
    await s.runCommand('tcpdump Lens: Stop Live Capture');
    await eventually(
      () => Promise.resolve(liveTcpdumps(port).length),
      (n) => n === 0,
      { message: 'tcpdump stopped' },
    );
  });
});
