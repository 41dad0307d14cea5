import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Hover } from 'vscode-languageserver-protocol';
import type { Harness } from './harness';
import { fixture, startHarness } from './harness';
import { synFlood } from '../support/streamedLogs';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** The sample session repeated on `copies` client ports: a document of many connections. */
function largeDocument(copies: number): string {
  const sample = fixture('samples/http-session.tcpdump');
  const parts: string[] = [];
  for (let i = 0; i < copies; i++)
    parts.push(sample.replaceAll('127.0.0.1.33156', `127.0.0.1.${33157 + i}`));
  return parts.join('');
}

/**
 * Opens `text`, waits for its analysis, closes it and waits until the close was handled; gives
 * its size. A function of its own, so that nothing of the caller's holds the text afterwards.
 */
async function openAndClose(h: Harness, text: string): Promise<number> {
  const uri = await h.open('closed.tcpdump', text);
  await h.diagnostics(uri);
  await h.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  // Messages are handled in order: an answer after the close means the close was handled.
  await h.client.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 0 },
  });
  return text.length;
}

suite('lsp: memory', function () {
  this.timeout(120000);
  let h: Harness;

  setup(async () => {
    h = await startHarness();
  });
  teardown(() => h.dispose());

  test('opening and closing a large document 50 times does not grow the heap', async () => {
    const text = largeDocument(400);
    // The server handles messages in order: an answer to a request sent after didClose means
    // the close has been handled.
    const close = async (uri: string): Promise<void> => {
      await h.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const after = await h.client.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 60 },
      });
      assert.equal(after, null, 'a closed document answers empty');
    };
    const cycle = async (n: number): Promise<void> => {
      const uri = await h.open(`large-${n}.tcpdump`, text);
      await h.diagnostics(uri);
      const hover = await h.client.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 60 },
      });
      assert.ok(hover, 'the document was analysed');
      await close(uri);
    };
    // Warm up: code, caches and pools that the first analyses create are not growth.
    for (let n = 0; n < 5; n++) await cycle(n);
    const warm = heapAfterCollection();

    const uri = await h.open('held.tcpdump', text);
    await h.diagnostics(uri);
    const withOneOpen = heapAfterCollection();
    await close(uri);
    const oneDocument = withOneOpen - warm;

    for (let n = 5; n < 50; n++) await cycle(n);
    const after = heapAfterCollection();
    const growth = after - warm;
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    console.log(
      `      document ${mb(text.length)}, one open analysis ${mb(oneDocument)}, ` +
        `heap growth after 50 open/close cycles ${mb(growth)}`,
    );
    assert.ok(oneDocument > 0, 'an open document holds its analysis');
    // A leak of even one analysis per cycle would grow by 45 analyses.
    assert.ok(
      growth < oneDocument / 2,
      `heap grew ${mb(growth)} after 50 cycles; one analysis is ${mb(oneDocument)}`,
    );
  });

  test('an open SYN flood of 30,000 connections keeps under 3.7 KB per connection, its text included', async () => {
    // 30,000 connections of one unanswered SYN each. What the connections agree on (statistics
    // of the silent side, verdict parts, finding lists) is shared, and their short lists take
    // the room of what they hold. With the text, each keeps about 3.1 KB; it kept 4.1 KB before.
    const connections = 30000;
    const text = synFlood(fixture('test/baseline/fixtures/syn-flood/n.tcpdump'), connections);
    const before = heapAfterCollection();
    const uri = await h.open('flood.tcpdump', text);
    const published = await h.diagnostics(uri);
    assert.ok(published.length > 0, 'the flood was analysed');
    const perConnection = (heapAfterCollection() - before) / connections;
    console.log(`      ${(perConnection / 1000).toFixed(2)} KB per connection, text included`);
    assert.ok(perConnection < 3700, `${perConnection.toFixed(0)} bytes per connection`);
  });

  test('a closed document leaves none of its text behind', async () => {
    // The parser's caches keep the endpoints, flags and options it read. V8 cuts a slice of a
    // line as a view into the whole document, so a slice kept as it was cut kept the document
    // alive after it was closed: here 8 MB.
    const before = heapAfterCollection();
    const bytes = await openAndClose(h, largeDocument(2000));
    // The server lets go of the analysis a turn of the event loop after it answered the request
    // sent after the close (run alone, this test saw all of it left when it judged at once): a
    // few turns are given before what is left is judged.
    let left = heapAfterCollection() - before;
    for (let turn = 0; turn < 20 && left >= bytes / 2; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      left = heapAfterCollection() - before;
    }
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    console.log(`      document ${mb(bytes)}, left after closing it ${mb(left)}`);
    assert.ok(left < bytes / 2, `${mb(left)} left after closing a ${mb(bytes)} document`);
  });
});
