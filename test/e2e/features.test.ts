import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { eventually, fixturesDir, useSession } from './harness';

const sample = path.resolve(fixturesDir, '..', '..', '..', 'samples', 'http-session.tcpdump');

const SETTINGS = {
  'editor.minimap.enabled': false,
  'editor.fontSize': 11,
};

/** Language features a user sees on a tcpdump log, in English. */
suite('e2e: hovers, diagnostics and lenses in VS Code', () => {
  const session = useSession({
    name: 'features',
    files: [
      { from: sample, as: 'sample.tcpdump' },
      { from: path.join(fixturesDir, 'refused', 'n.tcpdump'), as: 'refused.tcpdump' },
    ],
    settings: SETTINGS,
    viewport: { width: 1920, height: 1000 },
  });

  test('hovering the SYN-ACK flags explains the step and both states', async () => {
    const s = session();
    await s.openFile('sample.tcpdump');
    const text = await eventually(
      () => s.hoverOnText(2, 'Flags [S.]'),
      (t) => t.includes('Handshake step 2/3'),
      { message: 'the SYN-ACK hover' },
    );
    assert.match(text, /SYN\+ACK: the server accepts and sends its own SYN/);
    assert.match(
      text,
      /Handshake step 2\/3: the server acknowledges the client’s SYN \(ack = ISN\+1\)/,
    );
    assert.match(text, /client: received the SYN\+ACK that acknowledges its SYN → ESTABLISHED/);
    await s.screenshot('features-hover-syn-ack');
  });

  test('a refused connection is an error in the Problems panel', async () => {
    const s = session();
    await s.openFile('refused.tcpdump');
    const rows = await eventually(
      () => s.problems(),
      (r) => r.some((row) => row.includes('Connection refused')),
      { message: 'the refusal in the Problems panel' },
    );
    const row = rows.find((r) => r.includes('Connection refused'))!;
    assert.match(row, /The SYN was answered with RST/);
    assert.match(row, /ECONNREFUSED \(111\)/);
    assert.match(row, /tcpdump-lens/);
    await s.screenshot('features-problems-refused');
  });

  test('each connection has a CodeLens with its summary', async () => {
    const s = session();
    await s.openFile('sample.tcpdump');
    const lenses = await eventually(
      () => s.activeEditor().locator('.codelens-decoration').allInnerTexts(),
      (l) => l.length >= 3,
      { message: 'three connection lenses' },
    );
    assert.ok(
      lenses.some((l) => /127\.0\.0\.1\.56174 ⇄ 127\.0\.0\.1\.48081 · 2 packets · refused/.test(l)),
      lenses.join('\n'),
    );
    assert.ok(
      lenses.some((l) => /4-way close · client CLOSED, server TIME_WAIT · SF/.test(l)),
      lenses.join('\n'),
    );
    assert.ok(
      lenses.filter((l) => /Sequence diagram/.test(l)).length >= 3,
      `a diagram lens per connection:\n${lenses.join('\n')}`,
    );
    await s.screenshot('features-codelens');
  });

  test('the status bar counts connections, TCP packets and findings', async () => {
    const s = session();
    await s.openFile('sample.tcpdump');
    const item = s.page.locator('.statusbar-item', { hasText: 'TCP pkts' }).first();
    const text = await eventually(
      () => item.innerText(),
      (t) => t.includes('3 conn'),
      { message: 'the status bar item' },
    );
    assert.match(text, /3 conn · 27 TCP pkts/);
  });
});

/** The same in Simplified Chinese, with VS Code's display language set to zh-cn. */
suite('e2e: explanations in Simplified Chinese', () => {
  const session = useSession({
    name: 'features-zh',
    files: [
      { from: sample, as: 'sample.tcpdump' },
      { from: path.join(fixturesDir, 'refused', 'n.tcpdump'), as: 'refused.tcpdump' },
    ],
    settings: SETTINGS,
    languagePack: 'zh-cn',
    locale: 'zh-cn',
    viewport: { width: 1920, height: 1000 },
  });

  test('the hover and the diagnostic follow the display language', async () => {
    const s = session();
    await s.openFile('sample.tcpdump');
    const text = await eventually(
      () => s.hoverOnText(2, 'Flags [S.]'),
      // The CodeLens can appear and shift the lines under the mouse: hover again until it is
      // the SYN-ACK's.
      (t) => t.includes('三次握手第 2/3 步'),
      { message: 'the Chinese SYN-ACK hover' },
    );
    assert.match(text, /三次握手第 2\/3 步:服务端确认客户端的 SYN\(ack = ISN\+1\)/);
    await s.screenshot('features-hover-zh-cn');
    await s.openFile('refused.tcpdump');
    const rows = await eventually(
      () => s.problems(),
      (r) => r.some((row) => row.includes('连接被拒绝')),
      { message: 'the Chinese refusal in the Problems panel' },
    );
    assert.ok(
      rows.some((r) => /ECONNREFUSED\(111\)/.test(r)),
      rows.join('\n'),
    );
    await s.screenshot('features-problems-zh-cn');
  });
});
