// The sequence diagram under attack, in the real VS Code: a script injected into its page is
// blocked by the content security policy, and messages the page sends that are not what the
// protocol allows (unknown type, wrong shape, a line outside the document) are ignored and logged.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { filesBelow } from '../support/paths';
import { editorCursor, focusEditor, waitForDiagram } from './diagramHarness';
import type { Session } from './harness';
import { eventually, fixturesDir, useSession } from './harness';

const normal = path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump');

/**
 * Posts `message` to the extension by the route the page's own `acquireVsCodeApi().postMessage`
 * takes: VS Code's webview frame relays `onmessage` calls to the extension host. (The page
 * itself cannot reach that frame: VS Code removes `window.parent` from it.)
 */
async function postFromPage(frame: Frame, message: unknown): Promise<void> {
  const relay = frame.parentFrame();
  if (!relay) throw new Error('the diagram page has no webview frame around it');
  await relay.evaluate((m) => {
    const post = (globalThis as unknown as Record<string, unknown>)['__vscode_post_message__'] as (
      channel: string,
      data: unknown,
    ) => void;
    post('onmessage', { message: m });
  }, message);
}

/** Lines of the extension's output channel that VS Code has written to its log files so far. */
function extensionLog(s: Session): string {
  return filesBelow(path.join(s.userDataDir, 'logs'), '.log')
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((text) => text.includes('[sequence diagram]'))
    .join('\n');
}

suite('e2e: the sequence diagram refuses what it was not built to accept', () => {
  const session = useSession({
    name: 'webview-safety',
    files: [{ from: normal, as: 'normal.tcpdump' }],
    settings: { 'editor.minimap.enabled': false },
    viewport: { width: 1600, height: 900 },
  });

  async function openDiagram(s: Session): Promise<Frame> {
    await s.openFile('normal.tcpdump');
    await s.runCommand('tcpdump Lens: Show Sequence Diagram');
    return waitForDiagram(s, 'normal.tcpdump', 10);
  }

  test('an inline script injected into the page does not run', async () => {
    const s = session();
    const frame = await openDiagram(s);
    const ran = await frame.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const g = globalThis as unknown as {
            document: {
              createElement(tag: string): { textContent: string };
              body: { appendChild(node: unknown): void };
            };
            injectedScriptRan?: boolean;
            setTimeout(f: () => void, ms: number): void;
          };
          const script = g.document.createElement('script');
          script.textContent = 'globalThis.injectedScriptRan = true;';
          g.document.body.appendChild(script);
          g.setTimeout(() => resolve(g.injectedScriptRan === true), 300);
        }),
    );
    assert.equal(ran, false, 'the content security policy blocks inline script');
  });

  test('malformed messages from the page are ignored and logged; a valid one still works', async () => {
    const s = session();
    // The diagram the previous test opened.
    const frame = await waitForDiagram(s, 'normal.tcpdump', 10);
    await focusEditor(s, 'normal.tcpdump');
    const before = await editorCursor(s);

    await postFromPage(frame, { type: 'runCommand', command: 'workbench.action.files.delete' });
    await postFromPage(frame, { type: 'revealLine', line: '3', preserveFocus: true });
    await postFromPage(frame, { type: 'revealLine', line: -1, preserveFocus: true });
    await postFromPage(frame, { type: 'revealLine', line: 1e9, preserveFocus: true });
    await postFromPage(frame, 'revealLine 3');
    await eventually(
      () => (extensionLog(s).match(/ignored a malformed message/g) ?? []).length,
      (n) => n >= 4,
      { message: 'each malformed message logged' },
    );
    await eventually(
      () => extensionLog(s),
      (log) => log.includes('ignored a request for line 1000000001, outside the document'),
      { message: 'the line outside the document logged' },
    );
    await focusEditor(s, 'normal.tcpdump');
    assert.deepEqual(await editorCursor(s), before, 'nothing moved the editor');
    assert.ok(fs.existsSync(path.join(s.workspace, 'normal.tcpdump')), 'the file is still there');

    // The channel itself works: the same message, well formed, selects line 6.
    await postFromPage(frame, { type: 'revealLine', line: 5, preserveFocus: true });
    await focusEditor(s, 'normal.tcpdump');
    await eventually(
      () => editorCursor(s),
      (c) => c.line === 6 && c.selected > 0,
      { message: 'line 6 selected by the valid message' },
    );
  });
});
