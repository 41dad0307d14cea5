import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dialog, Frame } from 'playwright-core';
import { ladder } from '../../client/webview/exporters/ladder';
import { toMermaid } from '../../client/webview/exporters/mermaid';
import { computeLayout } from '../../client/webview/layout';
import { requiredThemeVariables } from '../../client/webview/theme';
import {
  activeEditorText,
  arrows,
  clickArrow,
  diagramFrames,
  editorCursor,
  focusEditor,
  laneLabels,
  reloadWindow,
  selectedPacket,
  selectColorTheme,
  waitForDiagram,
} from './diagramHarness';
import type { Session } from './harness';
import { eventually, fixturesDir, pickTreeRow, useSession } from './harness';
import { timelineOfText } from '../support/diagramModels';

const normal = path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump');
const sample = path.resolve(fixturesDir, '..', '..', '..', 'samples', 'http-session.tcpdump');
const hostile = path.join(fixturesDir, 'hostile', 'A.tcpdump');

const SETTINGS = { 'editor.minimap.enabled': false, 'editor.fontSize': 12 };

async function showDiagram(s: Session, file: string, arrowCount: number): Promise<Frame> {
  await s.openFile(file);
  await s.runCommand('tcpdump Lens: Show Sequence Diagram');
  return waitForDiagram(s, file, arrowCount);
}

suite('e2e: the sequence diagram', () => {
  const session = useSession({
    name: 'diagram',
    files: [
      { from: normal, as: 'normal.tcpdump' },
      { from: sample, as: 'sample.tcpdump' },
    ],
    settings: { ...SETTINGS, 'workbench.colorTheme': 'Default Light Modern' },
    viewport: { width: 1600, height: 900 },
  });

  test('the command opens the diagram beside the editor: lanes, arrows, labels, steps, times', async () => {
    const s = session();
    const frame = await showDiagram(s, 'normal.tcpdump', 10);
    await s.page.locator('.tab', { hasText: 'Sequence: normal.tcpdump' }).waitFor();
    assert.deepEqual(await laneLabels(frame), ['127.0.0.1:50384', '127.0.0.1:47001']);
    const list = await arrows(frame);
    assert.deepEqual(
      list.map((a) => [a.packet, a.line]),
      Array.from({ length: 10 }, (_, i) => [i + 1, i]),
    );
    assert.deepEqual(
      list.slice(0, 4).map((a) => a.label),
      [
        '[S] 0 win 65495',
        '[S.] 0 ack 1 win 65483',
        '[.] ack 1 win 64',
        '[P.] 1:75 ack 1 win 64 len 74',
      ],
    );
    assert.match(
      list[1]!.ariaLabel,
      /^Packet 2, at 08:58:41\.000238, server 127\.0\.0\.1:47001 to client 127\.0\.0\.1:50384, flags SYN ACK/,
    );
    const badges = await frame.locator('.badge-text').allTextContents();
    assert.deepEqual(badges, [
      'handshake 1/3',
      'handshake 2/3',
      'handshake 3/3',
      'close 1/3',
      'close 2/3',
      'close 3/3',
    ]);
    const times = await frame.locator('text.time').allTextContents();
    assert.equal(times[0], '08:58:41.000223');
    assert.equal(await frame.locator('.inner rect.bar.state-TIME_WAIT').count(), 1);
    assert.match(
      (await frame.locator('.status').textContent()) ?? '',
      /10 of 10 packets · 1 of 1 connection · 0 with findings/,
    );
    await s.screenshot('diagram-light');
  });

  test('clicking an arrow reveals and selects its line in the editor', async () => {
    const s = session();
    const frame = await waitForDiagram(s, 'normal.tcpdump', 10);
    await clickArrow(s, frame, 4);
    assert.equal(
      await eventually(
        () => selectedPacket(frame),
        (p) => p === 4,
      ),
      4,
    );
    await focusEditor(s, 'normal.tcpdump');
    const cursor = await eventually(
      () => editorCursor(s),
      (c) => c.line === 4 && c.selected > 0,
      { message: 'line 4 selected in the editor' },
    );
    // The whole line: the cursor at its end, every character selected.
    const line4 = fs.readFileSync(normal, 'utf8').split('\n')[3]!;
    assert.equal(cursor.selected, line4.length);
  });

  test('moving the cursor in the editor highlights and scrolls to the arrow', async () => {
    const s = session();
    const frame = await waitForDiagram(s, 'normal.tcpdump', 10);
    await focusEditor(s, 'normal.tcpdump');
    await s.goToLine(8);
    assert.equal(
      await eventually(
        () => selectedPacket(frame),
        (p) => p === 8,
        { message: 'arrow 8' },
      ),
      8,
    );
    await s.goToLine(2);
    assert.equal(
      await eventually(
        () => selectedPacket(frame),
        (p) => p === 2,
      ),
      2,
    );
    assert.equal(await frame.locator('.viewport').getAttribute('aria-activedescendant'), 'pkt-2');
  });

  test('keyboard: down and up move between packets, Enter reveals the line', async () => {
    const s = session();
    const frame = await waitForDiagram(s, 'normal.tcpdump', 10);
    await frame.locator('.viewport').focus();
    await frame.locator('.viewport').press('ArrowDown');
    await frame.locator('.viewport').press('ArrowDown');
    await frame.locator('.viewport').press('ArrowUp');
    assert.equal(
      await eventually(
        () => selectedPacket(frame),
        (p) => p === 3,
      ),
      3,
    );
    assert.match(
      (await frame.locator('[aria-live="polite"].sr-only').textContent()) ?? '',
      /^Packet 3,/,
    );
    await frame.locator('.viewport').press('Enter');
    await focusEditor(s, 'normal.tcpdump');
    await eventually(
      () => editorCursor(s),
      (c) => c.line === 3 && c.selected > 0,
      { message: 'line 3 selected after Enter' },
    );
  });

  test('the diagram follows edits to the document', async () => {
    const s = session();
    const frame = await waitForDiagram(s, 'normal.tcpdump', 10);
    await focusEditor(s, 'normal.tcpdump');
    // Empty the last packet line: nine arrows; undo: ten again.
    await s.goToLine(10);
    await s.page.keyboard.press('Home');
    await s.page.keyboard.press('Shift+End');
    await s.page.keyboard.press('Delete');
    await eventually(
      async () => (await arrows(frame)).length,
      (n) => n === 9,
      {
        message: 'nine arrows after the edit',
      },
    );
    await s.page.keyboard.press('Control+Z');
    const back = await eventually(
      async () => (await arrows(frame)).map((a) => a.packet),
      (p) => p.length === 10,
      { message: 'ten arrows after undo' },
    );
    assert.deepEqual(back, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test('export to Mermaid opens a new document with the sequenceDiagram text', async () => {
    const s = session();
    const frame = await waitForDiagram(s, 'normal.tcpdump', 10);
    await frame.locator('select[aria-label="Export format"]').selectOption('mermaid');
    await frame.locator('button.export-untitled').click();
    await s.page.locator('.tabs-container .tab.active', { hasText: /Untitled-\d/ }).waitFor();
    // The click in the diagram can leave its editor group the active one: read the new document
    // in its own group.
    await focusEditor(s, 'Untitled-');
    const model = timelineOfText(fs.readFileSync(normal, 'utf8'), 'file:///n', 1);
    const expected = toMermaid(ladder(model, computeLayout(model)));
    const text = await eventually(
      () => activeEditorText(s),
      (t) => t.startsWith('sequenceDiagram'),
      { message: 'the Mermaid document' },
    );
    assert.equal(`${text.trimEnd()}\n`, expected);
    await eventually(
      async () => (await frame.locator('.notice').textContent()) ?? '',
      (t) => t === 'Exported to a new mermaid document.',
      { message: 'the export notice' },
    );
    await s.screenshot('diagram-export-mermaid');
  });

  test('the Connections view lists connections; selecting one focuses it in the diagram and editor', async () => {
    const s = session();
    const frame = await showDiagram(s, 'sample.tcpdump', 10);
    await s.page.locator('.activitybar .action-item a[aria-label^="tcpdump Lens"]').click();
    const rows = s.page.locator('.pane', { hasText: 'Connections' }).locator('.monaco-list-row');
    const texts = await eventually(
      () => rows.allInnerTexts(),
      (t) => t.length === 3,
      { message: 'three connections' },
    );
    assert.match(
      texts[0]!,
      /#1 127\.0\.0\.1:33156 → 127\.0\.0\.1:48080\s*CLOSED \/ TIME_WAIT · no findings/,
    );
    assert.match(
      texts[2]!,
      /#3 127\.0\.0\.1:56174 → 127\.0\.0\.1:48081\s*CLOSED \/ CLOSED · 2 findings/,
    );
    assert.equal(await rows.nth(2).locator('.codicon-error').count(), 1);
    assert.equal(await rows.nth(0).locator('.codicon-pass').count(), 1);
    await pickTreeRow(rows.nth(2));
    const shown = await eventually(
      async () => (await arrows(frame)).map((a) => a.packet),
      (p) => p.length === 2,
      { message: 'only connection 3 in the diagram' },
    );
    assert.deepEqual(shown, [26, 27]);
    // The side view shows the same document and follows the selection too.
    const side = (await diagramFrames(s, 'sample.tcpdump')).filter((f) => f !== frame);
    for (const f of side)
      await eventually(
        async () => (await arrows(f)).length,
        (n) => n === 2,
        { message: 'side view' },
      );
    await focusEditor(s, 'sample.tcpdump');
    await eventually(
      () => editorCursor(s),
      (c) => c.line === 26,
      { message: 'line 26' },
    );
    await s.screenshot('diagram-connections-view');
  });

  test('every theme variable the diagram uses is defined, in dark and high-contrast themes too', async () => {
    const s = session();
    const check = async (theme: string, bodyClass: string, shot: string) => {
      await selectColorTheme(s, theme);
      const frame = await eventually(
        async () => {
          for (const f of await diagramFrames(s, 'sample.tcpdump'))
            if (
              await f.evaluate(
                (c) =>
                  (
                    globalThis as unknown as {
                      document: { body: { classList: { contains(x: string): boolean } } };
                    }
                  ).document.body.classList.contains(c),
                bodyClass,
              )
            )
              return f;
          return undefined;
        },
        (f) => f !== undefined,
        { message: `the diagram in ${theme}` },
      );
      const missing = await frame!.evaluate((vars) => {
        const g = globalThis as unknown as {
          getComputedStyle(e: unknown): { getPropertyValue(n: string): string };
          document: { documentElement: unknown };
        };
        const style = g.getComputedStyle(g.document.documentElement);
        return vars.filter((v) => style.getPropertyValue(v).trim() === '');
      }, requiredThemeVariables());
      assert.deepEqual(missing, [], `${theme}: undefined variables`);
      await s.screenshot(shot);
    };
    await check('Default Dark Modern', 'vscode-dark', 'diagram-dark');
    await check(
      'Default High Contrast Light',
      'vscode-high-contrast-light',
      'diagram-high-contrast-light',
    );
    await check('Default High Contrast', 'vscode-high-contrast', 'diagram-high-contrast');
    await check('Default Light Modern', 'vscode-light', 'diagram-light-sample');
  });
});

suite('e2e: the sequence diagram after a reload', () => {
  const session = useSession({
    name: 'diagram-reload',
    files: [{ from: normal, as: 'normal.tcpdump' }],
    settings: SETTINGS,
    viewport: { width: 1600, height: 900 },
  });

  test('the editor-area diagram comes back after a reload (serializer), with its filter', async function () {
    this.timeout(120_000);
    const s = session();
    const frame = await showDiagram(s, 'normal.tcpdump', 10);
    await frame.locator('input[aria-label^="Connections to show"]').fill('1');
    await frame.locator('input[aria-label^="Connections to show"]').press('Enter');
    await frame.locator('input[type="checkbox"]').check();
    await eventually(
      async () => (await arrows(frame)).length,
      (n) => n === 0 || n < 10,
      {
        message: 'anomalies only: no arrow',
      },
    );
    // The webview saves its state a moment after a change.
    await new Promise((r) => setTimeout(r, 500));
    await reloadWindow(s);
    const restored = await eventually(
      async () => (await diagramFrames(s, 'normal.tcpdump'))[0],
      (f) => f !== undefined,
      { timeout: 60_000, message: 'the restored diagram panel' },
    );
    await s.page.locator('.tab', { hasText: 'Sequence: normal.tcpdump' }).waitFor();
    assert.equal(await restored!.locator('input[type="checkbox"]').isChecked(), true);
    await restored!.locator('input[type="checkbox"]').uncheck();
    await eventually(
      async () => (await arrows(restored!)).length,
      (n) => n === 10,
      {
        message: 'all ten arrows again',
      },
    );
  });
});

suite('e2e: a hostile capture in the sequence diagram', () => {
  const session = useSession({
    name: 'diagram-hostile',
    files: [{ from: hostile, as: 'hostile.tcpdump' }],
    settings: SETTINGS,
    viewport: { width: 1600, height: 900 },
  });

  test('markup and quotes from the -A payload stay inert text; no script runs', async () => {
    const s = session();
    const dialogs: string[] = [];
    const onDialog = (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    };
    s.page.on('dialog', onDialog);
    try {
      const frame = await showDiagram(s, 'hostile.tcpdump', 10);
      // The payload is in the editor, as text.
      const editorText = await s.activeEditor().locator('.view-lines').innerText();
      assert.ok(
        editorText.replace(/\u00a0/g, ' ').includes('GET /<script>alert(1)</script> HTTP/1.1'),
      );
      // The diagram: ten arrows, and nothing but its own script and drawing in the page.
      const facts = await frame.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: {
              scripts: ArrayLike<{ src: string; nonce: string; textContent: string | null }>;
              images: ArrayLike<unknown>;
              querySelectorAll(s: string): ArrayLike<unknown>;
              querySelector(s: string): { getAttribute(n: string): string | null } | null;
            };
          }
        ).document;
        return {
          scripts: Array.from(d.scripts).map((x) => ({
            src: x.src.split('/').pop() ?? '',
            nonce: x.nonce !== '',
            vscodeApi: x.src === '' && (x.textContent ?? '').includes('acquireVsCodeApi'),
          })),
          images: d.images.length,
          foreign: d.querySelectorAll('svg.diagram foreignObject, iframe, object, embed, img')
            .length,
          csp:
            d
              .querySelector('meta[http-equiv="Content-Security-Policy"]')
              ?.getAttribute('content') ?? '',
        };
      });
      // VS Code's own inline script (it defines acquireVsCodeApi before the page's policy
      // applies), then the bundle with its nonce; nothing else.
      assert.deepEqual(facts.scripts, [
        { src: '', nonce: false, vscodeApi: true },
        { src: 'main.js', nonce: true, vscodeApi: false },
      ]);
      assert.equal(facts.images, 0);
      assert.equal(facts.foreign, 0);
      assert.match(
        facts.csp,
        /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'; style-src /,
      );
      // Searching for markup finds nothing and shows the query as text.
      await frame.locator('input[type="search"]').fill('<img src=x onerror=alert(2)>');
      await frame.locator('input[type="search"]').press('Enter');
      await eventually(
        async () => (await frame.locator('.search-count').textContent()) ?? '',
        (t) => t === 'no match',
      );
      await s.screenshot('diagram-hostile');
      assert.deepEqual(dialogs, [], 'no alert() ran');
    } finally {
      s.page.off('dialog', onDialog);
    }
  });
});
