/**
 * In the extension host: what test/e2e/editor.test.ts checks through the page, checked through the
 * API. Not named *.test.ts: it only runs inside VS Code, desktop (../runTest.ts) or code-server
 * (../../extension-host.test.ts). The workspace's first folder holds normal.tcpdump.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tcpdump-lens.tcpdump-lens';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function labelText(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
}

async function eventually<T>(
  read: () => Thenable<T> | T,
  accept: (value: T) => boolean,
  message: string,
  timeout = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${message} within ${timeout} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

suite('e2e (extension host): a tcpdump log in VS Code', () => {
  test('the tcpdump language is registered and a .tcpdump file opens in it', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('tcpdump'));
    const document = await vscode.workspace.openTextDocument(workspaceFile('normal.tcpdump'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'tcpdump');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('inlay hints give the step and both endpoint states of the first three packets', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('normal.tcpdump'));
    await vscode.window.showTextDocument(document);
    const range = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await eventually(
      () =>
        vscode.commands.executeCommand<vscode.InlayHint[]>(
          'vscode.executeInlayHintProvider',
          document.uri,
          range,
        ),
      (h) => (h ?? []).length >= 3,
      'inlay hints',
    );
    const firstThree = [...hints]
      .sort((a, b) => a.position.line - b.position.line)
      .slice(0, 3)
      .map((h) => ({
        line: h.position.line,
        atEnd: h.position.character === document.lineAt(h.position.line).text.length,
        text: labelText(h),
      }));
    assert.deepEqual(firstThree, [
      { line: 0, atEnd: true, text: '⟨handshake 1/3⟩ client SYN_SENT · server SYN_RCVD' },
      { line: 1, atEnd: true, text: '⟨handshake 2/3⟩ client ESTABLISHED · server SYN_RCVD' },
      { line: 2, atEnd: true, text: '⟨handshake 3/3⟩ client ESTABLISHED · server ESTABLISHED' },
    ]);
  });
});
