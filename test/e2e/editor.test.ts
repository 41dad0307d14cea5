import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { eventually, fixturesDir, useSession } from './harness';

/** What the packaged extension does in a real VS Code 1.100.3, seen as a user sees it. */
suite('e2e: a tcpdump log in VS Code (code-server)', () => {
  const session = useSession({
    name: 'editor',
    files: [
      { from: path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), as: 'normal.tcpdump' },
    ],
    settings: {
      // Whole hints: VS Code cuts inlay hints to 43 characters by default (… at the end).
      'editor.inlayHints.maximumLength': 0,
      // Room for the long tcpdump lines and their hints in the screenshots.
      'editor.minimap.enabled': false,
      'editor.fontSize': 11,
    },
    viewport: { width: 1920, height: 1000 },
  });

  test('a .tcpdump file opens in the tcpdump language mode', async () => {
    const s = session();
    await s.openFile('normal.tcpdump');
    assert.equal(
      await eventually(
        () => s.languageModeText(),
        (t) => t === 'tcpdump',
        { message: 'the status bar language mode' },
      ),
      'tcpdump',
    );
    await s.screenshot('editor-language-mode');
  });

  test('inlay hints end every TCP line with the step and both endpoint states', async () => {
    const s = session();
    await s.openFile('normal.tcpdump');
    await s.runCommand('View: Close Primary Side Bar');
    const hints = await eventually(
      () => s.inlayHints(),
      (h) => h.length >= 10,
      { message: 'an inlay hint on each of the 10 packet lines' },
    );
    assert.deepEqual(
      hints.map((h) => h.line),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.ok(
      hints.every((h) => h.atLineEnd),
      JSON.stringify(hints),
    );
    assert.deepEqual(
      hints.slice(0, 3).map((h) => h.text),
      [
        '⟨handshake 1/3⟩ client SYN_SENT · server SYN_RCVD',
        '⟨handshake 2/3⟩ client ESTABLISHED · server SYN_RCVD',
        '⟨handshake 3/3⟩ client ESTABLISHED · server ESTABLISHED',
      ],
    );
    await s.screenshot('editor-inlay-hints');
  });
});
