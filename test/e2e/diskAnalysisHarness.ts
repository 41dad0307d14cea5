// What the e2e suites of files analysed from disk (too large for VS Code to hand over) share.
import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { clickArrow, diagramFrames, editorCursor, focusEditor } from './diagramHarness';
import type { Session } from './harness';
import { eventually } from './harness';

/** User settings of those suites. */
export const LARGE_FILE_SETTINGS = {
  // The web editor asks before opening files over 10 MB; a user who opens such files says yes.
  'workbench.editorLargeFileConfirmation': 1024,
  'editor.minimap.enabled': false,
};

/** A notification toast holding `text`. */
export function toast(s: Session, text: string | RegExp): Locator {
  return s.page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** The counts of the notice that ends an analysis from disk. */
export interface FromDiskSummary {
  seconds: string;
  lines: number;
  packets: number;
  tcpPackets: number;
  connections: number;
  findings: number;
}

/** Waits for the summary of the analysis of `name` from disk and reads its counts. */
export async function fromDiskSummary(s: Session, name: string): Promise<FromDiskSummary> {
  const summary = toast(s, 'analysed from disk in');
  await summary.waitFor({ timeout: 200_000 });
  const text = await summary.innerText();
  const m = new RegExp(
    `${name.replaceAll('.', '\\.')} analysed from disk in ([\\d.]+) s: ([\\d,]+) lines, ([\\d,]+) packets \\(([\\d,]+) TCP\\), ([\\d,]+) connections, ([\\d,]+) findings, 0 unrecognised lines\\.`,
  ).exec(text);
  assert.ok(m, text);
  const number = (i: number) => Number(m[i]!.replaceAll(',', ''));
  return {
    seconds: m[1]!,
    lines: number(2),
    packets: number(3),
    tcpPackets: number(4),
    connections: number(5),
    findings: number(6),
  };
}

/** The Problems panel lists the document's findings, retransmissions among them. */
export async function assertRetransmissionsListed(s: Session, documentName: string): Promise<void> {
  const rows = await eventually(
    () => s.problems(),
    (r) => r.some((t) => t.startsWith(documentName)) && r.some((t) => /Retransmission/.test(t)),
    { message: `problems of ${documentName}`, timeout: 30_000 },
  );
  const fileRow = rows.find((t) => t.startsWith(documentName))!;
  assert.match(fileRow, /\d+$/, `a count of problems: ${fileRow}`);
  assert.ok(Number(/(\d+)$/.exec(fileRow)![1]) > 0);
  await s.page.keyboard.press('Escape');
}

/** The Connections view, once it lists connections, and its rows. */
export async function listedConnections(s: Session): Promise<{ pane: Locator; rows: Locator }> {
  const pane = s.page.locator('.pane', { hasText: 'Connections' });
  const rows = pane.locator('.monaco-list-row');
  await eventually(
    () => rows.count(),
    (n) => n > 0,
    { message: 'connections listed' },
  );
  return { pane, rows };
}

/**
 * The diagram panel beside the editor (the side bar's narrow diagram shows the same connection,
 * but its arrows reach under the editor), once it draws arrows.
 */
export async function panelDiagram(s: Session, documentName: string): Promise<Frame> {
  const found = await eventually(
    async () => {
      for (const frame of await diagramFrames(s, documentName)) {
        const width = (await (await frame.frameElement()).boundingBox())?.width ?? 0;
        if (width > 500 && (await frame.locator('g.arrow').count()) >= 4) return frame;
      }
      return undefined;
    },
    (f) => f !== undefined,
    { timeout: 60_000, message: `the diagram panel of ${documentName}` },
  );
  return found!;
}

/**
 * Clicks the arrow of `packet` and checks that the editor of `documentName` selects its whole
 * line (0-based `line`, `lineLength` characters), though VS Code never handed the document over.
 */
export async function assertArrowSelectsLine(
  s: Session,
  frame: Frame,
  documentName: string,
  arrow: { packet: number; line: number },
  lineLength: number,
): Promise<void> {
  await clickArrow(s, frame, arrow.packet);
  await focusEditor(s, documentName);
  await eventually(
    () => editorCursor(s),
    (c) => c.line === arrow.line + 1 && c.selected === lineLength,
    { message: `line ${arrow.line + 1} of ${documentName} selected`, timeout: 20_000 },
  );
}
