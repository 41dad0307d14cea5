import * as assert from 'node:assert/strict';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { DocumentSummary } from '../../server/src/protocol';
import type { Harness } from './harness';
import { manyConnections, startHarness } from './harness';

/** About 6 MB and 40,000 lines: analysed from scratch in several steps, with progress. */
const LARGE = manyConnections(1500);
/** Twice as large: more steps, so a cancellation sent at the start arrives well before the end. */
const LARGER = manyConnections(3000);

interface ProgressValue {
  kind: 'begin' | 'report' | 'end';
  percentage?: number;
  cancellable?: boolean;
}

suite('lsp in-process: long analyses run in steps, report progress, can be cancelled', () => {
  let h: Harness;
  const events: string[] = [];
  const progress: ProgressValue[] = [];
  const published: PublishDiagnosticsParams[] = [];
  let onBegin: ((token: string | number) => void) | null = null;
  let onReport: ((percentage: number) => void) | null = null;

  setup(async () => {
    events.length = 0;
    progress.length = 0;
    published.length = 0;
    onBegin = null;
    onReport = null;
    h = await startHarness({ capabilities: { window: { workDoneProgress: true } } });
    h.client.onNotification('$/progress', (p: { token: string | number; value: ProgressValue }) => {
      progress.push(p.value);
      if (p.value.kind === 'begin') onBegin?.(p.token);
      if (p.value.kind === 'report') onReport?.(p.value.percentage!);
    });
    h.client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      events.push(`diagnostics v${p.version}`);
    });
  });
  teardown(() => h.dispose());

  const open = (text: string) => h.open('large.tcpdump', text);
  /** The diagnostics published for a version of a document (by default the large one). */
  async function diagnosticsFor(
    version: number,
    uri = 'file:///workspace/large.tcpdump',
  ): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const p = published.find((x) => x.version === version && x.uri === uri);
      if (p) return p;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  test('a large document reports cancellable progress in percent, then its diagnostics', async () => {
    await open(LARGE);
    await diagnosticsFor(1);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress[0]?.cancellable, true);
    assert.equal(progress.at(-1)?.kind, 'end');
    const percentages = progress.filter((p) => p.kind === 'report').map((p) => p.percentage!);
    assert.ok(percentages.length >= 3, `reports: ${percentages.join(', ')}`);
    assert.deepEqual(
      percentages,
      [...percentages].sort((a, b) => a - b),
      'percentages only grow',
    );
    assert.ok(percentages.every((p) => p >= 0 && p <= 100));
  });

  test('cancelling stops the analysis of that version; the next edit is analysed', async () => {
    onBegin = (token) => {
      onBegin = null;
      void h.client.sendNotification('window/workDoneProgress/cancel', { token });
    };
    const uri = await open(LARGER);
    for (let i = 0; i < 200 && progress.at(-1)?.kind !== 'end'; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(progress.at(-1)?.kind, 'end', 'the progress ended');
    const reached = progress.filter((p) => p.kind === 'report').map((p) => p.percentage!);
    assert.ok((reached.at(-1) ?? 0) < 100, `stopped early: ${reached.join(', ')}`);
    const summary = await h.client.sendRequest<DocumentSummary | null>(
      'tcpdumpLens/documentSummary',
      { uri },
    );
    assert.equal(summary, null, 'no analysis of the cancelled version');
    assert.deepEqual(published, []);

    const end = { line: LARGER.split('\n').length - 1, character: 0 };
    await h.client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '\n' }],
    });
    const after = await diagnosticsFor(2);
    assert.ok(after.diagnostics.length > 0, 'the edited document was analysed');
  });

  test('an edit during an analysis from scratch abandons it: only the newest version is published', async () => {
    // Every data segment a reset instead: the new text differs from the old one throughout.
    const changed = LARGER.replaceAll('Flags [P.]', 'Flags [R.]');
    // The change is sent as soon as the analysis of the first text reports progress.
    let sentAt = -1;
    onReport = (percentage) => {
      onReport = null;
      sentAt = percentage;
      void h.client.sendNotification('textDocument/didChange', {
        textDocument: { uri: 'file:///workspace/large.tcpdump', version: 2 },
        contentChanges: [{ text: changed }],
      });
    };
    const uri = await open(LARGER);
    const edited = await diagnosticsFor(2);
    assert.ok(sentAt >= 0 && sentAt < 50, `the change was sent at ${sentAt}%`);
    assert.deepEqual(
      published.map((p) => p.version),
      [2],
      'the first version was never published',
    );
    // What was published is the analysis of the new text alone.
    const freshUri = await h.open('fresh.tcpdump', changed);
    // The harness numbers every open it makes: this is its second.
    const fresh = await diagnosticsFor(2, freshUri);
    assert.ok(fresh.diagnostics.length > 0);
    assert.deepEqual(
      edited.diagnostics,
      JSON.parse(JSON.stringify(fresh.diagnostics).replaceAll(freshUri, uri)),
    );
  });

  test('a hover above an edit is answered from the last analysis while the new one runs', async () => {
    // A note above the capture, then a packet line inserted between it and the first packet:
    // what the first packet sets (the timestamp origin) changes, so the analysis starts over.
    const noted = `notes: capture from the load balancer\n${LARGE}`;
    const uri = await open(noted);
    await diagnosticsFor(1);
    const before = progress.length;
    const reports = () => progress.slice(before).filter((p) => p.kind === 'report').length;
    const middle = 1;
    const inserted = LARGE.split('\n')[0]!;
    await h.client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: { start: { line: middle, character: 0 }, end: { line: middle, character: 0 } },
          text: `${inserted}\n`,
        },
      ],
    });
    const hoverAt = (line: number, label: string) =>
      h.client
        .sendRequest<Hover | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line, character: 2 },
        })
        .then((answer) => {
          events.push(`${label} after ${reports()} reports`);
          return answer;
        });
    const [above, below] = await Promise.all([
      hoverAt(0, 'hover above'),
      hoverAt(middle, 'hover on the inserted line'),
      diagnosticsFor(2),
    ]);
    assert.ok(above, 'the line above the edit has a hover');
    assert.ok(below, 'the inserted line has a hover');
    const total = reports();
    assert.ok(total >= 3, `the new analysis took several steps: ${total}`);
    // Above the edit: answered before the new analysis got far; on the new line: after it.
    assert.ok(events.includes('hover above after 0 reports'), events.join(' → '));
    assert.ok(
      events.includes(`hover on the inserted line after ${total} reports`),
      events.join(' → '),
    );
  });
});

suite('lsp in-process: an opened document is analysed at once', () => {
  test('its diagnostics come without the pause kept for typing', async () => {
    // A pause longer than the test's timeout: diagnostics that waited for it would never come.
    const h = await startHarness({ diagnosticsDelayMs: 10 * 60_000 });
    try {
      const uri = await h.open('opened.tcpdump', manyConnections(2));
      const diagnostics = await h.diagnostics(uri);
      assert.ok(diagnostics.length > 0, 'the sample has findings');
      await h.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    } finally {
      h.dispose();
    }
  });
});
