import * as assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Analysis } from '../../server/src/analysis';
import { analyze } from '../../server/src/analysis';
import { messagesFor } from '../../server/src/explain/locale';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { diagnostics } from '../../server/src/lsp/features/diagnostics';
import { LineDocument } from '../../server/src/lsp/lineDocument';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import type { DocumentSummary } from '../../server/src/protocol';
import type { Harness } from './harness';
import { fixture, startHarness } from './harness';

const LOG = [
  fixture('test/baseline/fixtures/dup-ack-retrans/n.tcpdump'),
  fixture('samples/http-session.tcpdump'),
  fixture('test/baseline/fixtures/port-reuse/n.tcpdump'),
].join('');

const unrecognisedOf = (a: Analysis) =>
  a.lines.filter((l) => l.kind === 'unrecognised').map((l) => l.line);

suite('lsp in-process: edits are analysed in place, with the result of a fresh open', () => {
  let h: Harness;
  const published = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in order. */
  const sent: PublishDiagnosticsParams[] = [];
  const answered = new Map<string, number>();
  const waiting: Array<() => void> = [];

  /**
   * The diagnostics the editor shows for `uri` once the server has answered `version`: what it
   * last published (it publishes only what changed, before its analysis notification).
   */
  async function diagnosticsOf(uri: string, version: number): Promise<Diagnostic[]> {
    while ((answered.get(uri) ?? -1) < version)
      await new Promise<void>((resolve) => waiting.push(resolve));
    return published.get(uri)!.diagnostics;
  }

  suiteSetup(async () => {
    h = await startHarness({ locale: 'en' });
    h.client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.set(p.uri, p);
      sent.push(p);
    });
    h.client.onNotification('tcpdumpLens/analysisUpdated', (s: DocumentSummary) => {
      answered.set(s.uri, s.version);
      for (const wake of waiting.splice(0)) wake();
    });
  });
  suiteTeardown(() => h.dispose());

  test('appending a live log line by line, then typing in the middle', async () => {
    const all = LOG.split('\n');
    const uri = 'file:///workspace/live.tcpdump';
    let version = 1;
    let lines = all.slice(0, 5);
    await h.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'tcpdump', version, text: `${lines.join('\n')}\n` },
    });
    await diagnosticsOf(uri, version);

    const edits: Array<{
      line: number;
      character: number;
      endLine: number;
      endCharacter: number;
      text: string;
    }> = [];
    // Appends of 1 to 7 lines, at the end of a text that ends with a line end.
    for (let next = 5; next < all.length - 1;) {
      const count = Math.min(1 + (next % 7), all.length - 1 - next);
      const added = all.slice(next, next + count);
      edits.push({
        line: lines.length,
        character: 0,
        endLine: lines.length,
        endCharacter: 0,
        text: `${added.join('\n')}\n`,
      });
      lines = lines.concat(added);
      next += count;
    }
    // Typing in the middle: a sequence number changes, then changes back.
    const middle = lines.findIndex((l, i) => i > lines.length / 2 && /seq \d+/.test(l));
    const seqAt = lines[middle]!.search(/seq \d+/) + 4;
    edits.push({
      line: middle,
      character: seqAt,
      endLine: middle,
      endCharacter: seqAt + 1,
      text: '9',
    });
    for (const e of edits) {
      version++;
      await h.client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [
          {
            range: {
              start: { line: e.line, character: e.character },
              end: { line: e.endLine, character: e.endCharacter },
            },
            text: e.text,
          },
        ],
      });
    }
    const finalText = `${lines.join('\n')}\n`;
    const edited = lines.slice();
    edited[middle] = edited[middle]!.slice(0, seqAt) + '9' + edited[middle]!.slice(seqAt + 1);
    const afterEdits = await diagnosticsOf(uri, version);

    const freshUri = 'file:///workspace/fresh.tcpdump';
    await h.client.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: freshUri,
        languageId: 'tcpdump',
        version: 1,
        text: `${edited.join('\n')}\n`,
      },
    });
    const fresh = await diagnosticsOf(freshUri, 1);
    assert.ok(fresh.length > 5, 'the log has findings');
    // Related information names the document: compare as if both were the same one.
    assert.deepEqual(afterEdits, JSON.parse(JSON.stringify(fresh).replaceAll(freshUri, uri)));
    const summary = (u: string) =>
      h.client.sendRequest<DocumentSummary>('tcpdumpLens/documentSummary', { uri: u });
    assert.deepEqual(
      { ...(await summary(uri)), uri: '', version: 0 },
      { ...(await summary(freshUri)), uri: '', version: 0 },
    );
    assert.notEqual(finalText, `${edited.join('\n')}\n`, 'the middle edit changed the text');
  });

  test('diagnostics are sent again only when they change', async () => {
    const uri = 'file:///workspace/quiet.tcpdump';
    const text = fixture('test/baseline/fixtures/dup-ack-retrans/n.tcpdump');
    const lines = text.split('\n');
    await h.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'tcpdump', version: 1, text },
    });
    const opened = await diagnosticsOf(uri, 1);
    assert.ok(opened.length > 0, 'the capture has findings');
    const findingLines = new Set(opened.map((d) => d.range.start.line));
    const quiet = lines.findIndex((l, i) => l.includes('Flags') && !findingLines.has(i));
    const noisy = opened[0]!.range.start.line;
    const typeAtEnd = async (line: number, version: number) => {
      const at = { line, character: lines[line]!.length };
      await h.client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: ' ' }],
      });
      return diagnosticsOf(uri, version);
    };
    const before = sent.length;
    // A space after a packet without findings: the editor's diagnostics stay right as they are.
    assert.deepEqual(await typeAtEnd(quiet, 2), opened);
    assert.equal(sent.length, before, 'nothing was sent again');
    // A space after a packet with a finding: its range grows, so the diagnostics are sent.
    const after = await typeAtEnd(noisy, 3);
    assert.equal(sent.length, before + 1);
    assert.equal(sent.at(-1)!.version, 3);
    const grown = after.find((d) => d.range.start.line === noisy)!;
    assert.equal(grown.range.end.character, lines[noisy]!.length + 1);
  });

  test('a live log that grows past the most the editor shows: only a more severe finding is sent', async () => {
    const capped = await startHarness({
      locale: 'en',
      settings: { diagnostics: { maxPerFile: 2 } },
    });
    const sends: PublishDiagnosticsParams[] = [];
    const versions: number[] = [];
    const wakes: Array<() => void> = [];
    capped.client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
      sends.push(p),
    );
    capped.client.onNotification('tcpdumpLens/analysisUpdated', (s: DocumentSummary) => {
      versions.push(s.version);
      for (const wake of wakes.splice(0)) wake();
    });
    const answered = async (version: number) => {
      while (!versions.includes(version)) await new Promise<void>((r) => wakes.push(r));
    };
    try {
      const uri = 'file:///workspace/live-capped.tcpdump';
      const first = fixture('test/baseline/fixtures/data-after-rst/n.tcpdump');
      let lineCount = first.split('\n').length - 1;
      await capped.client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'tcpdump', version: 1, text: first },
      });
      await answered(1);
      assert.equal(sends.length, 1);
      assert.deepEqual(
        sends[0]!.diagnostics.map((d) => d.code),
        ['rst', 'findings_not_shown'],
      );
      const append = async (file: string, version: number) => {
        const text = fixture(file);
        const end = { line: lineCount, character: 0 };
        lineCount += text.split('\n').length - 1;
        await capped.client.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: end, end }, text }],
        });
        await answered(version);
      };
      // More findings, none more severe than the one shown: the editor already shows the same.
      await append('test/baseline/fixtures/dup-ack-retrans/n.tcpdump', 2);
      assert.equal(sends.length, 1, 'nothing sent for findings the editor would not show');
      const summary = await capped.client.sendRequest<DocumentSummary>(
        'tcpdumpLens/documentSummary',
        { uri },
      );
      assert.equal(summary.findings, 8, 'the status bar counts them all');
      // A refused connection is an error: it takes the place shown, and is sent.
      await append('test/baseline/fixtures/refused/n.tcpdump', 3);
      assert.equal(sends.length, 2);
      assert.equal(sends[1]!.version, 3);
      assert.deepEqual(
        sends[1]!.diagnostics.map((d) => d.code),
        ['refused', 'findings_not_shown'],
      );
    } finally {
      capped.dispose();
    }
  });

  test('the cache applies appends, typing and deletions in place, and starts over on the first packet', () => {
    const cache = new DocumentCache();
    const all = LOG.split('\n');
    let text = `${all.slice(0, 20).join('\n')}\n`;
    const doc = new LineDocument('file:///workspace/cache.tcpdump', 'tcpdump', 1, text);
    assert.equal(cache.get(doc).method, 'full');

    // Append ten lines at the end.
    const added = all.slice(20, 30);
    text += `${added.join('\n')}\n`;
    const end = { line: 20, character: 0 };
    doc.update([{ range: { start: end, end }, text: `${added.join('\n')}\n` }], 2);
    const appended = cache.get(doc);
    assert.equal(appended.method, 'incremental');
    assert.deepEqual(appended.analysis, analyze(text));
    assert.equal(doc.getText(), text);

    // Type a digit into a line in the middle (no line moves).
    const lines = text.split('\n');
    const at = { line: 12, character: lines[12]!.length };
    lines[12] += '1';
    text = lines.join('\n');
    doc.update([{ range: { start: at, end: at }, text: '1' }], 3);
    const typed = cache.get(doc);
    assert.equal(typed.method, 'incremental');
    assert.deepEqual(typed.analysis, analyze(text));
    assert.deepEqual(typed.unrecognisedLines, unrecognisedOf(typed.analysis));

    // Delete the third line: the lines and packets after it are renumbered in place.
    const third = { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } };
    text = text
      .split('\n')
      .filter((_, i) => i !== 2)
      .join('\n');
    doc.update([{ range: third, text: '' }], 4);
    const deleted = cache.get(doc);
    assert.equal(deleted.method, 'incremental');
    assert.deepEqual(deleted.analysis, analyze(text));

    // Type into the first packet's line: what the first packet sets is read again from scratch.
    const firstLine = text.split('\n');
    const lineEnd = { line: 0, character: firstLine[0]!.length };
    firstLine[0] += ' ';
    text = firstLine.join('\n');
    doc.update([{ range: { start: lineEnd, end: lineEnd }, text: ' ' }], 5);
    const retyped = cache.get(doc);
    assert.equal(retyped.method, 'full');
    assert.deepEqual(retyped.analysis, analyze(text));

    // A line nobody can read, appended, is reported; typed over with a packet, it is gone.
    const last = doc.lineCount - 1;
    const tail = { line: last, character: 0 };
    doc.update([{ range: { start: tail, end: tail }, text: 'garbage!\n' }], 6);
    const broken = cache.get(doc);
    assert.equal(broken.method, 'incremental');
    assert.deepEqual(broken.unrecognisedLines, [last]);
    assert.deepEqual(broken.unrecognisedLines, unrecognisedOf(analyze(doc.getText())));
    const garbage = { start: tail, end: { line: last, character: 'garbage!'.length } };
    doc.update([{ range: garbage, text: all[30]! }], 7);
    const mended = cache.get(doc);
    assert.equal(mended.method, 'incremental');
    assert.deepEqual(mended.unrecognisedLines, []);
    assert.deepEqual(mended.analysis, analyze(doc.getText()));
  });

  test('a diagnostic kept from before names the packets its finding names after a renumbering', () => {
    // Two UDP packets among a connection's packets, the second typed over: the packets after it
    // are numbered one lower, on the same lines, and the connection is renumbered, not tracked
    // again (the lines read again start at the first UDP packet).
    const tcp = fixture('test/baseline/fixtures/dup-ack-retrans/n.tcpdump').split('\n');
    const udp = '08:59:49.649500 IP 127.0.0.1.5353 > 127.0.0.1.5353: UDP, length 10';
    const text = [...tcp.slice(0, 4), udp, udp, ...tcp.slice(4)].join('\n');
    const uri = 'file:///workspace/renumbered.tcpdump';
    const m = messagesFor('en');
    const cache = new DocumentCache();
    const doc = new LineDocument(uri, 'tcpdump', 1, text);
    const before = diagnostics(cache.get(doc), m, DEFAULT_SETTINGS);
    assert.ok(before.some((d) => (d.relatedInformation ?? []).length > 0));
    const note = 'the UDP packet was here';
    const line5 = { start: { line: 5, character: 0 }, end: { line: 5, character: udp.length } };
    doc.update([{ range: line5, text: note }], 2);
    const updated = cache.get(doc);
    assert.equal(updated.method, 'incremental');
    const fresh = new LineDocument(uri, 'tcpdump', 2, doc.getText());
    assert.deepEqual(
      diagnostics(updated, m, DEFAULT_SETTINGS),
      diagnostics(new DocumentCache().get(fresh), m, DEFAULT_SETTINGS),
    );
  });

  test('an analysis from scratch is abandoned when the document changes under it', async () => {
    const cache = new DocumentCache();
    const doc = new LineDocument('file:///workspace/changing.tcpdump', 'tcpdump', 1, LOG);
    const first = cache.analyse(doc);
    doc.update([{ text: LOG.split('\n').slice(0, 10).join('\n') }], 2);
    assert.equal(await first, null, 'the analysis of the old text is abandoned');
    const second = await cache.analyse(doc);
    assert.equal(second?.version, 2);
    assert.deepEqual(second?.analysis, analyze(doc.getText()));
  });

  test('a document reopened under the same URI is read from scratch', () => {
    const cache = new DocumentCache();
    const uri = 'file:///workspace/reopened.tcpdump';
    const first = new LineDocument(uri, 'tcpdump', 1, LOG);
    cache.get(first);
    const text = LOG.split('\n').slice(0, 10).join('\n');
    const second = new LineDocument(uri, 'tcpdump', 1, text);
    const again = cache.get(second);
    assert.equal(again.method, 'full');
    assert.deepEqual(again.analysis, analyze(text));
  });
});
