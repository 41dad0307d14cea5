import * as assert from 'node:assert/strict';
import type { Hover, InlayHint, LogMessageParams } from 'vscode-languageserver-protocol';
import { fixture, startHarness } from './harness';

suite('lsp: a failing request', () => {
  test('is logged and answered empty, and the server goes on serving', async () => {
    const h = await startHarness();
    try {
      const logged: string[] = [];
      h.client.onNotification('window/logMessage', (p: LogMessageParams) => {
        logged.push(p.message);
      });
      const uri = await h.open('sample.tcpdump', fixture('samples/http-session.tcpdump'));
      await h.diagnostics(uri);

      // Requests a client should never send: the handlers fail on them.
      const broken = await h.client.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: null,
      });
      assert.equal(broken, null);
      const brokenHints = await h.client.sendRequest<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri },
        range: null,
      });
      assert.deepEqual(brokenHints, []);
      assert.ok(
        logged.some((m) => m.startsWith('hover failed: TypeError')),
        `the failure is logged: ${JSON.stringify(logged)}`,
      );
      assert.ok(logged.some((m) => m.startsWith('inlay hints failed: TypeError')));

      const hover = await h.client.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 60 },
      });
      assert.match(JSON.stringify(hover), /SYN\+ACK/);
    } finally {
      h.dispose();
    }
  });
});
