import * as assert from 'node:assert/strict';
import type {
  CodeLens,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
  SemanticTokens,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import type { DocumentSummary, Timeline } from '../../server/src/protocol';
import type { Harness } from './harness';
import { fixture, startHarness } from './harness';

const SAMPLE = fixture('samples/http-session.tcpdump');
const LINES = SAMPLE.split('\n');

/** Position of the `nth` occurrence of `token` on `line`. */
function at(line: number, token: string, offset = 0) {
  const character = LINES[line]!.indexOf(token);
  assert.ok(character >= 0, `"${token}" on line ${line}`);
  return { line, character: character + offset };
}

function hoverText(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

suite('lsp in-process: every request on the sample capture', () => {
  let h: Harness;
  let uri: string;

  suiteSetup(async () => {
    h = await startHarness({ locale: 'en' });
    uri = await h.open('sample.tcpdump', SAMPLE);
  });
  suiteTeardown(() => h.dispose());

  const request = <T>(method: string, params: object) =>
    h.client.sendRequest<T>(method, { textDocument: { uri }, ...params });

  test('capabilities', () => {
    const c = h.init.capabilities;
    for (const key of [
      'hoverProvider',
      'inlayHintProvider',
      'codeLensProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'semanticTokensProvider',
    ] as const) {
      assert.ok(c[key], key);
    }
  });

  test('hover on the SYN-ACK flags explains the step, both states and why they changed', async () => {
    const text = hoverText(
      await request<Hover>('textDocument/hover', { position: at(1, 'Flags [S.]', 8) }),
    );
    assert.match(text, /\*\*`Flags \[S\.\]`\*\* SYN\+ACK: the server accepts/);
    assert.match(text, /- `S` SYN: synchronise sequence numbers/);
    assert.match(
      text,
      /Handshake step 2\/3: the server acknowledges the client’s SYN \(ack = ISN\+1\)/,
    );
    assert.match(text, /\| client \| SYN_SENT \| \*\*ESTABLISHED\*\* \|/);
    assert.match(text, /\| server \| SYN_RCVD \| \*\*SYN_RCVD\*\* \|/);
    assert.match(text, /client: received the SYN\+ACK that acknowledges its SYN → ESTABLISHED/);
  });

  test('hover on ack names the segment it acknowledges; on win the scaled window', async () => {
    const ack = hoverText(await request<Hover>('textDocument/hover', { position: at(2, 'ack 1') }));
    assert.match(
      ack,
      /Acknowledgement 1 \(absolute 2504103019\).*It acknowledges packet 2 \(line 2\)\./,
    );
    const win = hoverText(
      await request<Hover>('textDocument/hover', { position: at(3, 'win 64') }),
    );
    assert.match(win, /Receive window 64 × 2\^10 = 65536 bytes/);
    const synWin = hoverText(
      await request<Hover>('textDocument/hover', { position: at(0, 'win 65495') }),
    );
    assert.match(synWin, /Windows in SYN segments are never scaled/);
  });

  test('hover on seq, an option, length, and an endpoint', async () => {
    const seq = hoverText(
      await request<Hover>('textDocument/hover', { position: at(3, 'seq 1:46') }),
    );
    assert.match(seq, /Sequence numbers 1:46 \(absolute 2346624526:2346624571\): 45 bytes of data/);
    const ws = await request<Hover>('textDocument/hover', { position: at(0, 'wscale 10', 2) });
    assert.match(
      hoverText(ws),
      /`wscale 10` — Window scale 10: window values after the handshake are multiplied by 2\^10 = 1024/,
    );
    assert.deepEqual(ws.range, {
      start: at(0, 'wscale 10'),
      end: at(0, 'wscale 10', 'wscale 10'.length),
    });
    const len = hoverText(
      await request<Hover>('textDocument/hover', { position: at(3, 'length 45') }),
    );
    assert.match(len, /^45 bytes of payload\./);
    const ep = hoverText(
      await request<Hover>('textDocument/hover', { position: at(0, '127.0.0.1.48080', 3) }),
    );
    assert.match(ep, /— server of connection c1: SYN_RCVD/);
  });

  test('the first line of a connection shows its verdict: completeness, Zeek, both directions', async () => {
    const text = hoverText(
      await request<Hover>('textDocument/hover', { position: at(0, '08:57') }),
    );
    assert.match(text, /Wireshark completeness: Complete, WITH_DATA \(`·FDASS`\)/);
    assert.match(text, /Zeek: conn_state `SF`, history `ShADadfF`/);
    assert.match(text, /- client: 13 packets|- client: \d+ packets, 45 bytes of data/);
  });

  test('hover on the refusing RST carries the finding, errno and what to check', async () => {
    const text = hoverText(
      await request<Hover>('textDocument/hover', { position: at(26, '08:57') }),
    );
    assert.match(text, /handshake rejected \(RST\)/);
    assert.match(text, /⚠ \*\*Connection refused\*\* \(`refused`\) — packet 26 \(line 26\)/);
    assert.match(text, /connect\(\) fails with ECONNREFUSED \(111\)/);
  });

  test('diagnostics: the refusal is an error pointing at its SYN; nothing else in a healthy capture', async () => {
    const diags = await h.diagnostics(uri);
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.severity, d.code, d.source]),
      [[26, 1, 'refused', 'tcpdump-lens']],
    );
    assert.match(diags[0]!.message, /^Connection refused: The SYN was answered with RST/);
    assert.deepEqual(
      diags[0]!.relatedInformation!.map((r) => r.location.range.start.line),
      [25],
    );
  });

  test('inlay hints at the end of each TCP line', async () => {
    const hints = await request<InlayHint[]>('textDocument/inlayHint', {
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    assert.deepEqual(
      hints.map((x) => [x.position, x.label]),
      [
        [
          { line: 0, character: LINES[0]!.length },
          '⟨handshake 1/3⟩ client SYN_SENT · server SYN_RCVD',
        ],
        [
          { line: 1, character: LINES[1]!.length },
          '⟨handshake 2/3⟩ client ESTABLISHED · server SYN_RCVD',
        ],
        [
          { line: 2, character: LINES[2]!.length },
          '⟨handshake 3/3⟩ client ESTABLISHED · server ESTABLISHED',
        ],
        [{ line: 3, character: LINES[3]!.length }, 'client ESTABLISHED · server ESTABLISHED'],
      ],
    );
  });

  test('CodeLenses per connection: its summary listing its packets, and its sequence diagram', async () => {
    const all = await request<CodeLens[]>('textDocument/codeLens', {});
    const diagrams = all.filter((l) => l.command!.command === 'tcpdumpLens.showSequenceDiagram');
    assert.deepEqual(
      diagrams.map((l) => [l.range.start.line, l.command!.title, l.command!.arguments]),
      [
        [0, 'Sequence diagram', [{ uri, connection: 1 }]],
        [13, 'Sequence diagram', [{ uri, connection: 2 }]],
        [25, 'Sequence diagram', [{ uri, connection: 3 }]],
      ],
    );
    const lenses = all.filter((l) => l.command!.command !== 'tcpdumpLens.showSequenceDiagram');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command!.title]),
      [
        [
          0,
          '127.0.0.1.33156 ⇄ 127.0.0.1.48080 · 13 packets · complete · 4-way close · client CLOSED, server TIME_WAIT · SF',
        ],
        [
          13,
          '127.0.0.1.33170 ⇄ 127.0.0.1.48080 · 12 packets · complete · 3-way close · client CLOSED, server TIME_WAIT · SF',
        ],
        [
          25,
          '127.0.0.1.56174 ⇄ 127.0.0.1.48081 · 2 packets · refused · not closed · client CLOSED, server CLOSED · REJ · ⚠ 2 findings',
        ],
      ],
    );
    assert.equal(lenses[2]!.command!.command, 'tcpdumpLens.showConnectionPackets');
    assert.deepEqual(lenses[2]!.command!.arguments, [{ uri, line: 25, lines: [25, 26] }]);
  });

  test('document symbols: one per connection, with handshake, data and close phases', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {});
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.range.start.line, s.range.end.line]),
      [
        [
          'c1 127.0.0.1.33156 ⇄ 127.0.0.1.48080',
          'complete · 4-way close · CLOSED/TIME_WAIT',
          0,
          12,
        ],
        [
          'c2 127.0.0.1.33170 ⇄ 127.0.0.1.48080',
          'complete · 3-way close · CLOSED/TIME_WAIT',
          13,
          24,
        ],
        ['c3 127.0.0.1.56174 ⇄ 127.0.0.1.48081', 'refused · not closed · CLOSED/CLOSED', 25, 26],
      ],
    );
    assert.deepEqual(
      symbols[0]!.children!.map((c) => [c.name, c.detail, c.range.start.line, c.range.end.line]),
      [
        ['handshake', '3', 0, 2],
        ['data', '6', 3, 8],
        ['close', '4', 9, 12],
      ],
    );
  });

  test('workspace symbols find connections by endpoint', async () => {
    const found = await h.client.sendRequest<SymbolInformation[]>('workspace/symbol', {
      query: '48081',
    });
    assert.deepEqual(
      found.map((s) => [s.name, s.location.range.start.line]),
      [['127.0.0.1.56174 ⇄ 127.0.0.1.48081', 25]],
    );
  });

  test('go to definition on an ack jumps to the segment it acknowledges', async () => {
    const loc = await request<Location | null>('textDocument/definition', {
      position: at(4, 'ack 46'),
    });
    assert.equal(loc!.range.start.line, 3);
    const none = await request<Location | null>('textDocument/definition', {
      position: at(4, 'win 64'),
    });
    assert.equal(none, null);
  });

  test('references on an endpoint list every packet of the connection', async () => {
    const refs = await request<Location[]>('textDocument/references', {
      position: at(25, '127.0.0.1.56174', 1),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => r.range.start.line),
      [25, 26],
    );
  });

  test('document highlights mark the connection, by direction', async () => {
    const marks = await request<DocumentHighlight[]>('textDocument/documentHighlight', {
      position: at(25, 'Flags'),
    });
    assert.deepEqual(
      marks.map((m) => [m.range.start.line, m.kind]),
      [
        [25, 2],
        [26, 3],
      ],
    );
  });

  test('semantic tokens tint SRC > DST by direction', async () => {
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', {});
    const first = LINES[0]!.indexOf('127.0.0.1.33156');
    const width = LINES[0]!.indexOf(': Flags') - first;
    assert.deepEqual(tokens.data.slice(0, 10), [0, first, width, 0, 0, 1, first, width, 1, 0]);
    assert.equal(tokens.data.length, 27 * 5);
  });

  test('document summary for the status bar', async () => {
    const s = await h.client.sendRequest<DocumentSummary>('tcpdumpLens/documentSummary', { uri });
    assert.deepEqual(s, {
      uri,
      version: 1,
      connections: 3,
      packets: 27,
      tcpPackets: 27,
      findings: 2,
      unrecognisedLines: 0,
    });
  });

  test('requests about an unknown document answer empty', async () => {
    const other = {
      textDocument: { uri: 'file:///nope.tcpdump' },
      position: { line: 0, character: 0 },
    };
    assert.equal(await h.client.sendRequest('textDocument/hover', other), null);
    assert.deepEqual(await h.client.sendRequest('textDocument/codeLens', other), []);
  });
});

suite('lsp in-process: language and settings', () => {
  test('Chinese explanations follow the client locale', async () => {
    const h = await startHarness({ locale: 'zh-cn' });
    try {
      const uri = await h.open('sample.tcpdump', SAMPLE);
      const hover = await h.client.sendRequest<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: at(1, 'Flags [S.]', 8),
      });
      const text = hoverText(hover);
      assert.match(text, /三次握手第 2\/3 步:服务端确认客户端的 SYN\(ack = ISN\+1\)/);
      assert.match(text, /SYN\+ACK:服务端接受连接并发出自己的 SYN/);
      const diags = await h.diagnostics(uri);
      assert.match(diags[0]!.message, /^连接被拒绝:SYN 被 RST 回应/);
    } finally {
      h.dispose();
    }
  });

  test('diagnostics stop at the most a file is given, the most severe first, and say that more were left out', async () => {
    const text = fixture('test/baseline/fixtures/syn-flood/n.tcpdump');
    const all = await startHarness({ settings: { diagnostics: { maxPerFile: 0 } } });
    const capped = await startHarness({ settings: { diagnostics: { maxPerFile: 5 } } });
    try {
      const every = await all.diagnostics(await all.open('flood.tcpdump', text));
      const few = await capped.diagnostics(await capped.open('flood.tcpdump', text));
      assert.ok(every.length > 5, `${every.length} findings`);
      assert.ok(new Set(every.map((d) => d.severity)).size > 1, 'findings of several severities');
      const expected = [...every]
        .map((d, i) => ({ d, i }))
        .sort((a, b) => a.d.severity! - b.d.severity! || a.i - b.i)
        .slice(0, 4)
        .map(({ d }) => d);
      assert.deepEqual(few.slice(0, 4), expected);
      assert.equal(few.length, 5);
      assert.equal(few[4]!.code, 'findings_not_shown');
      assert.equal(few[4]!.severity, 3);
      assert.match(few[4]!.message, /^Only the 4 most severe findings are listed here/);
    } finally {
      all.dispose();
      capped.dispose();
    }
  });

  test('the language setting overrides the locale; severities, hint style and features follow settings', async () => {
    const h = await startHarness({
      locale: 'en',
      settings: {
        language: 'zh-CN',
        inlayHints: { style: 'compact' },
        diagnostics: { severity: { refused: 'warning', unrecognised_line: 'information' } },
        codeLens: { enabled: false },
        directionColors: { enabled: false },
      },
    });
    try {
      const uri = await h.open(
        'mixed.tcpdump',
        `${LINES.slice(25, 27).join('\n')}\nnot a tcpdump line\n`,
      );
      const diags = await h.diagnostics(uri);
      assert.deepEqual(
        diags.map((d) => [d.range.start.line, d.severity, d.code]),
        [
          [1, 2, 'refused'],
          [2, 3, 'unrecognised_line'],
        ],
      );
      assert.match(diags[0]!.message, /^连接被拒绝/);
      const hints = await h.client.sendRequest<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
      });
      assert.deepEqual(
        hints.map((x) => x.label),
        ['handshake 1/3 · SYN_SENT/CLOSED', 'handshake rejected (RST) · CLOSED/CLOSED'],
      );
      assert.deepEqual(
        await h.client.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
        [],
      );
      const tokens = await h.client.sendRequest<SemanticTokens>(
        'textDocument/semanticTokens/full',
        { textDocument: { uri } },
      );
      assert.deepEqual(tokens.data, []);
      // The diagram colours findings with the same severities as the diagnostics.
      const timeline = await h.client.sendRequest<Timeline>('tcpdumpLens/timeline', { uri });
      assert.deepEqual(timeline.packets[1]!.findingSeverities, ['warning', 'warning']);
    } finally {
      h.dispose();
    }
  });
});

suite('lsp in-process: sequence-diagram model', () => {
  test('two lanes per connection, one arrow per TCP packet with labels, states and findings', async () => {
    const h = await startHarness({ locale: 'en' });
    try {
      const uri = await h.open('sample.tcpdump', SAMPLE);
      const t = await h.client.sendRequest<Timeline>('tcpdumpLens/timeline', { uri });
      assert.deepEqual(
        t.lanes.map((l) => [l.id, l.label, l.role, l.connection]),
        [
          [0, '127.0.0.1.33156', 'client', 1],
          [1, '127.0.0.1.48080', 'server', 1],
          [2, '127.0.0.1.33170', 'client', 2],
          [3, '127.0.0.1.48080', 'server', 2],
          [4, '127.0.0.1.56174', 'client', 3],
          [5, '127.0.0.1.48081', 'server', 3],
        ],
      );
      assert.equal(t.packets.length, 27);
      assert.deepEqual(t.packets[1], {
        packet: 2,
        line: 1,
        firstLine: 1,
        lastLine: 1,
        time: t.packets[1]!.time,
        timeText: '08:57:36.776483',
        connection: 1,
        from: 1,
        to: 0,
        flags: 'S.',
        seq: '2504103018',
        ack: 2346624526,
        // As tcpdump prints the packets after the handshake: relative to each side's ISN.
        relativeSeq: '0',
        relativeAck: 1,
        win: 65483,
        length: 0,
        step: 'handshake 2/3',
        stateAfter: { client: 'ESTABLISHED', server: 'SYN_RCVD' },
        findings: [],
        findingSeverities: [],
      });
      assert.ok(Math.abs(t.packets[1].time! - 0.000016) < 1e-9);
      assert.deepEqual(t.packets[26]!.findings, ['rst', 'refused']);
      // The severities the diagnostics give those findings.
      assert.deepEqual(t.packets[26]!.findingSeverities, ['warning', 'error']);
      assert.deepEqual(
        t.connections.map((c) => [c.id, c.handshake, c.close, c.findings]),
        [
          [1, 'complete', '4-way', 0],
          [2, 'complete', '3-way', 0],
          [3, 'refused', 'none', 2],
        ],
      );
    } finally {
      h.dispose();
    }
  });
});
