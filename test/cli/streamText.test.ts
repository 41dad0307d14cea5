import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import type { CaptureOutcome } from '../../server/src/input/captureLines';
import { captureToText } from '../../server/src/cli/captureInput';
import {
  LINES_PER_BATCH,
  analyseInput,
  annotatedTextBatches,
  inputLines,
} from '../../server/src/cli/streamAnalysis';
import { renderAnnotatedText } from '../../server/src/report/annotatedText';
import { plain } from '../../server/src/report/paint';
import { repoRoot } from '../support/paths';
import { opened, repeatWithShiftedPorts, tempFile } from '../support/streamedLogs';
import {
  assertCliBuilt,
  captureFiles,
  fixturesDir,
  runCli,
  sample,
  streamedLogs,
} from '../support/cli';

/**
 * The annotated text as the CLI prints a file, text or capture (rendered in UTC): analysed as it
 * streams, then read again; and what reading a capture found.
 */
async function streamedText(
  file: string,
  chunkBytes?: number,
): Promise<{ text: string; capture: CaptureOutcome }> {
  const rendering = { timeZone: 'UTC', timestamps: 'time' } as const;
  const { analysis, capture } = await analyseInput(await opened(file, chunkBytes), {
    keepNotes: true,
    rendering,
  });
  const out: string[] = [];
  const again = inputLines(await opened(file, chunkBytes), rendering);
  for await (const batch of annotatedTextBatches(again, analysis, plain)) out.push(...batch);
  return { text: `${out.join('\n')}\n`, capture };
}

/** The annotated text made of the whole text at once (standard input, and before streaming). */
function wholeText(text: string): string {
  return `${renderAnnotatedText(splitLines(text), analyze(text), plain).join('\n')}\n`;
}

suite('cli: the annotated text of a file, text or capture, is streamed', function () {
  suiteSetup(function () {
    assertCliBuilt();
  });

  test('every fixture: the streamed annotated text is the whole-text one, in any chunk size', async () => {
    const logs = streamedLogs();
    assert.ok(logs.length > 60, `fixtures found: ${logs.length}`);
    for (const file of logs) {
      const expected = wholeText(fs.readFileSync(file, 'utf8'));
      const name = path.relative(repoRoot, file);
      assert.equal((await streamedText(file)).text, expected, name);
      // Small odd chunks cut lines, CRLF pairs and multi-byte characters at every other place.
      assert.equal((await streamedText(file, 61)).text, expected, `${name}, 61 B`);
    }
  });

  test('every capture file: streamed and rendered twice, the annotated text of the capture read whole', async () => {
    const captures = captureFiles();
    assert.ok(captures.length > 30, `captures found: ${captures.length}`);
    for (const file of captures) {
      const whole = captureToText(fs.readFileSync(file), 'UTC');
      const expected = wholeText(whole.text);
      const name = path.relative(repoRoot, file);
      for (const chunkBytes of [undefined, 61]) {
        const streamed = await streamedText(file, chunkBytes);
        assert.equal(streamed.text, expected, `${name}, ${chunkBytes ?? 'default'} chunks`);
        // The packets are those read whole, and so is the error that cut the capture short.
        assert.deepEqual(streamed.capture, { error: whole.error, packets: whole.packets }, name);
      }
    }
  });

  test('what the CLI prints for a file is what it prints for the same text on standard input', () => {
    // Unrecognised lines, payload text, crowd findings, and a log of many batches.
    const files = [
      sample,
      path.join(fixturesDir, 'hostile', 'A.tcpdump'),
      path.join(fixturesDir, 'syn-flood', 'n.tcpdump'),
      path.join(fixturesDir, 'time-wait-pileup', 'n.tcpdump'),
      tempFile(
        'many.tcpdump',
        repeatWithShiftedPorts(
          fs.readFileSync(path.join(fixturesDir, 'normal-3way-close', 'n.tcpdump'), 'utf8'),
          3 * LINES_PER_BATCH,
        ),
      ),
    ];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const fromFile = runCli([file]);
      const fromStdin = runCli(['-'], { input: text });
      assert.equal(fromFile.code, 0, fromFile.stderr);
      assert.equal(fromFile.stdout, fromStdin.stdout, path.relative(repoRoot, file));
      assert.equal(fromFile.stdout, wholeText(text));
    }
  });

  test('a log far larger than the heap allowed is annotated whole, from a file or piped in', function () {
    this.timeout(120000);
    // 300,000 lines (24 MB) of packets with -X hex dumps. Read whole, the text and the analysis
    // of every line take hundreds of megabytes; streamed, the heap holds what is kept of each
    // packet (tens of bytes) and one batch of lines. Piped in, the text is copied to a temporary
    // file to be read again, which is gone afterwards.
    const xLog = path.join(fixturesDir, 'normal-3way-close', 'X.tcpdump');
    const text = repeatWithShiftedPorts(fs.readFileSync(xLog, 'utf8'), 300_000);
    const file = tempFile('dumps.tcpdump', text);
    const tmpdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-spool-'));
    const fromFile = runCli([file], { nodeArgs: ['--max-old-space-size=64'] });
    const piped = runCli(['-'], { input: text, nodeArgs: ['--max-old-space-size=64'], tmpdir });
    for (const r of [fromFile, piped]) {
      assert.equal(r.code, 0, r.stderr.slice(0, 500));
      const out = r.stdout.split('\n');
      assert.equal(out.filter((l) => l.startsWith('    └─ [c')).length, 45_460);
      assert.match(r.stdout, /^4546 TCP connections, 45460 TCP packets of 45460, 300036 lines/m);
    }
    assert.equal(piped.stdout, fromFile.stdout);
    assert.deepEqual(fs.readdirSync(tmpdir), []);
  });

  test('piped in with no temporary folder to copy it to, the text is read whole', () => {
    const text = fs.readFileSync(sample, 'utf8');
    const r = runCli(['-'], {
      input: text,
      tmpdir: path.join(os.tmpdir(), 'tl-no-such-folder', 'x'),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, wholeText(text));
  });
});
