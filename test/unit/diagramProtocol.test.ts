import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  contentSecurityPolicy,
  createNonce,
  escapeHtml,
  webviewHtml,
} from '../../client/src/sequenceDiagram/webviewHtml';
import type { DiagramModel } from '../../client/src/webviewProtocol';
import {
  MAX_EXPORT_CHARS,
  isSafeFileName,
  parseDiagramFilter,
  parseWebviewToHost,
} from '../../client/src/webviewProtocol';
import { isDiagramModel, parseHostToWebview } from '../../client/webview/inbound';
import { repoRoot } from '../support/paths';
import { timelineOfText } from '../support/diagramModels';

function model(): DiagramModel {
  const file = path.join(repoRoot, 'test', 'baseline', 'fixtures', 'port-reuse', 'n.tcpdump');
  // Through JSON, as it crosses the LSP connection and the webview boundary.
  return JSON.parse(
    JSON.stringify(timelineOfText(fs.readFileSync(file, 'utf8'), 'file:///p', 3)),
  ) as DiagramModel;
}

suite('webview protocol: messages from the webview are validated', () => {
  test('well-formed messages pass, reduced to their known fields', () => {
    assert.deepEqual(parseWebviewToHost({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewToHost({ type: 'revealLine', line: 7, preserveFocus: true }), {
      type: 'revealLine',
      line: 7,
      preserveFocus: true,
    });
    assert.deepEqual(parseWebviewToHost({ type: 'pickConnections', selected: [1, 3] }), {
      type: 'pickConnections',
      selected: [1, 3],
    });
    assert.deepEqual(
      parseWebviewToHost({
        type: 'export',
        format: 'mermaid',
        target: 'untitled',
        content: 'sequenceDiagram\n',
        suggestedName: 'n-c1-sequence.mmd',
      }),
      {
        type: 'export',
        format: 'mermaid',
        target: 'untitled',
        content: 'sequenceDiagram\n',
        suggestedName: 'n-c1-sequence.mmd',
      },
    );
    assert.deepEqual(
      parseWebviewToHost({
        type: 'filterChanged',
        filter: { connections: [2], anomaliesOnly: true, from: 0.5, to: null },
      }),
      {
        type: 'filterChanged',
        filter: { connections: [2], anomaliesOnly: true, from: 0.5, to: null },
      },
    );
    assert.deepEqual(parseWebviewToHost({ type: 'error', message: 'x'.repeat(5000) }), {
      type: 'error',
      message: 'x'.repeat(2000),
    });
  });

  test('anything else is refused', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'revealLine', line: -1, preserveFocus: true },
      { type: 'revealLine', line: 1.5, preserveFocus: true },
      { type: 'revealLine', line: '3', preserveFocus: true },
      { type: 'revealLine', line: 3 },
      { type: 'pickConnections', selected: [1, 'x'] },
      { type: 'export', format: 'html', target: 'file', content: '', suggestedName: 'a.html' },
      { type: 'export', format: 'svg', target: 'disk', content: '', suggestedName: 'a.svg' },
      { type: 'export', format: 'svg', target: 'file', content: 1, suggestedName: 'a.svg' },
      { type: 'export', format: 'svg', target: 'file', content: '', suggestedName: '../a.svg' },
      { type: 'export', format: 'svg', target: 'file', content: '', suggestedName: '/etc/x' },
      { type: 'export', format: 'svg', target: 'file', content: '', suggestedName: '.bashrc' },
      {
        type: 'export',
        format: 'png',
        target: 'untitled',
        content: 'AAAA',
        suggestedName: 'a.png',
      },
      { type: 'export', format: 'png', target: 'file', content: '<svg>', suggestedName: 'a.png' },
      {
        type: 'export',
        format: 'ascii',
        target: 'file',
        content: 'x'.repeat(MAX_EXPORT_CHARS + 1),
        suggestedName: 'a.txt',
      },
      {
        type: 'filterChanged',
        filter: { connections: [], anomaliesOnly: 'yes', from: null, to: null },
      },
      {
        type: 'filterChanged',
        filter: { connections: [], anomaliesOnly: false, from: NaN, to: null },
      },
      { type: 'error', message: {} },
    ];
    for (const m of bad) assert.equal(parseWebviewToHost(m), undefined, JSON.stringify(m));
  });

  test('file names and restored filters', () => {
    assert.ok(isSafeFileName('capture-c1_3-sequence.svg'));
    for (const n of ['', '.x', 'a/b', 'a\\b', 'a b', 'x'.repeat(121), '-rf', 'a\u0000'])
      assert.equal(isSafeFileName(n), false, n);
    assert.equal(
      parseDiagramFilter({ connections: [1], anomaliesOnly: false, from: null }),
      undefined,
    );
    assert.deepEqual(
      parseDiagramFilter({ connections: [], anomaliesOnly: false, from: null, to: 3, x: 1 }),
      { connections: [], anomaliesOnly: false, from: null, to: 3 },
    );
  });
});

suite('webview protocol: messages from the host are checked in the webview', () => {
  test('the server model of a real capture passes', () => {
    const m = model();
    assert.ok(isDiagramModel(m));
    const msg = parseHostToWebview({ type: 'model', model: m, documentName: 'p.tcpdump' });
    assert.equal(msg?.type, 'model');
    assert.deepEqual(parseHostToWebview({ type: 'cursor', line: 4, packet: 5 }), {
      type: 'cursor',
      line: 4,
      packet: 5,
    });
    assert.deepEqual(parseHostToWebview({ type: 'cursor', line: 4, packet: null, x: 1 }), {
      type: 'cursor',
      line: 4,
      packet: null,
    });
    assert.deepEqual(parseHostToWebview({ type: 'focusConnections', connections: [2] }), {
      type: 'focusConnections',
      connections: [2],
    });
    assert.deepEqual(parseHostToWebview({ type: 'requestExport', format: 'png', target: 'file' }), {
      type: 'requestExport',
      format: 'png',
      target: 'file',
    });
  });

  test('a damaged model or message is refused', () => {
    const damage: Array<(m: Record<string, unknown>) => void> = [
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['from'] = 99),
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['line'] = -1),
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['flags'] = 7),
      (m) =>
        ((m['packets'] as Array<Record<string, unknown>>)[3]!['stateAfter'] = {
          client: 'OPEN',
          server: 'CLOSED',
        }),
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['findings'] = [1]),
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['line'] = 0),
      // The new fields: relative numbers, severities, the packet's line range and its order.
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['relativeSeq'] = 1),
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['relativeAck'] = '1'),
      (m) => delete (m['packets'] as Array<Record<string, unknown>>)[3]!['relativeSeq'],
      (m) => ((m['packets'] as Array<Record<string, unknown>>)[3]!['findingSeverities'] = ['x']),
      (m) => {
        const p = (m['packets'] as Array<Record<string, unknown>>)[3]!;
        p['findings'] = ['rst'];
        p['findingSeverities'] = [];
      },
      (m) => delete (m['packets'] as Array<Record<string, unknown>>)[3]!['findingSeverities'],
      (m) => delete (m['packets'] as Array<Record<string, unknown>>)[3]!['firstLine'],
      (m) => {
        const p = (m['packets'] as Array<Record<string, unknown>>)[3]!;
        p['lastLine'] = (p['line'] as number) - 1;
      },
      (m) => {
        const ps = m['packets'] as Array<Record<string, unknown>>;
        ps[3]!['packet'] = ps[2]!['packet'];
      },
      (m) => ((m['lanes'] as Array<Record<string, unknown>>)[1]!['id'] = 5),
      (m) => ((m['connections'] as Array<Record<string, unknown>>)[0]!['serverLane'] = 40),
      (m) => (m['packets'] = {}),
    ];
    for (const [i, d] of damage.entries()) {
      const m = model() as unknown as Record<string, unknown>;
      d(m);
      assert.equal(isDiagramModel(m), false, `damage ${i}`);
      assert.equal(parseHostToWebview({ type: 'model', model: m, documentName: 'x' }), undefined);
    }
    for (const bad of [
      { type: 'cursor', line: -2, packet: null },
      { type: 'cursor', line: 2 },
      { type: 'cursor', line: 2, packet: -1 },
      { type: 'cursor', line: 2, packet: '3' },
      { type: 'focusConnections', connections: ['1'] },
      { type: 'requestExport', format: 'pdf', target: 'file' },
      { type: 'notice', level: 'fatal', message: '' },
      { type: 'eval', code: 'alert(1)' },
    ])
      assert.equal(parseHostToWebview(bad), undefined, JSON.stringify(bad));
  });
});

suite('webview page: Content-Security-Policy and nonce', () => {
  const options = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/styles.css',
    documentUri: 'file:///logs/a"b<c>.tcpdump',
    title: 'Sequence diagram: a"b<c>.tcpdump',
  };

  test('a strict policy: nothing but the nonce-bearing bundle script and local styles', () => {
    const nonce = createNonce();
    const csp = contentSecurityPolicy(options.cspSource, nonce);
    assert.equal(
      csp,
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${options.cspSource}; font-src ${options.cspSource}; base-uri 'none'; form-action 'none'`,
    );
    assert.ok(!csp.includes('unsafe'));
    const html = webviewHtml({ ...options, nonce });
    assert.ok(
      html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`),
    );
    // One script, external, carrying the nonce; no inline script or style, no event attribute.
    assert.deepEqual(
      [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
      [`<script nonce="${nonce}" src="${options.scriptUri}">`],
    );
    assert.ok(!/<style|style=| on[a-z]+=/.test(html));
    // The document URI and title are escaped.
    assert.ok(html.includes('data-uri="file:///logs/a&quot;b&lt;c&gt;.tcpdump"'));
    assert.ok(html.includes('<title>Sequence diagram: a&quot;b&lt;c&gt;.tcpdump</title>'));
  });

  test('nonces are fresh, random and 128 bits', () => {
    const seen = new Set(Array.from({ length: 200 }, () => createNonce()));
    assert.equal(seen.size, 200);
    for (const n of seen) assert.equal(Buffer.from(n, 'base64').length, 16);
    assert.throws(() => webviewHtml({ ...options, nonce: `abc" onload="x` }));
  });
});
