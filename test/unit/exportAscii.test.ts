import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ladder } from '../../client/webview/exporters/ladder';
import { computeLayout } from '../../client/webview/layout';
import { repoRoot } from '../support/paths';
import { toAscii } from '../../client/webview/exporters/ascii';
import { ladderOf, timelineOfText } from '../support/diagramModels';

suite('export: ASCII ladder', () => {
  test('a 3-way close, aligned for a ticket', () => {
    assert.equal(
      toAscii(ladderOf('normal-3way-close')),
      `time             client            server
                 127.0.0.1:50384   127.0.0.1:47001
                 |                 |
08:58:41.000223  |---------------->|  [S] 0 win 65495  (handshake 1/3)
08:58:41.000238  |<----------------|  [S.] 0 ack 1 win 65483  (handshake 2/3)
08:58:41.000287  |---------------->|  [.] ack 1 win 64  (handshake 3/3)
08:58:41.000319  |---------------->|  [P.] 1:75 ack 1 win 64 len 74
08:58:41.000325  |<----------------|  [.] ack 75 win 64
08:58:41.000455  |<----------------|  [P.] 1:196 ack 75 win 64 len 195
08:58:41.000495  |---------------->|  [.] ack 196 win 64
08:58:41.100808  |---------------->|  [F.] 75 ack 196 win 64  (close 1/3)
08:58:41.101056  |<----------------|  [F.] 196 ack 76 win 64  (close 2/3)
08:58:41.101087  |---------------->|  [.] ack 197 win 64  (close 3/3)
`,
    );
  });

  test('RST, findings and idle gaps', () => {
    assert.equal(
      toAscii(ladderOf('port-reuse', { anomaliesOnly: true })),
      `time             client            server
                 127.0.0.1:47113   127.0.0.1:47013
                 |                 |
08:59:47.433660  |---------------x>|  [R.] 77 ack 74 win 64  (abort (RST))  [!] RST
08:59:47.734245  |---------------->|  [S] 0 win 65495  (handshake 1/3)  [i] port reuse
`,
    );
    const keepalive = toAscii(ladderOf('keepalive')).split('\n');
    assert.equal(keepalive[10], '                 :                 :  ~ idle 1.0 s ~');
    assert.equal(
      keepalive[11],
      '08:59:32.888328  |---------------->|  [.] ack 196 win 64  [i] keep-alive',
    );
  });

  test('arrows cross the lanes between their ends; the ladder itself is plain ASCII', () => {
    // The sample: three clients on the left, two servers on the right.
    const file = path.join(repoRoot, 'samples', 'http-session.tcpdump');
    const m = timelineOfText(fs.readFileSync(file, 'utf8'), 'file:///s', 1);
    const lines = toAscii(ladder(m, computeLayout(m))).split('\n');
    assert.equal(
      lines[0],
      'time             client            client            client            server            server',
    );
    assert.equal(
      lines[3],
      '08:57:36.776467  |---------------------------------------------------->|                 |  [S] 0 win 65495  (handshake 1/3)',
    );
    assert.equal(
      lines[16],
      '08:57:37.177656  |                 |---------------------------------->|                 |  [S] 0 win 65495  (handshake 1/3)',
    );
    assert.equal(
      lines[29],
      '08:57:37.379862  |                 |                 |<x---------------------------------|  [R.] 0 ack 1 win 0  (handshake rejected (RST))  [!!] RST, refused',
    );
    for (const line of lines) assert.match(line.slice(0, 108), /^[\x20-\x7e]*$/);
  });
});
