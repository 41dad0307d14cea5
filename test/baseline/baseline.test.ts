import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { renderAnnotatedText } from '../../server/src/report/annotatedText';
import { plain } from '../../server/src/report/paint';
import { assertBaseline } from '../support/baseline';
import { filesBelow, repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

/** The annotated report of a fixture, exactly as `tcpdump-lens --no-color FILE` prints it. */
export function annotate(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return `${renderAnnotatedText(splitLines(text), analyze(text), plain).join('\n')}\n`;
}

suite('baseline: annotated output of real captures', () => {
  for (const file of filesBelow(fixturesDir, '.tcpdump')) {
    const name = path.relative(fixturesDir, file);
    test(name, () => {
      assertBaseline(file.replace(/\.tcpdump$/, '.expected'), annotate(file));
    });
  }
});
