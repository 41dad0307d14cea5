import * as assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/analysis';
import { analyze } from '../../server/src/analysis';

const C = '10.0.0.1.40000';
const S = '10.0.0.2.80';
let clock = 0;

/** One tcpdump line (relative numbers, as tcpdump prints by default), `at` seconds after the start. */
function line(from: 'c' | 's', body: string, at?: number): string {
  clock = at ?? clock + 0.001;
  const t = `12:00:${clock.toFixed(6).padStart(9, '0')}`;
  return from === 'c' ? `${t} IP ${C} > ${S}: Flags ${body}` : `${t} IP ${S} > ${C}: Flags ${body}`;
}

function run(...lines: string[]): Analysis {
  clock = 0;
  return analyze(lines.join('\n'));
}

const HANDSHAKE = () => [
  line(
    'c',
    '[S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
    0,
  ),
  line(
    's',
    '[S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
  ),
  line('c', '[.], ack 1, win 502, length 0'),
];

const table = (a: Analysis) =>
  a.tcp.map((t) => `${t.step ?? '-'} | ${t.stateAfter.client} ${t.stateAfter.server}`);

suite('state machines: both endpoints through handshakes and closes', () => {
  test('three-way handshake', () => {
    const a = run(...HANDSHAKE());
    assert.deepEqual(table(a), [
      'handshake 1/3 | SYN_SENT SYN_RCVD',
      'handshake 2/3 | ESTABLISHED SYN_RCVD',
      'handshake 3/3 | ESTABLISHED ESTABLISHED',
    ]);
    assert.equal(a.connections[0]!.handshake, 'complete');
    assert.equal(a.connections[0]!.client, C);
    assert.equal(a.tcp[2]!.absoluteAck, 5001, 'relative ack 1 recovered as server ISN + 1');
  });

  test('four-segment close, client first', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[F.], seq 1, ack 1, win 502, length 0'),
      line('s', '[.], ack 2, win 509, length 0'),
      line('s', '[F.], seq 1, ack 2, win 509, length 0'),
      line('c', '[.], ack 2, win 502, length 0'),
    );
    assert.deepEqual(table(a).slice(3), [
      'close 1/4 | FIN_WAIT_1 CLOSE_WAIT',
      'close 2/4 | FIN_WAIT_2 CLOSE_WAIT',
      'close 3/4 | TIME_WAIT LAST_ACK',
      'close 4/4 | TIME_WAIT CLOSED',
    ]);
    const c = a.connections[0]!;
    assert.deepEqual(
      [c.close, c.activeCloser, c.finalState],
      ['4-way', 'client', { client: 'TIME_WAIT', server: 'CLOSED' }],
    );
  });

  test('three-segment close, server first', () => {
    const a = run(
      ...HANDSHAKE(),
      line('s', '[F.], seq 1, ack 1, win 509, length 0'),
      line('c', '[F.], seq 1, ack 2, win 502, length 0'),
      line('s', '[.], ack 2, win 509, length 0'),
    );
    assert.deepEqual(table(a).slice(3), [
      'close 1/3 | CLOSE_WAIT FIN_WAIT_1',
      'close 2/3 | LAST_ACK TIME_WAIT',
      'close 3/3 | CLOSED TIME_WAIT',
    ]);
    assert.deepEqual(
      [a.connections[0]!.close, a.connections[0]!.activeCloser],
      ['3-way', 'server'],
    );
  });

  test('half-close: the passive side keeps sending after acknowledging the FIN', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[F.], seq 1, ack 1, win 502, length 0'),
      line('s', '[.], ack 2, win 509, length 0'),
      line('s', '[P.], seq 1:101, ack 2, win 509, length 100'),
      line('c', '[.], ack 101, win 501, length 0'),
      line('s', '[F.], seq 101, ack 2, win 509, length 0'),
      line('c', '[.], ack 102, win 501, length 0'),
    );
    assert.equal(a.connections[0]!.close, 'half-close');
    assert.equal(table(a)[6], '- | FIN_WAIT_2 CLOSE_WAIT');
    assert.equal(a.connections[0]!.bytes.server, 100);
  });

  test('simultaneous close: FINs cross, both go through CLOSING to TIME_WAIT', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[F.], seq 1, ack 1, win 502, length 0'),
      line('s', '[F.], seq 1, ack 1, win 509, length 0'),
      line('c', '[.], ack 2, win 502, length 0'),
      line('s', '[.], ack 2, win 509, length 0'),
    );
    assert.deepEqual(table(a).slice(3), [
      'close 1/4 (simultaneous: FIN) | FIN_WAIT_1 CLOSING',
      'close 2/4 (simultaneous: FIN) | CLOSING CLOSING',
      'close 3/4 (simultaneous: ACK of peer FIN) | CLOSING TIME_WAIT',
      'close 4/4 (simultaneous: ACK of peer FIN) | TIME_WAIT TIME_WAIT',
    ]);
    assert.equal(a.connections[0]!.close, 'simultaneous');
  });

  test('simultaneous open: two SYNs cross, then two SYN-ACKs', () => {
    const a = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('s', '[S], seq 5000, win 64240, length 0'),
      line('c', '[S.], seq 1000, ack 5001, win 64240, length 0'),
      line('s', '[S.], seq 5000, ack 1001, win 64240, length 0'),
    );
    assert.deepEqual(table(a), [
      'handshake 1/4 (simultaneous: SYN) | SYN_SENT SYN_RCVD',
      'handshake 2/4 (simultaneous: SYN) | SYN_RCVD SYN_RCVD',
      'handshake 3/4 (simultaneous: SYN-ACK) | SYN_RCVD ESTABLISHED',
      'handshake 4/4 (simultaneous: SYN-ACK) | ESTABLISHED ESTABLISHED',
    ]);
    assert.equal(a.connections[0]!.handshake, 'simultaneous open');
    // Each SYN-ACK repeats its sender's SYN sequence number: Wireshark calls that a retransmission.
    assert.deepEqual(
      a.tcp.map((t) => t.findings),
      [[], [], ['retransmission'], ['retransmission']],
    );
  });

  test('refused: RST answers the SYN; the server never left CLOSED', () => {
    const a = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('s', '[R.], seq 0, ack 1001, win 0, length 0'),
    );
    assert.deepEqual(table(a), [
      'handshake 1/3 | SYN_SENT CLOSED',
      'handshake rejected (RST) | CLOSED CLOSED',
    ]);
    assert.deepEqual(a.tcp[1]!.findings, ['rst', 'refused']);
    const c = a.connections[0]!;
    assert.deepEqual([c.handshake, c.close, c.activeCloser], ['refused', 'none', null]);
  });

  test('unanswered SYNs: retransmissions keep their step, the server stays UNKNOWN', () => {
    const a = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('c', '[S], seq 1000, win 64240, length 0', 1),
      line('c', '[S], seq 1000, win 64240, length 0', 3),
    );
    assert.deepEqual(table(a), [
      'handshake 1/3 | SYN_SENT UNKNOWN',
      'handshake 1/3 | SYN_SENT UNKNOWN',
      'handshake 1/3 | SYN_SENT UNKNOWN',
    ]);
    assert.deepEqual(
      a.tcp.map((t) => t.findings),
      [[], ['syn_retransmission'], ['syn_retransmission', 'syn_unanswered']],
    );
    assert.equal(a.connections[0]!.handshake, 'no answer');
    assert.equal(a.connections.length, 1);
  });

  test('SYN answered after retransmissions: only the last copy is known to have reached the server', () => {
    const a = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('c', '[S], seq 1000, win 64240, length 0', 1),
      line('s', '[S.], seq 5000, ack 1001, win 65160, length 0', 1.0001),
      line('c', '[.], ack 1, win 502, length 0'),
    );
    assert.deepEqual(table(a), [
      'handshake 1/3 | SYN_SENT UNKNOWN',
      'handshake 1/3 | SYN_SENT SYN_RCVD',
      'handshake 2/3 | ESTABLISHED SYN_RCVD',
      'handshake 3/3 | ESTABLISHED ESTABLISHED',
    ]);
    assert.deepEqual(a.tcp[1]!.stateBefore, { client: 'SYN_SENT', server: 'UNKNOWN' });
  });

  test('half-open handshake: SYN-ACK never acknowledged', () => {
    const a = run(
      ...HANDSHAKE().slice(0, 2),
      line('s', '[S.], seq 5000, ack 1001, win 65160, length 0', 1),
    );
    assert.equal(a.connections[0]!.handshake, 'half-open');
    assert.deepEqual(a.tcp[2]!.findings, ['retransmission']);
    assert.equal(a.tcp[2]!.step, 'handshake 2/3');
  });

  test('RST abort in the middle of a connection', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[P.], seq 1:11, ack 1, win 502, length 10'),
      line('s', '[R.], seq 1, ack 11, win 509, length 0'),
    );
    assert.equal(table(a)[4], 'abort (RST) | CLOSED CLOSED');
    const c = a.connections[0]!;
    assert.deepEqual([c.close, c.activeCloser], ['abort', 'server']);
  });

  test('CLOSE_WAIT left at the end of the capture', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[F.], seq 1, ack 1, win 502, length 0'),
      line('s', '[.], ack 2, win 509, length 0'),
    );
    const c = a.connections[0]!;
    assert.deepEqual(
      [c.close, c.finalState],
      ['incomplete', { client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' }],
    );
  });

  test('port reuse: a new SYN with another ISN after the old connection closed starts a new connection', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[R.], seq 1, ack 1, win 502, length 0'),
      line('c', '[S], seq 777000, win 64240, length 0'),
      line('s', '[S.], seq 999000, ack 777001, win 65160, length 0'),
      line('c', '[.], ack 1, win 502, length 0'),
    );
    assert.deepEqual(
      a.connections.map((c) => [c.id, c.packets, c.handshake, c.close]),
      [
        [1, 4, 'complete', 'abort'],
        [2, 3, 'complete', 'none'],
      ],
    );
    assert.ok(a.tcp[4]!.findings.includes('reused_ports'));
  });

  test('mid-stream capture: states are inferred ESTABLISHED, the client is inferred from the ports', () => {
    const a = run(
      line('s', '[P.], seq 2000:2100, ack 3000, win 509, length 100', 0),
      line('c', '[.], ack 101, win 502, length 0'),
      line('c', '[P.], seq 1:51, ack 101, win 502, length 50'),
    );
    const c = a.connections[0]!;
    assert.deepEqual(
      [c.handshake, c.client, c.clientInferred, c.clientEvidence],
      ['midstream', C, true, 'port'],
    );
    assert.deepEqual(table(a), [
      '- | ESTABLISHED ESTABLISHED',
      '- | ESTABLISHED ESTABLISHED',
      '- | ESTABLISHED ESTABLISHED',
    ]);
    assert.equal(
      a.tcp[2]!.absoluteSeq,
      3000,
      'relative seq 1 maps to the ack the server sent first',
    );
    assert.ok(c.findings.includes('midstream'));
  });
});

suite('state machines: findings on single packets', () => {
  test('retransmitted data', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[P.], seq 1:11, ack 1, win 502, length 10'),
      line('c', '[P.], seq 1:11, ack 1, win 502, length 10', 0.3),
    );
    assert.deepEqual(a.tcp[4]!.findings, ['retransmission']);
    assert.equal(a.connections[0]!.bytes.client, 10, 'retransmitted bytes are counted once');
    // Why not a fast retransmission or out-of-order: the hover shows these notes.
    assert.deepEqual(
      a.tcp[4]!.metrics!.notes.map((n) => [n.rule, n.matched, n.reason, n.have, n.need]),
      [
        ['retransmission', true, 'below_next', 1001, 1011],
        ['fast_retransmission', false, 'few_duplicate_acks', 0, 2],
        [
          'out_of_order',
          false,
          'too_late',
          a.tcp[4]!.metrics!.notes[2]!.have,
          a.tcp[4]!.metrics!.notes[2]!.need,
        ],
      ],
    );
    assert.ok(a.tcp[4]!.metrics!.notes[2]!.have > a.tcp[4]!.metrics!.notes[2]!.need);
  });

  test('duplicate ACKs after out-of-order data', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[.], seq 1001:2001, ack 1, win 502, length 1000'),
      line('s', '[.], ack 1, win 509, options [nop,nop,sack 1 {1001:2001}], length 0'),
      line('c', '[.], seq 2001:3001, ack 1, win 502, length 1000'),
      line('s', '[.], ack 1, win 509, options [nop,nop,sack 1 {1001:3001}], length 0'),
    );
    assert.deepEqual(a.tcp[6]!.findings, ['duplicate_ack']);
  });

  test('keep-alive probe after silence and its answer', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[P.], seq 1:11, ack 1, win 502, length 10'),
      line('s', '[.], ack 11, win 509, length 0'),
      line('c', '[.], ack 1, win 502, length 0', 60),
      line('s', '[.], ack 11, win 509, length 0', 60.0001),
    );
    assert.deepEqual(
      a.tcp.slice(3).map((t) => t.findings),
      [[], [], ['keep_alive'], ['keep_alive_ack']],
    );
  });

  test('keep-alive probe with the seq printed (-vv)', () => {
    const a = run(...HANDSHAKE(), line('c', '[.], seq 0, ack 1, win 502, length 0', 30));
    assert.deepEqual(a.tcp[3]!.findings, ['keep_alive']);
  });

  test('zero window', () => {
    const a = run(...HANDSHAKE(), line('s', '[.], ack 1, win 0, length 0'));
    assert.deepEqual(a.tcp[3]!.findings, ['zero_window']);
  });

  test('absolute numbers (-S) are recognised', () => {
    const a = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('s', '[S.], seq 5000, ack 1001, win 65160, length 0'),
      line('c', '[.], ack 5001, win 502, length 0'),
      line('c', '[P.], seq 1001:1011, ack 5001, win 502, length 10'),
    );
    assert.equal(a.sequenceNumbering, 'absolute');
    assert.equal(a.tcp[2]!.step, 'handshake 3/3');
    assert.equal(a.tcp[3]!.absoluteSeq, 1001);
  });
});

suite('findings carry their anchors and related packets', () => {
  const findings = (a: Analysis) =>
    a.findings.map((f) => `${f.code}@${f.packet}<-${f.related.join(',')}`);

  test('a refusal points at the SYN it refuses', () => {
    const a = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('s', '[R.], seq 0, ack 1001, win 0, length 0'),
    );
    assert.deepEqual(findings(a), ['rst@2<-1', 'refused@2<-1']);
  });

  test('a retransmission points at the original, a duplicate ACK at the ACK it repeats', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[.], seq 1:1001, ack 1, win 502, length 1000'),
      line('c', '[.], seq 1001:2001, ack 1, win 502, length 1000'),
      line('s', '[.], ack 1001, win 509, length 0'),
      line('c', '[.], seq 2001:3001, ack 1, win 502, length 1000'),
      line('s', '[.], ack 1001, win 509, options [nop,nop,sack 1 {2001:3001}], length 0'),
      line('c', '[.], seq 1001:2001, ack 1, win 502, length 1000', 0.5),
    );
    assert.deepEqual(findings(a), ['duplicate_ack@8<-6', 'retransmission@9<-5']);
  });

  test('each ACK knows the segment it acknowledges', () => {
    const a = run(
      ...HANDSHAKE(),
      line('c', '[P.], seq 1:11, ack 1, win 502, length 10'),
      line('s', '[.], ack 11, win 509, length 0'),
    );
    assert.deepEqual(
      a.tcp.map((t) => t.acknowledges),
      [null, 1, 2, null, 4],
    );
  });

  test('connection findings are anchored: unanswered SYN on the last try, CLOSE_WAIT on the FIN', () => {
    const syns = run(
      line('c', '[S], seq 1000, win 64240, length 0', 0),
      line('c', '[S], seq 1000, win 64240, length 0', 1),
    );
    assert.deepEqual(findings(syns), ['syn_retransmission@2<-1', 'syn_unanswered@2<-1']);
    const leak = run(
      ...HANDSHAKE(),
      line('c', '[F.], seq 1, ack 1, win 502, length 0'),
      line('s', '[.], ack 2, win 509, length 0'),
    );
    assert.deepEqual(findings(leak), ['fin_wait_2_at_end@4<-', 'close_wait_at_end@4<-']);
  });
});
