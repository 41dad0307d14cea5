import * as assert from 'node:assert/strict';
import { tableLines, visibleLength } from '../../server/src/report/table';

/** The lines of a table whose rows are at hand. */
const linesOf = (header: string[], rows: string[][], width: (s: string) => number) => [
  ...tableLines(header, rows.length, (i) => rows[i]!, width),
];

suite('table: the connection summary', () => {
  test('columns are as wide as their widest cell, colour codes not counted', () => {
    const lines = linesOf(
      ['id', 'client', 'state'],
      [
        ['1', '\x1b[31m10.0.0.1.40000\x1b[0m', 'ESTABLISHED'],
        ['22', '10.0.0.2.1', 'CLOSED'],
      ],
      visibleLength,
    );
    assert.deepEqual(
      lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')),
      [
        'id  client          state',
        '1   10.0.0.1.40000  ESTABLISHED',
        '22  10.0.0.2.1      CLOSED',
      ],
    );
  });

  test('rows made on request: measured, then printed, each once per pass', () => {
    const rows = [
      ['1', '10.0.0.1.40000', 'ESTABLISHED'],
      ['22', '\x1b[31m10.0.0.2.1\x1b[0m', 'CLOSED'],
      ['333', '10.0.0.3.443', 'TIME_WAIT'],
    ];
    const asked: number[] = [];
    const lines = [
      ...tableLines(
        ['id', 'client', 'state'],
        rows.length,
        (i) => {
          asked.push(i);
          return rows[i]!;
        },
        visibleLength,
      ),
    ];
    assert.deepEqual(asked, [0, 1, 2, 0, 1, 2]);
    assert.deepEqual(lines, [
      'id   client          state',
      '1    10.0.0.1.40000  ESTABLISHED',
      '22   \x1b[31m10.0.0.2.1\x1b[0m      CLOSED',
      '333  10.0.0.3.443    TIME_WAIT',
    ]);
    assert.equal(lines[2], '22   \x1b[31m10.0.0.2.1\x1b[0m      CLOSED');
  });

  test('a million rows made on request are printed without being held', () => {
    let count = 0;
    let last = '';
    for (const line of tableLines(
      ['id', 'name'],
      1_000_000,
      (i) => [String(i), 'x'],
      visibleLength,
    )) {
      count++;
      last = line;
    }
    assert.equal(count, 1_000_001);
    assert.equal(last, '999999  x');
  });

  test('a million rows do not overflow the stack (the summary of a million connections)', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => [String(i), 'x']);
    const lines = linesOf(['id', 'name'], rows, (s) => s.length);
    assert.equal(lines.length, 1_000_001);
    assert.equal(lines[1_000_000], '999999  x');
  });
});
