import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { ProgressBar } from '../../server/src/cli/progress';

/** Collects what the bar writes, as a terminal would receive it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

suite('cli: progress', () => {
  test('the bar fills by stage and is erased when done', () => {
    const { stream, written } = fakeTerminal();
    const bar = new ProgressBar(stream);
    bar.update('track', 10, 10);
    assert.match(written.at(-1)!, /^\r\[#{30}\] 100% following connections 10\/10/);
    bar.clear();
    assert.equal(written.at(-1), '\r\x1b[K');
  });

  test('reading fills the first third of the bar by bytes, or only counts them when the size is unknown', () => {
    const { stream, written } = fakeTerminal();
    const bar = new ProgressBar(stream);
    bar.read(54_000_000, 108_000_000);
    assert.equal(
      written.at(-1),
      `\r[${'#'.repeat(5)}${'.'.repeat(25)}]  17% reading 54.0/108.0 MB\x1b[K`,
    );
    bar.read(108_000_000, 108_000_000);
    assert.match(written.at(-1)!, /^\r\[#{11}\.{19}\]  35% reading 108\.0\/108\.0 MB/);
    bar.update('track', 5, 10);
    bar.update('track', 10, 10);
    assert.match(written.at(-1)!, /^\r\[#{30}\] 100% following connections 10\/10/);
    const pipe = fakeTerminal();
    new ProgressBar(pipe.stream).read(2_500_000, null);
    assert.equal(pipe.written.at(-1), `\r[${'.'.repeat(30)}]      reading 2.5 MB\x1b[K`);
  });

  test('the analysis reports both stages, and a failing callback does not stop it', () => {
    const line = (i: number) =>
      `12:00:00.${String(i).padStart(6, '0')} IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0`;
    const text = Array.from({ length: 70000 }, (_, i) => line(i)).join('\n');
    const seen: string[] = [];
    const analysis = analyze(text, {
      onProgress: (stage, done, total) => {
        seen.push(`${stage} ${done}/${total}`);
        throw new Error('display gone');
      },
    });
    assert.deepEqual(seen, [
      'parse 0/70000',
      'parse 32768/70000',
      'parse 65536/70000',
      'track 32768/70000',
      'track 65536/70000',
    ]);
    assert.equal(analysis.tcp.length, 70000);
    assert.equal(analysis.lines.filter((l) => l.kind === 'unrecognised').length, 0);
  });
});
