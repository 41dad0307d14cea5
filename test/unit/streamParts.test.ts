import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  AnalysisStreamOptions,
  LineContext,
  StreamedAnalysis,
} from '../../server/src/analysis';
import {
  createAnalysisStream,
  documentContext,
  partBuffers,
  startsAfresh,
} from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { filesBelow, repoRoot } from '../support/paths';

const keep: AnalysisStreamOptions = { keepNotes: true, keepDetails: true };

function readWhole(lines: readonly string[]): StreamedAnalysis {
  const stream = createAnalysisStream(keep);
  for (const line of lines) stream.push(line);
  return stream.finish();
}

/**
 * The lines read in parts cut before the lines `cuts`, each later part by its own stream (its
 * part copied as another thread would receive it), then appended in order to the first.
 */
function readInParts(
  lines: readonly string[],
  cuts: readonly number[],
  context: LineContext,
): StreamedAnalysis {
  const first = createAnalysisStream(keep);
  for (let i = 0; i < cuts[0]!; i++) first.push(lines[i]!);
  cuts.forEach((from, k) => {
    const to = cuts[k + 1] ?? lines.length;
    const later = createAnalysisStream({ ...keep, laterPart: context });
    for (let i = from; i < to; i++) later.push(lines[i]!);
    const part = later.part({ last: k === cuts.length - 1 });
    first.append(structuredClone(part, { transfer: partBuffers(part) }));
  });
  return first.finish();
}

/** Up to `count` items of `items`, evenly spread. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

const documents = [
  ...filesBelow(path.join(repoRoot, 'test'), '.tcpdump'),
  ...filesBelow(path.join(repoRoot, 'samples'), '.tcpdump'),
];

suite('analysis stream read in parts: the same analysis as read whole', () => {
  test('the documents read in parts are many and varied', () => {
    assert.ok(documents.length > 100, `${documents.length} documents`);
  });

  for (const file of documents) {
    test(path.relative(repoRoot, file), () => {
      const lines = splitLines(fs.readFileSync(file, 'utf8'));
      const found = documentContext(lines);
      if (!found) return;
      const { context, line: firstPacket } = found;
      const candidates: number[] = [];
      for (let i = firstPacket + 1; i < lines.length; i++)
        if (startsAfresh(lines[i]!, context)) candidates.push(i);
      const whole = readWhole(lines);
      const cutSets = spread(candidates, 12).map((cut) => [cut]);
      if (candidates.length >= 3) cutSets.push(spread(candidates, 3));
      if (candidates.length >= 8) cutSets.push(spread(candidates, 8));
      for (const cuts of cutSets)
        assert.deepEqual(
          readInParts(lines, cuts, context),
          whole,
          `cut before lines ${cuts.join(', ')}`,
        );
    });
  }
});
