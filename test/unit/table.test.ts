import * as assert from 'node:assert/strict';
import { formatTable, visibleLength } from '../../server/src/report/table';

suite('table: the connection summary', () => {
  test('columns are as wide as their widest cell, colour codes not counted', () => {
    const lines = formatTable(
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

  test('a million rows do not overflow the stack (the summary of a million connections)', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => [String(i), 'x']);
    const lines = formatTable(['id', 'name'], rows, (s) => s.length);
    assert.equal(lines.length, 1_000_001);
    assert.equal(lines[1_000_000], '999999  x');
  });
});
