import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import {
  CaptureReader,
  TcpdumpTextRenderer,
  readCapture,
  renderTcpdumpText,
} from '../../server/src/capture';
import { ethernet, ipv4, pcapFile, sll2, tcp } from './builders';
import { CASES } from './cases';

suite('capture: hand-made captures render as tcpdump 4.99.3 -nn prints them', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const capture = readCapture(c.file);
      assert.equal(capture.error, null);
      assert.deepEqual(renderTcpdumpText(capture, { timeZone: c.tz, ...c.options }), c.expected);
    });
  }

  test('streaming: one byte at a time, packet by packet, gives the same lines', () => {
    for (const c of CASES) {
      const reader = new CaptureReader();
      const renderer = new TcpdumpTextRenderer({ timeZone: c.tz, ...c.options });
      const lines: string[] = [];
      for (let i = 0; i < c.file.length; i++) {
        for (const p of reader.push(c.file.subarray(i, i + 1))) lines.push(...renderer.render(p));
      }
      assert.equal(reader.end(), null, c.name);
      assert.deepEqual(lines, c.expected, c.name);
    }
  });

  test('the rendered text is a tcpdump document the analysis understands', () => {
    const c = CASES[0]!;
    const analysis = analyze(renderTcpdumpText(readCapture(c.file)).join('\n'));
    assert.equal(analysis.connections.length, 1);
    assert.equal(analysis.sequenceNumbering, 'relative');
    assert.equal(analysis.lines.filter((l) => l.kind === 'unrecognised').length, 0);
  });
});

suite('capture: render options', () => {
  const syn = ethernet(
    0x0800,
    ipv4({
      src: '192.0.2.1',
      dst: '192.0.2.2',
      proto: 6,
      payload: tcp({ sport: 1, dport: 2, seq: 7, flags: 'S' }),
    }),
  );
  const file = pcapFile({ linkType: 1, records: [{ sec: 1700000000, frac: 250, data: syn }] });
  const body = 'IP 192.0.2.1.1 > 192.0.2.2.2: Flags [S], seq 7, win 65535, length 0';

  test('time zone: UTC by default, fixed offsets in minutes or ±HH:MM, IANA names', () => {
    const capture = readCapture(file);
    assert.deepEqual(renderTcpdumpText(capture), [`22:13:20.000250 ${body}`]);
    assert.deepEqual(renderTcpdumpText(capture, { timeZone: 90 }), [`23:43:20.000250 ${body}`]);
    assert.deepEqual(renderTcpdumpText(capture, { timeZone: '-05:00' }), [
      `17:13:20.000250 ${body}`,
    ]);
    assert.deepEqual(
      renderTcpdumpText(capture, { timeZone: 'Europe/Paris', timestamps: 'date-time' }),
      [`2023-11-14 23:13:20.000250 ${body}`],
    );
  });

  test('an unknown time zone name falls back to UTC instead of throwing', () => {
    assert.deepEqual(renderTcpdumpText(readCapture(file), { timeZone: 'Not/AZone' }), [
      `22:13:20.000250 ${body}`,
    ]);
  });

  test('SLL2 interface names come from the caller (a map or a function)', () => {
    const frame = sll2(
      7,
      4,
      0x0800,
      ipv4({
        src: '192.0.2.1',
        dst: '192.0.2.2',
        proto: 6,
        payload: tcp({ sport: 1, dport: 2, seq: 7, flags: 'S' }),
      }),
    );
    const capture = readCapture(
      pcapFile({ linkType: 276, records: [{ sec: 0, frac: 0, data: frame }] }),
    );
    assert.deepEqual(renderTcpdumpText(capture, { timestamps: 'none' }), [`?     Out ${body}`]);
    assert.deepEqual(
      renderTcpdumpText(capture, { timestamps: 'none', interfaceNames: { 7: 'veth0' } }),
      [`veth0 Out ${body}`],
    );
    assert.deepEqual(
      renderTcpdumpText(capture, {
        timestamps: 'none',
        interfaceNames: (i) => (i === 7 ? 'enp0s31f6' : null),
      }),
      [`enp0s31f6 Out ${body}`],
    );
  });

  test('a link type the renderer does not know gives a notice line, not an exception', () => {
    const capture = readCapture(
      pcapFile({ linkType: 147, records: [{ sec: 0, frac: 0, data: syn }] }),
    );
    assert.deepEqual(renderTcpdumpText(capture, { timestamps: 'none' }), [
      '[unsupported link-type 147], length 54',
    ]);
  });
});
