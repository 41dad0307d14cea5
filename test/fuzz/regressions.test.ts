// Replays every input in test/fuzz/regressions/ (what the fuzzer found, shrunk, plus a few nasty
// inputs put there by hand) through analyze() — and the capture reader for capture files — and
// checks the fuzzer's properties, so that fixed bugs stay fixed. Inputs of known open issues
// (knownIssues.ts) are skipped unless FUZZ_STRICT=1.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { baselineDocument } from './corpus';
import { knownIssues } from './knownIssues';
import type { TimeBound } from './properties';
import {
  DEFAULT_FACTOR,
  DEFAULT_FLOOR_MS,
  checkCapture,
  checkText,
  countLines,
  plainDataFailure,
  structuralFailure,
} from './properties';
import { decodeWtf8, encodeWtf8, listRegressions, regressionBase } from './regressionFiles';

const strict = process.env['FUZZ_STRICT'] === '1';

function measure(run: () => void, size: number): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return (best / size) * 1e6;
}

suite('fuzz regressions', function () {
  this.timeout(120_000);
  let text: TimeBound;
  let capture: TimeBound;
  let doc: string;
  // Measured again before a slow verdict: a busy machine slows the baseline down too.
  const freshBound = (): TimeBound => ({
    ...text,
    msPerMB: Math.max(
      text.msPerMB,
      measure(() => analyze(doc), doc.length),
    ),
  });

  suiteSetup(() => {
    doc = baselineDocument(1_000_000);
    text = {
      msPerMB: measure(() => analyze(doc), doc.length),
      factor: DEFAULT_FACTOR,
      floorMs: DEFAULT_FLOOR_MS,
    };
    // Captures are read and rendered faster per byte than text is analysed; the text baseline
    // is a generous bound for them too.
    capture = text;
  });

  const open = new Map<string, string>();
  for (const k of knownIssues) for (const r of k.regressions) open.set(r, k.id);

  for (const r of listRegressions()) {
    const issue = open.get(regressionBase(r.name));
    const run = issue && !strict ? test.skip : test;
    run(`${r.name}${issue ? ` (open issue ${issue})` : ''}`, () => {
      const result =
        r.kind === 'text'
          ? checkText(r.text!, { bound: text, freshBound })
          : checkCapture(r.bytes!, {
              freshBound,
              bound: text,
              captureBound: capture,
              render: {},
              chunks: [1, 7, 4096],
            });
      assert.equal(
        result.failure,
        null,
        result.failure ? `${result.failure.kind}: ${result.failure.message}` : '',
      );
    });
  }

  test('regression files keep strings exactly (lone surrogates, NUL, BOM, CR)', () => {
    const nasty = 'a\ud800b\udc00\u0000\ufeff\r\n\r\u{1f600}\udbff';
    assert.equal(decodeWtf8(encodeWtf8(nasty)), nasty);
    assert.equal(decodeWtf8(Buffer.from('x\xffy', 'latin1')), 'x\ufffdy');
  });

  test('the checks catch what they are for', () => {
    assert.equal(plainDataFailure({ a: [1, NaN] })?.message, '$.a[1] is NaN');
    assert.equal(plainDataFailure({ b: { c: -Infinity } })?.message, '$.b.c is -Infinity');
    assert.equal(plainDataFailure([undefined])?.message, '$[0] is undefined');
    assert.match(plainDataFailure({ m: new Map() })?.message ?? '', /Map/);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    assert.match(plainDataFailure(cycle)?.message ?? '', /nested deeper/);
    assert.equal(plainDataFailure({ ok: [null, true, 'x', 0, { d: undefined }] }), null);
    const text = '08:57:36.776467 IP 1.2.3.4.5 > 1.2.3.4.6: Flags [S], seq 1, win 1, length 0\n\n';
    const a = analyze(text);
    assert.equal(structuralFailure(text, a), null);
    assert.equal(structuralFailure(`${text}x`, a)?.kind, 'lines');
    a.packets[0]!.endLine = 5;
    assert.equal(structuralFailure(text, a)?.kind, 'packets');
  });

  test('the independent line count agrees with the rule (LF, CRLF, CR; last end adds none)', () => {
    assert.equal(countLines(''), 0);
    assert.equal(countLines('a'), 1);
    assert.equal(countLines('a\n'), 1);
    assert.equal(countLines('\n'), 1);
    assert.equal(countLines('a\r\nb\rc\n\n'), 4);
    assert.equal(countLines('\r\r\n'), 2);
  });
});
