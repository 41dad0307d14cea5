import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';

const C = '10.0.0.1.40000';
const S = '10.0.0.2.80';

/** A connection written as tcpdump prints it: `c`/`s` for the sender, then the body after Flags. */
function verdict(...lines: Array<['c' | 's', string]>) {
  const text = lines
    .map(([who, body], i) => {
      const t = `12:00:00.${String(i * 1000).padStart(6, '0')}`;
      return who === 'c'
        ? `${t} IP ${C} > ${S}: Flags ${body}`
        : `${t} IP ${S} > ${C}: Flags ${body}`;
    })
    .join('\n');
  const c = analyze(text).connections[0]!;
  return {
    zeek: `${c.verdict.zeek.connState} ${c.verdict.zeek.history}`,
    completeness: c.verdict.completeness,
  };
}

const SYN: ['c', string] = ['c', '[S], seq 1000, win 64240, length 0'];
const SYNACK: ['s', string] = ['s', '[S.], seq 5000, ack 1001, win 65160, length 0'];
const ACK: ['c', string] = ['c', '[.], ack 1, win 502, length 0'];
const DATA: ['c', string] = ['c', '[P.], seq 1:11, ack 1, win 502, length 10'];
const REPLY: ['s', string] = ['s', '[P.], seq 1:21, ack 11, win 509, length 20'];

suite('verdicts: Zeek conn_state and history by the documented rules', () => {
  test('normal connection: SF ShADadFf', () => {
    const v = verdict(
      SYN,
      SYNACK,
      ACK,
      DATA,
      ['s', '[.], ack 11, win 509, length 0'],
      REPLY,
      ['c', '[.], ack 21, win 502, length 0'],
      ['c', '[F.], seq 11, ack 21, win 502, length 0'],
      ['s', '[F.], seq 21, ack 12, win 509, length 0'],
      ['c', '[.], ack 22, win 502, length 0'],
    );
    assert.equal(v.zeek, 'SF ShADadFf');
    assert.deepEqual(v.completeness, { value: 31, label: 'Complete, WITH_DATA', flags: '·FDASS' });
  });

  test('refused: REJ Sr', () => {
    const v = verdict(SYN, ['s', '[R.], seq 0, ack 1001, win 0, length 0']);
    assert.equal(v.zeek, 'REJ Sr');
    assert.deepEqual(v.completeness, { value: 37, label: 'Incomplete', flags: 'R··A·S' });
  });

  test('no answer: S0 S (a repeated SYN with the same seq adds no letter)', () => {
    const v = verdict(SYN, SYN, SYN);
    assert.equal(v.zeek, 'S0 S');
    assert.deepEqual(v.completeness, { value: 1, label: 'Incomplete, SYN_SENT', flags: '·····S' });
  });

  test('originator SYN then RST, no SYN-ACK: RSTOS0', () => {
    assert.equal(verdict(SYN, ['c', '[R], seq 1001, win 0, length 0']).zeek, 'RSTOS0 SR');
  });

  test('aborts: originator RST → RSTO, responder RST → RSTR', () => {
    assert.equal(
      verdict(SYN, SYNACK, ACK, DATA, ['c', '[R.], seq 11, ack 1, win 0, length 0']).zeek,
      'RSTO ShADR',
    );
    assert.equal(
      verdict(SYN, SYNACK, ACK, DATA, ['s', '[R.], seq 1, ack 11, win 0, length 0']).zeek,
      'RSTR ShADr',
    );
  });

  test('one side closed: S2 (originator) and S3 (responder)', () => {
    assert.equal(
      verdict(SYN, SYNACK, ACK, ['c', '[F.], seq 1, ack 1, win 502, length 0']).zeek,
      'S2 ShAF',
    );
    assert.equal(
      verdict(SYN, SYNACK, ACK, ['s', '[F.], seq 1, ack 1, win 509, length 0']).zeek,
      'S3 ShAf',
    );
  });

  test('established, not closed: S1; mid-stream without close: OTH', () => {
    assert.equal(verdict(SYN, SYNACK, ACK, DATA, REPLY).zeek, 'S1 ShADd');
    assert.equal(
      verdict(
        ['s', '[P.], seq 2000:2100, ack 3000, win 509, length 100'],
        ['c', '[.], ack 101, win 502, length 0'],
      ).zeek,
      'OTH dA',
    );
  });

  test('zero window, retransmitted data: w and t letters', () => {
    const v = verdict(
      SYN,
      SYNACK,
      ACK,
      DATA,
      ['s', '[.], ack 11, win 0, length 0'],
      ['c', '[P.], seq 1:11, ack 1, win 502, length 10'],
    );
    assert.equal(v.zeek, 'S1 ShADawT');
  });
});
