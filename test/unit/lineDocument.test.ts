import * as assert from 'node:assert/strict';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../../server/src/lsp/lineDocument';
import { Rng } from '../fuzz/prng';

const SEED = 20261121;
const PIECES = ['a', 'tcp', ' ', '\n', '\r\n', '\r', 'Flags [S.]', '\n\n', '\r\r\n', '中文', ''];

/** A random position in `doc`, sometimes past a line's end or past the last line. */
function randomPosition(rng: Rng, doc: TextDocument) {
  const line = rng.int(doc.lineCount + (rng.chance(0.1) ? 2 : 0));
  const length = doc.getText(doc.getLineRange(Math.min(line, doc.lineCount - 1))).length;
  return { line, character: rng.int(length + (rng.chance(0.1) ? 3 : 1)) };
}

function randomText(rng: Rng): string {
  let text = '';
  for (let i = rng.int(6); i > 0; i--) text += rng.pick(PIECES);
  return text;
}

function randomChange(rng: Rng, doc: TextDocument): TextDocumentContentChangeEvent {
  if (rng.chance(0.03)) return { text: randomText(rng) };
  const a = randomPosition(rng, doc);
  const b = rng.chance(0.5) ? a : randomPosition(rng, doc);
  return { range: { start: a, end: b }, text: randomText(rng) };
}

suite('LineDocument: a document kept as lines reads as the text it was given', () => {
  test('random edits, with every kind of line end, give the text a whole-text document has', () => {
    const rng = new Rng(SEED);
    for (let round = 0; round < 200; round++) {
      const initial = randomText(rng) + randomText(rng);
      let reference = TextDocument.create('file:///x', 'tcpdump', 1, initial);
      const doc = new LineDocument('file:///x', 'tcpdump', 1, initial);
      for (let step = 0; step < 30; step++) {
        const changes = [randomChange(rng, reference)];
        // Made afresh from its text: its own line count can go wrong after a `\r` meets a `\n`.
        reference = TextDocument.update(reference, changes, step + 2);
        reference = TextDocument.create('file:///x', 'tcpdump', step + 2, reference.getText());
        doc.update(changes, step + 2);
        const where = `round ${round}, step ${step}: ${JSON.stringify(changes)}`;
        assert.equal(doc.getText(), reference.getText(), where);
        assert.equal(doc.length, reference.getText().length, where);
        assert.equal(doc.lineCount, reference.lineCount, where);
        assert.equal(doc.version, reference.version);
        for (let line = -1; line <= doc.lineCount; line++) {
          assert.deepEqual(doc.getLineRange(line), reference.getLineRange(line), where);
          assert.equal(doc.getEOLCharacters(line), reference.getEOLCharacters(line), where);
        }
        for (let offset = -1; offset <= doc.length + 1; offset++)
          assert.deepEqual(doc.positionAt(offset), reference.positionAt(offset), where);
        const p = randomPosition(rng, reference);
        assert.equal(doc.offsetAt(p), reference.offsetAt(p), where);
        const range = {
          start: randomPosition(rng, reference),
          end: randomPosition(rng, reference),
        };
        if (reference.offsetAt(range.start) <= reference.offsetAt(range.end))
          assert.equal(doc.getText(range), reference.getText(range), where);
      }
    }
  });

  test('an edit inside one line marks only that line as changed', () => {
    const doc = new LineDocument('file:///x', 'tcpdump', 1, 'a\nb\nc\nd\n');
    doc.markAnalysed();
    doc.update(
      [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, text: 'x' }],
      2,
    );
    assert.deepEqual(doc.changed, { start: 1, tail: 3 });
    doc.update(
      [
        {
          range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
          text: 'e\n',
        },
      ],
      3,
    );
    assert.deepEqual(doc.changed, { start: 1, tail: 0 });
    assert.deepEqual(doc.lines, ['a', 'bx', 'c', 'd', 'e', '']);
  });

  test('replacing the whole text cannot be followed line by line', () => {
    const doc = new LineDocument('file:///x', 'tcpdump', 1, 'a\nb');
    doc.markAnalysed();
    doc.update([{ text: 'c\r\nd' }], 2);
    assert.equal(doc.changed, null);
    assert.deepEqual(doc.lines, ['c', 'd']);
    assert.equal(doc.getText(), 'c\r\nd');
  });

  test('a paste of more lines than a call can take as arguments', () => {
    const doc = new LineDocument('file:///x', 'tcpdump', 1, 'first\nlast');
    const pasted = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n');
    doc.update(
      [
        {
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
          text: `${pasted}\n`,
        },
      ],
      2,
    );
    assert.equal(doc.lineCount, 200_002);
    assert.equal(doc.lines[1], 'line 0');
    assert.equal(doc.lines[200_001], 'last');
  });
});
