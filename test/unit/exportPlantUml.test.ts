import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ladder } from '../../client/webview/exporters/ladder';
import { NO_FILTER, computeLayout } from '../../client/webview/layout';
import { repoRoot } from '../support/paths';
import { plantumlText, toPlantUml } from '../../client/webview/exporters/plantuml';
import { ladderOf, timelineOfText } from '../support/diagramModels';

suite('export: PlantUML', () => {
  test('one connection of two: the RST is a red lost message', () => {
    assert.equal(
      toPlantUml(ladderOf('port-reuse', { connections: [1] })),
      `@startuml
skinparam sequenceMessageAlign center
hide footbox
participant "client 127.0.0.1:47113" as C1
participant "server 127.0.0.1:47013" as S1
C1 -> S1 : [S] 0 win 65495 · handshake 1/3
S1 -> C1 : [S.] 0 ack 1 win 65483 · handshake 2/3
C1 -> S1 : [.] ack 1 win 64 · handshake 3/3
C1 -> S1 : [P.] 1:77 ack 1 win 64 len 76
S1 -> C1 : [.] ack 77 win 64
S1 -> C1 : [P.] 1:74 ack 77 win 64 len 73
C1 -> S1 : [.] ack 74 win 64
C1 -[#orange]>x S1 : [R.] 77 ack 74 win 64 · abort (RST) · RST
@enduml
`,
    );
  });

  test('idle gaps are delays', () => {
    assert.equal(
      toPlantUml(ladderOf('keepalive', { anomaliesOnly: true })),
      `@startuml
skinparam sequenceMessageAlign center
hide footbox
participant "client 127.0.0.1:60606" as C1
participant "server 127.0.0.1:47010" as S1
C1 -> S1 : [.] ack 196 win 64 · keep-alive
S1 -> C1 : [.] ack 79 win 64 · keep-alive ACK
... idle 1.0 s ...
C1 -> S1 : [.] ack 196 win 64 · keep-alive
S1 -> C1 : [.] ack 79 win 64 · keep-alive ACK
... idle 1.0 s ...
C1 -> S1 : [.] ack 196 win 64 · keep-alive
S1 -> C1 : [.] ack 79 win 64 · keep-alive ACK
... idle 1.0 s ...
C1 -> S1 : [.] ack 196 win 64 · keep-alive
S1 -> C1 : [.] ack 79 win 64 · keep-alive ACK
@enduml
`,
    );
  });

  test("colours follow the findings' severities: warnings orange, information plain", () => {
    const text = toPlantUml(ladderOf('dup-ack-retrans'));
    // A duplicate ACK is information by default (as in the diagnostics): not coloured.
    assert.ok(text.includes('\nS1 -> C1 : [.] ack 1001 win 69 · dup ACK\n'));
    const file = path.join(
      repoRoot,
      'test',
      'baseline',
      'fixtures',
      'dup-ack-retrans',
      'n.tcpdump',
    );
    const m = timelineOfText(fs.readFileSync(file, 'utf8'), 'file:///d', 1, (c) =>
      c === 'duplicate_ack' ? 'warning' : 'information',
    );
    const raised = toPlantUml(ladder(m, computeLayout(m, NO_FILTER)));
    assert.ok(raised.includes('\nS1 -[#orange]> C1 : [.] ack 1001 win 69 · dup ACK\n'));
  });

  test('markup, escapes and quotes are neutralised', () => {
    assert.equal(
      plantumlText('<img:http://x/y.png> "q" a\\nb ~'),
      "‹img:http://x/y.png› ''q'' a\\\\nb ~~",
    );
  });
});
