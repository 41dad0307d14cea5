import * as assert from 'node:assert/strict';
import { splitLines } from '../../server/src/analysis/parse/text';
import { LineSplitter } from '../../server/src/input/lineSplitter';

interface Line {
  text: string;
  line: number;
  byte: number;
}

/** Splits `bytes` fed in chunks cut at `cuts` (byte offsets). */
function split(bytes: Buffer, cuts: number[] = [], start = { line: 0, byte: 0 }): Line[] {
  const lines: Line[] = [];
  const splitter = new LineSplitter((text, line, byte) => lines.push({ text, line, byte }), start);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.subarray(from, cut));
    from = cut;
  }
  splitter.end();
  return lines;
}

const texts = (lines: Line[]) => lines.map((l) => l.text);

suite('LineSplitter: lines of a file read in chunks', () => {
  const samples = [
    '',
    'a',
    'a\n',
    'a\nb',
    'a\n\nb\n\n',
    '\n',
    'a\r\nb\r\n',
    'a\rb\rc',
    'a\r\rb\r\n\r\n',
    'a\r',
    'mixed\r\nends\nhere\rand there\n',
    'ünïcödé → 箭头\r\n€',
  ];

  for (const text of samples) {
    test(`as splitLines for ${JSON.stringify(text)}, however the chunks are cut`, () => {
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual(texts(split(bytes)), splitLines(text));
      // Every cut, including inside CRLF and inside multi-byte characters.
      for (let cut = 0; cut <= bytes.length; cut++)
        assert.deepEqual(texts(split(bytes, [cut])), splitLines(text), `cut at ${cut}`);
      const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
      assert.deepEqual(texts(split(bytes, everyByte)), splitLines(text), 'one byte at a time');
    });
  }

  test('numbers the lines and gives the byte offset each starts at', () => {
    const text = 'one\r\ntwo\nthrée\rfour';
    const lines = split(Buffer.from(text, 'utf8'), [4, 5, 11]);
    assert.deepEqual(lines, [
      { text: 'one', line: 0, byte: 0 },
      { text: 'two', line: 1, byte: 5 },
      { text: 'thrée', line: 2, byte: 9 },
      { text: 'four', line: 3, byte: 16 },
    ]);
  });

  test('drops a byte order mark at the start of the file, and only there', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const lines = split(Buffer.concat([bom, Buffer.from('a\nb')]));
    assert.deepEqual(lines, [
      { text: 'a', line: 0, byte: 3 },
      { text: 'b', line: 1, byte: 5 },
    ]);
    const later = split(Buffer.concat([bom, Buffer.from('b')]), [], { line: 7, byte: 100 });
    assert.deepEqual(texts(later), ['\ufeffb']);
  });

  test('starts numbering where it is told to start reading', () => {
    const lines = split(Buffer.from('x\ny\n'), [], { line: 1024, byte: 50_000 });
    assert.deepEqual(lines, [
      { text: 'x', line: 1024, byte: 50_000 },
      { text: 'y', line: 1025, byte: 50_002 },
    ]);
  });
});
