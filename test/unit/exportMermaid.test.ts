import * as assert from 'node:assert/strict';
import { mermaidText, toMermaid } from '../../client/webview/exporters/mermaid';
import { ladderOf } from '../support/diagramModels';

suite('export: Mermaid sequenceDiagram', () => {
  test('a 3-way close: participants, arrows with labels and steps', () => {
    assert.equal(
      toMermaid(ladderOf('normal-3way-close')),
      `sequenceDiagram
    participant C1 as client 127.0.0.1:50384
    participant S1 as server 127.0.0.1:47001
    C1->>S1: [S] 0 win 65495 · handshake 1/3
    S1->>C1: [S.] 0 ack 1 win 65483 · handshake 2/3
    C1->>S1: [.] ack 1 win 64 · handshake 3/3
    C1->>S1: [P.] 1:75 ack 1 win 64 len 74
    S1->>C1: [.] ack 75 win 64
    S1->>C1: [P.] 1:196 ack 75 win 64 len 195
    C1->>S1: [.] ack 196 win 64
    C1->>S1: [F.] 75 ack 196 win 64 · close 1/3
    S1->>C1: [F.] 196 ack 76 win 64 · close 2/3
    C1->>S1: [.] ack 197 win 64 · close 3/3
`,
    );
  });

  test('RST ends in a cross; idle gaps are notes; anomalies only', () => {
    assert.equal(
      toMermaid(ladderOf('port-reuse', { anomaliesOnly: true })),
      `sequenceDiagram
    participant C1 as client 127.0.0.1:47113
    participant S1 as server 127.0.0.1:47013
    C1-xS1: [R.] 77 ack 74 win 64 · abort (RST) · RST
    C1->>S1: [S] 0 win 65495 · handshake 1/3 · port reuse
`,
    );
    assert.equal(
      toMermaid(ladderOf('keepalive', { anomaliesOnly: true })),
      `sequenceDiagram
    participant C1 as client 127.0.0.1:60606
    participant S1 as server 127.0.0.1:47010
    C1->>S1: [.] ack 196 win 64 · keep-alive
    S1->>C1: [.] ack 79 win 64 · keep-alive ACK
    Note over C1,S1: idle 1.0 s
    C1->>S1: [.] ack 196 win 64 · keep-alive
    S1->>C1: [.] ack 79 win 64 · keep-alive ACK
    Note over C1,S1: idle 1.0 s
    C1->>S1: [.] ack 196 win 64 · keep-alive
    S1->>C1: [.] ack 79 win 64 · keep-alive ACK
    Note over C1,S1: idle 1.0 s
    C1->>S1: [.] ack 196 win 64 · keep-alive
    S1->>C1: [.] ack 79 win 64 · keep-alive ACK
`,
    );
  });

  test('retransmissions are dotted', () => {
    const text = toMermaid(ladderOf('dup-ack-retrans'));
    assert.match(text, /\n {4}S1->>C1: \[\.\] ack 1001 win 69 · dup ACK\n/);
    assert.ok(text.split('\n').every((l) => !l.includes('-->>') || /retransmission/.test(l)));
  });

  test('text that Mermaid would read as syntax or markup is written as entity codes', () => {
    assert.equal(mermaidText('a;b#c<d>"e'), 'a#59;b#35;c#lt;d#gt;#34;e');
  });
});
