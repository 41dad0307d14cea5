/**
 * Helpers for the sequence-diagram end-to-end tests: find the diagram's webview inside
 * code-server's nested frames (the workbench → `iframe.webview` → `#active-frame`), read its
 * arrows, click them, and read the editor's selection from the status bar.
 */
import type { Frame } from 'playwright-core';
import type { Session } from './harness';
import { eventually, normalizeText } from './harness';

/** An arrow as the webview shows it. */
export interface ArrowView {
  packet: number;
  line: number;
  label: string;
  selected: boolean;
  ariaLabel: string;
}

/**
 * The content frames of the visible webviews whose page is the sequence diagram, optionally the
 * one showing a given document (by the file name in its toolbar).
 */
export async function diagramFrames(s: Session, documentName?: string): Promise<Frame[]> {
  const out: Frame[] = [];
  for (const frame of s.page.frames()) {
    const parent = frame.parentFrame();
    if (!parent || !parent.url().includes('webview')) continue;
    try {
      const name = await frame.evaluate(() => {
        const d = (globalThis as unknown as { document: DocLike }).document;
        if (!d.querySelector('svg.diagram')) return null;
        return d.querySelector('.doc-name')?.textContent ?? '';
      });
      if (name === null) continue;
      if (documentName === undefined || name === documentName) out.push(frame);
    } catch {
      // A frame that went away (a webview reloading) between listing and evaluating.
    }
  }
  return out;
}

interface DocLike {
  querySelector(selector: string): { textContent: string | null } | null;
}

/** Waits for a diagram of `documentName` that shows at least `arrows` arrows. */
export async function waitForDiagram(
  s: Session,
  documentName: string,
  arrows = 1,
  timeout = 30_000,
): Promise<Frame> {
  return eventually(
    async () => {
      for (const f of await diagramFrames(s, documentName))
        if ((await f.locator('g.arrow').count()) >= arrows) return f;
      return undefined;
    },
    (f) => f !== undefined,
    { timeout, message: `a sequence diagram of ${documentName} with ${arrows} arrows` },
  ) as Promise<Frame>;
}

/** The DOM members the page functions below use (the test tsconfig has no DOM library). */
interface ElementLike {
  readonly textContent: string | null;
  readonly style: { readonly top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}

export async function arrows(frame: Frame): Promise<ArrowView[]> {
  return frame.locator('g.arrow').evaluateAll((elements: unknown[]) =>
    (elements as ElementLike[]).map((n) => ({
      packet: Number(n.getAttribute('data-packet')),
      line: Number(n.getAttribute('data-line')),
      label: n.querySelector('.arrow-label')?.textContent ?? '',
      selected: n.getAttribute('aria-selected') === 'true',
      ariaLabel: n.getAttribute('aria-label') ?? '',
    })),
  );
}

export async function laneLabels(frame: Frame): Promise<string[]> {
  return frame.locator('.lane .lane-label').allTextContents();
}

/** The packet the diagram has selected (highlighted), or null. */
export async function selectedPacket(frame: Frame): Promise<number | null> {
  const a = (await arrows(frame)).find((x) => x.selected);
  return a ? a.packet : null;
}

/**
 * Clicks the middle of an arrow's line with the mouse. (A horizontal SVG line has an empty
 * bounding box, which playwright's own click takes for invisible.)
 */
export async function clickArrow(s: Session, frame: Frame, packet: number): Promise<void> {
  const box = await frame.locator(`g.arrow[data-packet="${packet}"] .arrow-hit`).boundingBox();
  if (!box) throw new Error(`arrow ${packet} is not drawn`);
  await s.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The status bar's cursor item: `{ line, col, selected }` (1-based line and column). */
export async function editorCursor(
  s: Session,
): Promise<{ line: number; col: number; selected: number }> {
  const text = normalizeText(
    await s.page.locator('[id="status.editor.selection"]').first().innerText(),
  );
  const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  if (!m) throw new Error(`no cursor position in the status bar: ${text}`);
  return { line: Number(m[1]), col: Number(m[2]), selected: Number(m[3] ?? 0) };
}

/** Text of the active editor (all its rendered lines, in order; for short documents). */
export async function activeEditorText(s: Session): Promise<string> {
  const lines = await s
    .activeEditor()
    .locator('.view-lines > .view-line')
    .evaluateAll((elements: unknown[]) =>
      (elements as ElementLike[])
        .map((n) => ({ top: parseFloat(n.style.top), text: n.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return normalizeText(lines.join('\n'));
}

/** Switches the colour theme the way a user does: Preferences: Color Theme, then its name. */
export async function selectColorTheme(s: Session, theme: string): Promise<void> {
  const widget = s.page.locator('.quick-input-widget');
  const input = widget.locator('input');
  if (await widget.isVisible()) await s.page.keyboard.press('Escape');
  await s.page.keyboard.press('F1');
  await input.fill('>Preferences: Color Theme');
  await widget
    .locator('.monaco-list-row', { hasText: /^Preferences: Color Theme/ })
    .first()
    .click();
  // The same widget now lists the themes.
  await widget.locator('.monaco-list-row', { hasText: 'Default Dark Modern' }).first().waitFor();
  await input.fill(theme);
  await widget.locator('.monaco-list-row', { hasText: theme }).first().waitFor();
  await s.page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Reloads the window through VS Code (Developer: Reload Window), so that it saves its state
 * (open editors, webview panels and their state) first, as when a user reloads.
 */
export async function reloadWindow(s: Session): Promise<void> {
  const loaded = s.page.waitForEvent('load', { timeout: 60_000 });
  await s.runCommand('Developer: Reload Window');
  await loaded;
  await s.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await s.page.locator('.part.statusbar').waitFor({ timeout: 30_000 });
  await s.probe();
}

/** Gives the keyboard to the text editor of a file (its tab), keeping its selection. */
export async function focusEditor(s: Session, file: string): Promise<void> {
  await s.page.locator('.tabs-container .tab', { hasText: file }).first().click();
  await s.activeEditor().waitFor();
}
