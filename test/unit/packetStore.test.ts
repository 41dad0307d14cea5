import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentParser } from '../../server/src/analysis/parse/document';
import { PacketStore, columnBuffers } from '../../server/src/analysis/parse/packetStore';
import { splitLines } from '../../server/src/analysis/parse/text';
import type { PacketRecord } from '../../server/src/analysis/types';
import { filesBelow, repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

/** The records a streamed document's parser hands over, and a store holding the same packets. */
function stored(text: string): { records: PacketRecord[]; store: PacketStore } {
  const records: PacketRecord[] = [];
  const store = new PacketStore();
  const parser = new DocumentParser({
    keepLines: false,
    handOver: (p) => {
      records.push(structuredClone(p));
      store.add(p);
    },
  });
  for (const line of splitLines(text)) parser.push(line);
  parser.finish();
  return { records, store };
}

function assertSameRecords(records: readonly PacketRecord[], store: PacketStore): void {
  assert.equal(store.length, records.length);
  records.forEach((r, i) => assert.deepEqual(store.record(i), r, `packet ${r.packet}`));
}

/** Packets of shapes the columns do not hold: each is kept as its record. */
const UNCOMMON = [
  '10:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,sack 1 {1001:2001}], length 0',
  '10:00:00.000002 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 52)',
  '    10.0.0.1.40000 > 10.0.0.2.80: Flags [.], cksum 0x1c46 (correct), ack 1, win 502, length 0',
  '10:00:00.000003 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:11, ack 1, win 502, options [nop,nop,TS val 7 ecr  8], length 10',
  '10:00:00.000004 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 1 ecr 2], length 0',
  '10:00:00.000005 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 11:111, ack 1, win 502, length 100: HTTP: GET / HTTP/1.1',
  '10:00:00.000006 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:201, ack 111, win 510, length 200: HTTP',
];

suite('packet store: streamed packets kept compactly', () => {
  for (const file of filesBelow(fixturesDir, '.tcpdump')) {
    test(`every record comes back as it was: ${path.relative(fixturesDir, file)}`, () => {
      const { records, store } = stored(fs.readFileSync(file, 'utf8'));
      assertSameRecords(records, store);
      const timestamps: Array<[number, string | null]> = [];
      store.forEachTimestamp((packet, ts) => timestamps.push([packet, ts?.format ?? null]));
      assert.deepEqual(
        timestamps,
        records.map((r) => [r.packet, r.timestamp?.format ?? null]),
      );
    });
  }

  test('common packets live in the columns, not as records', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), 'utf8');
    const { records, store } = stored(text);
    assert.ok(records.length > 5);
    assert.equal(store.keptCount, 0);
  });

  test('packets of uncommon shapes are kept whole and come back the same', () => {
    const text = UNCOMMON.join('\n');
    const { records, store } = stored(text);
    assertSameRecords(records, store);
    // SACK blocks, a checksum, and a TS option printed unusually; the others fit the columns, the
    // decoded protocols after `length` too.
    assert.equal(store.keptCount, 3);
    assert.equal(store.record(5).tcp!.trailer, 'HTTP');
  });

  test('a timestamp format written while walking the timestamps is stored', () => {
    const text = [
      ' 00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0',
      ' 00:00:00.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 9, ack 2, win 65160, length 0',
      ' 00:00:00.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0',
    ].join('\n');
    const { store } = stored(text);
    const formats = () => {
      const seen: string[] = [];
      store.forEachTimestamp((_, ts) => seen.push(ts!.format));
      return seen;
    };
    assert.deepEqual(formats(), ['delta-previous', 'delta-previous', 'delta-previous']);
    store.forEachTimestamp((_, ts) => {
      ts!.format = 'delta-first';
    });
    assert.deepEqual(formats(), ['delta-first', 'delta-first', 'delta-first']);
    assert.equal(store.record(1).timestamp!.format, 'delta-first');
  });

  test('the columns grow block by block and keep every packet, the kept ones among them', () => {
    // More packets than two blocks of the columns hold, every 997th of a shape kept as a record.
    const count = 40_000;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const port = 40000 + (i % 7);
      const clock = `10:${String(Math.floor(i / 60000)).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}000`;
      const options = i % 997 === 0 ? ', options [nop,nop,sack 1 {1:2}]' : '';
      lines.push(
        `${clock} IP 10.0.0.1.${port} > 10.0.0.2.443: Flags [P.], seq ${i * 100}:${i * 100 + 100}, ack ${4_000_000_000 + i}, win 502${options}, length 100`,
      );
    }
    const { records, store } = stored(lines.join('\n'));
    assert.equal(records.length, count);
    assertSameRecords(records, store);
    assert.equal(store.keptCount, Math.ceil(count / 997));
    assert.equal(store.firstLines().length, count + 1);
    assert.equal(store.firstLines()[34_321], 34_320);
    assert.equal(store.lastLines()[count], count - 1);
    assert.deepEqual(store.tcpEndpoints(20_000)!.src, records[20_000]!.src);
    const seconds: Array<number | null> = [];
    store.forEachTimestamp((_, ts) => seconds.push(ts!.seconds));
    assert.deepEqual(
      seconds,
      records.map((r) => r.timestamp!.seconds),
    );
  });

  test('the packets of a later part, stored by another thread, join these as one store would keep them', () => {
    // Two documents of different packets (their endpoints, flags, options and trailers numbered
    // in another order), the second appended to the first as a later part from line `shift` on.
    const files = filesBelow(fixturesDir, '.tcpdump');
    const textOf = (list: string[]) => list.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const first = [
      '09:59:59.000000 IP 10.0.0.3.25 > 10.0.0.4.40000: Flags [P.], seq 1:21, ack 1, win 502, length 20: SMTP: 220 ready',
      textOf(files.filter((_, i) => i % 2 === 0)),
    ].join('\n');
    const later = `${textOf(files.filter((_, i) => i % 2 === 1).reverse())}\n${UNCOMMON.join('\n')}`;
    const shift = splitLines(first).length;
    const a = stored(first);
    const b = stored(later);
    const data = b.store.data();
    a.store.append(structuredClone(data, { transfer: columnBuffers(data) }), shift);
    const expected = [
      ...a.records,
      ...b.records.map((r) => ({
        ...r,
        packet: r.packet + a.records.length,
        line: r.line + shift,
        endLine: r.endLine + shift,
        headerLine: r.headerLine + shift,
      })),
    ];
    assert.ok(b.store.keptCount > 0 && b.records.some((r) => r.tcp?.trailer));
    assertSameRecords(expected, a.store);
    assert.deepEqual(
      Array.from(a.store.firstLines().subarray(1)),
      expected.map((r) => r.line),
    );
  });
});
