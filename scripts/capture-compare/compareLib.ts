// Comparison of the capture renderer's text with real `tcpdump -nn -r` output, shared by the
// report script (compare.ts) and the test (test/capture/realCaptures.test.ts).
//
// Lines are aligned with a longest-common-subsequence pass, so one missing or extra line (an
// OpenFlow message line, say) does not shift every line after it. A line "matches" when it
// is byte-identical to its aligned counterpart. "TCP lines" are the expected lines that carry
// a TCP header: the corpus oracle's `SRC > DST: Flags [..]` shape, or a `[|tcp]` cut.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCapture, renderTcpdumpText, type CaptureError } from '../../server/src/capture';

const TCP_HEADER = /(?:^|\s)(\S+) > (\S+): Flags \[(?:[SFRPUEWe.]+|none)\]/;

export function isTcpLine(line: string): boolean {
  return TCP_HEADER.test(line) || line.includes('[|tcp]');
}

export interface LineDifference {
  /** 1-based line number in the expected text. */
  line: number;
  expected: string;
  /** The rendered line in the same place, or null when the renderer printed nothing there. */
  actual: string | null;
  tcp: boolean;
}

export interface FileComparison {
  name: string;
  tcpMatched: number;
  tcpTotal: number;
  otherMatched: number;
  otherTotal: number;
  /** Rendered lines with no counterpart at all (extra output). */
  extraLines: number;
  differences: LineDifference[];
  readError: CaptureError | null;
}

/** Splits tcpdump output into lines (LF), dropping the empty string after the last newline. */
export function splitOutput(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Pairs of indexes (expected, actual) of an LCS alignment. */
function align(a: string[], b: string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if (n * m > 25_000_000) {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < Math.min(n, m); i++) if (a[i] === b[i]) pairs.push([i, i]);
    return pairs;
  }
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        a[i] === b[j]
          ? dp[(i + 1) * w + j + 1]! + 1
          : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export function compareLines(name: string, expected: string[], actual: string[]): FileComparison {
  const result: FileComparison = {
    name,
    tcpMatched: 0,
    tcpTotal: 0,
    otherMatched: 0,
    otherTotal: 0,
    extraLines: 0,
    differences: [],
    readError: null,
  };
  const pairs = align(expected, actual);
  result.extraLines = actual.length - pairs.length;
  // Walk the gaps between aligned pairs; inside a gap, pair the leftovers by position.
  const bounds: Array<[number, number]> = [...pairs, [expected.length, actual.length]];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of bounds) {
    for (let k = 0; i < pi; i++, k++) {
      const tcp = isTcpLine(expected[i]!);
      if (tcp) result.tcpTotal++;
      else result.otherTotal++;
      const actualLine = j + k < pj ? actual[j + k]! : null;
      result.differences.push({ line: i + 1, expected: expected[i]!, actual: actualLine, tcp });
    }
    j = pj;
    if (pi < expected.length) {
      if (isTcpLine(expected[pi]!)) {
        result.tcpTotal++;
        result.tcpMatched++;
      } else {
        result.otherTotal++;
        result.otherMatched++;
      }
      i = pi + 1;
      j = pj + 1;
    }
  }
  return result;
}

/** Renders a capture file the way the fixtures were made (`TZ=UTC tcpdump -nn -r FILE`). */
export function renderFile(file: string): { lines: string[]; error: CaptureError | null } {
  const capture = readCapture(new Uint8Array(fs.readFileSync(file)));
  return { lines: renderTcpdumpText(capture, { timeZone: 'UTC' }), error: capture.error };
}

export function compareFile(
  name: string,
  captureFile: string,
  expectedFile: string,
): FileComparison {
  const { lines, error } = renderFile(captureFile);
  const result = compareLines(name, splitOutput(fs.readFileSync(expectedFile, 'latin1')), lines);
  result.readError = error;
  return result;
}

export const repoRoot = path.resolve(__dirname, '..', '..');
export const repoPcapDir = path.join(repoRoot, 'test', 'baseline', 'pcap');
export const repoFixtureDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');
export const corpusPcapDir = path.resolve(
  repoRoot,
  '..',
  'shared',
  'corpus',
  'tcpdump-tests',
  'pcap',
);
export const corpusExpectedDir = path.join(repoRoot, 'test', 'capture', 'expected');

export interface ComparisonSet {
  name: string;
  files: Array<{ name: string; capture: string; expected: string }>;
  /** Capture files without an expected rendering (too large, or not rendered yet). */
  skipped: string[];
}

/** The repository's own loopback captures and their `n.tcpdump` renders. */
export function repoSet(): ComparisonSet {
  const files: ComparisonSet['files'] = [];
  const skipped: string[] = [];
  for (const f of fs
    .readdirSync(repoPcapDir)
    .filter((n) => /\.pcap(ng)?$/.test(n))
    .sort()) {
    const scenario = f.replace(/\.pcap(ng)?$/, '');
    const expected = path.join(repoFixtureDir, scenario, 'n.tcpdump');
    if (fs.existsSync(expected))
      files.push({ name: f, capture: path.join(repoPcapDir, f), expected });
    else skipped.push(f);
  }
  return { name: 'repository fixtures', files, skipped };
}

/** tcpdump's regression captures in ../shared, with the renders committed in test/capture/expected. */
export function corpusSet(): ComparisonSet | null {
  if (!fs.existsSync(corpusPcapDir)) return null;
  const files: ComparisonSet['files'] = [];
  const skipped: string[] = [];
  for (const f of fs
    .readdirSync(corpusPcapDir)
    .filter((n) => /\.pcap(ng)?$/.test(n))
    .sort()) {
    const expected = path.join(corpusExpectedDir, `${f}.tcpdump`);
    if (fs.existsSync(expected))
      files.push({ name: f, capture: path.join(corpusPcapDir, f), expected });
    else skipped.push(f);
  }
  return { name: 'tcpdump regression corpus', files, skipped };
}
