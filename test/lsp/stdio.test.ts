import * as assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import type { InlayHint, InitializeResult } from 'vscode-languageserver-protocol';
import { repoRoot } from '../support/paths';

suite('lsp: the standalone server over --stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let connection: MessageConnection;

  suiteSetup(() => {
    const server = path.join(repoRoot, 'dist', 'server.js');
    if (!fs.existsSync(server))
      throw new Error('dist/server.js is missing: run npm run build first');
    child = spawn(process.execPath, [server, '--stdio']);
    connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
  });

  suiteTeardown(() => {
    connection.dispose();
    child.kill();
  });

  test('initializes, then answers inlay hints with each packet step and both states', async () => {
    const init = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(init.serverInfo?.name, 'tcpdump-lens');
    assert.ok(init.capabilities.inlayHintProvider);
    await connection.sendNotification('initialized', {});

    const uri = 'file:///sample.tcpdump';
    const text = fs.readFileSync(path.join(repoRoot, 'samples', 'http-session.tcpdump'), 'utf8');
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'tcpdump', version: 1, text },
    });
    const hints = await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [0, '⟨handshake 1/3⟩ client SYN_SENT · server SYN_RCVD'],
        [1, '⟨handshake 2/3⟩ client ESTABLISHED · server SYN_RCVD'],
        [2, '⟨handshake 3/3⟩ client ESTABLISHED · server ESTABLISHED'],
      ],
    );
    assert.equal(
      hints[0]!.position.character,
      text.split('\n')[0]!.length,
      'at the end of the line',
    );
  });

  test('a request for an unknown document answers empty instead of failing', async () => {
    const hints = await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: 'file:///never-opened.tcpdump' },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    });
    assert.deepEqual(hints, []);
  });
});
