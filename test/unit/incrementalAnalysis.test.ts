import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisStep, IncrementalAnalysis, LineEdit } from '../../server/src/analysis';
import { analysisSteps, analyzeLines, updateLines } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { Rng } from '../fuzz/prng';
import { filesBelow, repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');
const EDITS_PER_FIXTURE = 40;
const SEED = 20261121;

/** Changes one number in a line (a seq, a port, a length, a timestamp digit…). */
function changeANumber(rng: Rng, line: string): string {
  const numbers = [...line.matchAll(/\d+/g)];
  if (numbers.length === 0) return `${line} x`;
  const m = rng.pick(numbers);
  const value = rng.chance(0.5) ? String(Number(m[0]) + rng.range(1, 3)) : String(rng.int(100000));
  return line.slice(0, m.index) + value + line.slice(m.index + m[0].length);
}

/** A random edit of the kinds an editor sends: typing in a line, pasting, deleting, appending. */
function randomEdit(rng: Rng, lines: string[]): { edit: LineEdit; replacement: string[] } {
  const n = lines.length;
  const at = n === 0 ? 0 : rng.int(n);
  const anyLine = () => (n === 0 ? '' : lines[rng.int(n)]!);
  const kind = rng.weighted<string>([
    [5, 'retype'],
    [2, 'flags'],
    [3, 'append'],
    [1, 'insert'],
    [1, 'delete'],
    [1, 'truncate'],
    [1, 'copy-over'],
  ]);
  switch (kind) {
    case 'retype':
      return {
        edit: { start: at, oldEnd: Math.min(n, at + 1), newEnd: at + 1 },
        replacement: [changeANumber(rng, lines[at] ?? '')],
      };
    case 'flags': {
      const line = (lines[at] ?? '').replace(
        /Flags \[[^\]]*\]/,
        `Flags [${rng.pick(['S', 'S.', '.', 'P.', 'F.', 'R', 'R.'])}]`,
      );
      return {
        edit: { start: at, oldEnd: Math.min(n, at + 1), newEnd: at + 1 },
        replacement: [line],
      };
    }
    case 'append': {
      const added = Array.from({ length: rng.range(1, 10) }, anyLine);
      return { edit: { start: n, oldEnd: n, newEnd: n + added.length }, replacement: added };
    }
    case 'insert':
      return { edit: { start: at, oldEnd: at, newEnd: at + 1 }, replacement: [anyLine()] };
    case 'delete':
      return { edit: { start: at, oldEnd: Math.min(n, at + 1), newEnd: at }, replacement: [] };
    case 'truncate':
      return { edit: { start: at, oldEnd: n, newEnd: at }, replacement: [] };
    default:
      return {
        edit: { start: at, oldEnd: Math.min(n, at + 1), newEnd: at + 1 },
        replacement: [anyLine()],
      };
  }
}

suite('incremental analysis: after random edits, the same result as starting over', () => {
  let incremental = 0;
  let total = 0;

  for (const file of filesBelow(fixturesDir, '.tcpdump')) {
    const name = path.relative(fixturesDir, file);
    test(name, () => {
      const rng = new Rng(SEED ^ name.length ^ name.charCodeAt(0));
      let lines = splitLines(fs.readFileSync(file, 'utf8'));
      let current: IncrementalAnalysis = analyzeLines(lines, lines.length);
      for (let i = 0; i < EDITS_PER_FIXTURE; i++) {
        const { edit, replacement } = randomEdit(rng, lines);
        lines = [...lines.slice(0, edit.start), ...replacement, ...lines.slice(edit.oldEnd)];
        current = updateLines(current, lines, lines.length, edit);
        const fresh = analyzeLines(lines, lines.length);
        assert.deepEqual(
          current.analysis,
          fresh.analysis,
          `edit ${i + 1}: ${JSON.stringify(edit)}`,
        );
        total++;
        if (current.method === 'incremental') incremental++;
      }
    });
  }

  test('most edits are applied without starting over', () => {
    assert.ok(total > 0);
    // Inserting or deleting in the middle starts over by design; typing and appending must not.
    assert.ok(incremental / total > 0.5, `${incremental} of ${total} edits were incremental`);
  });

  test('appending to a live log re-reads only the new lines', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'normal-4way-close', 'n.tcpdump'), 'utf8');
    const all = splitLines(text);
    const half = Math.floor(all.length / 2);
    let current = analyzeLines(all, half);
    current = updateLines(current, all, all.length, {
      start: half,
      oldEnd: half,
      newEnd: all.length,
    });
    assert.equal(current.method, 'incremental');
    assert.deepEqual(current.analysis, analyzeLines(all, all.length).analysis);
  });
});

/** `previous` brought up to `lines` after `edit`: applied in place, and as a fresh analysis. */
function updatedInPlace(
  previous: IncrementalAnalysis,
  lines: readonly string[],
  edit: LineEdit,
  count = lines.length,
): IncrementalAnalysis {
  const after = updateLines(previous, lines, count, edit);
  assert.equal(after.method, 'incremental', `edit ${JSON.stringify(edit)}`);
  assert.deepEqual(after.analysis, analyzeLines(lines, count).analysis);
  return after;
}

suite('incremental analysis: lines added or removed in the middle', () => {
  const fixture = (scenario: string, variant: string) =>
    splitLines(fs.readFileSync(path.join(fixturesDir, scenario, `${variant}.tcpdump`), 'utf8'));
  const withNote = (lines: readonly string[], at: number) => [
    ...lines.slice(0, at),
    '--- the client stops here',
    ...lines.slice(at),
  ];

  test('a note typed between two packets is applied in place; the lines after it move', () => {
    const lines = fixture('time-wait-pileup', 'n');
    const before = analyzeLines(lines, lines.length);
    const packetAfter = before.analysis.lines[180]!.packet!;
    const after = updatedInPlace(before, withNote(lines, 180), {
      start: 180,
      oldEnd: 180,
      newEnd: 181,
    });
    assert.deepEqual(after.unrecognisedLines, [180]);
    assert.equal(after.analysis.packets[packetAfter - 1]!.line, 181);
  });

  test('the note removed again is applied in place too', () => {
    const lines = fixture('time-wait-pileup', 'n');
    const noted = withNote(lines, 180);
    const after = updatedInPlace(analyzeLines(noted, noted.length), lines, {
      start: 180,
      oldEnd: 181,
      newEnd: 180,
    });
    assert.deepEqual(after.unrecognisedLines, []);
  });

  test('packet lines deleted and pasted back in the middle are applied in place', () => {
    const lines = fixture('time-wait-pileup', 'n');
    const withoutThem = [...lines.slice(0, 150), ...lines.slice(153)];
    const before = analyzeLines(lines, lines.length);
    // The update uses `before` up: what is compared is read from it first.
    const { client, firstPacket } = before.analysis.connections.at(-1)!;
    const cutOut = updatedInPlace(before, withoutThem, { start: 150, oldEnd: 153, newEnd: 150 });
    // Every packet after the cut is numbered three lower, and its connection moves with it.
    const moved = cutOut.analysis.connections.at(-1)!;
    assert.equal(moved.client, client);
    assert.equal(moved.firstPacket, firstPacket - 3);
    updatedInPlace(cutOut, lines, { start: 150, oldEnd: 150, newEnd: 153 });
  });

  test('a paste of thousands of lines in the middle is applied in place', () => {
    const lines = fixture('time-wait-pileup', 'n');
    // More lines than one splice call takes as arguments.
    const paste = Array.from({ length: 5000 }, (_, i) => lines[i % lines.length]!);
    const pasted = [...lines.slice(0, 200), ...paste, ...lines.slice(200)];
    const before = analyzeLines(lines, lines.length);
    updatedInPlace(before, pasted, { start: 200, oldEnd: 200, newEnd: 5200 });
  });

  test('a note added above the first packet is applied in place', () => {
    const lines = fixture('time-wait-pileup', 'n');
    const after = updatedInPlace(analyzeLines(lines, lines.length), withNote(lines, 0), {
      start: 0,
      oldEnd: 0,
      newEnd: 1,
    });
    assert.deepEqual(after.unrecognisedLines, [0]);
    assert.equal(after.analysis.packets[0]!.line, 1);
  });

  test("tcpdump's banner deleted above the first packet is applied in place", () => {
    const lines = fixture('normal-3way-close', 'with-banner');
    const before = analyzeLines(lines, lines.length);
    const banner = before.analysis.packets[0]!.line;
    assert.ok(banner > 0);
    updatedInPlace(before, lines.slice(banner), { start: 0, oldEnd: banner, newEnd: 0 });
  });

  test('a packet pasted above the first one starts over: it sets how the lines are read', () => {
    const lines = fixture('time-wait-pileup', 'n');
    const pasted = [lines[5]!, ...lines];
    const after = updateLines(analyzeLines(lines, lines.length), pasted, pasted.length, {
      start: 0,
      oldEnd: 0,
      newEnd: 1,
    });
    assert.equal(after.method, 'full');
    assert.deepEqual(after.analysis, analyzeLines(pasted, pasted.length).analysis);
  });

  test('hex dump lines deleted from a packet of an -X log', () => {
    const lines = fixture('normal-3way-close', 'X');
    const before = analyzeLines(lines, lines.length);
    const firstHex = before.analysis.lines.findIndex((l, i) => i > 20 && l.kind === 'hex-dump');
    const edited = [...lines.slice(0, firstHex), ...lines.slice(firstHex + 2)];
    updatedInPlace(before, edited, { start: firstHex, oldEnd: firstHex + 2, newEnd: firstHex });
  });
});

suite('incremental analysis: delta timestamps (-ttt, -ttttt)', () => {
  const deltaLines = (variant: 'ttt' | 'ttttt') =>
    splitLines(
      fs.readFileSync(path.join(fixturesDir, 'time-wait-pileup', `${variant}.tcpdump`), 'utf8'),
    );
  const timeOf = (a: IncrementalAnalysis, packet: number) =>
    a.analysis.tcp.find((t) => t.packet === packet)?.time ?? null;

  /** Appends the lines after the first `from`, `step` at a time, each applied in place. */
  const appendInSteps = (all: readonly string[], from: number, step: number) => {
    let current = analyzeLines(all, from);
    for (let start = from; start < all.length; start += step) {
      const end = Math.min(all.length, start + step);
      current = updatedInPlace(current, all, { start, oldEnd: start, newEnd: end }, end);
    }
  };

  for (const variant of ['ttt', 'ttttt'] as const) {
    test(`appending to a live -${variant} log re-reads only the new lines`, () => {
      appendInSteps(deltaLines(variant), 100, 10);
    });
  }

  test('appending to -ttt lines pasted from the middle of a log (the first delta is not 0)', () => {
    const all = deltaLines('ttt').slice(101);
    assert.notEqual(Number(all[0]!.slice(7, 16)), 0);
    appendInSteps(all, 50, 25);
  });

  test('a changed -ttt delta moves the time of every later packet', () => {
    const lines = deltaLines('ttt');
    const before = analyzeLines(lines, lines.length);
    const lastPacket = before.analysis.packets.length;
    const lastTime = timeOf(before, lastPacket)!;
    const edited = [...lines];
    edited[200] = edited[200]!.replace(/^ 00:00:00\.\d{6}/, ' 00:00:01.000000');
    const previousDelta = Number(lines[200]!.slice(7, 16));
    const after = updatedInPlace(before, edited, { start: 200, oldEnd: 201, newEnd: 201 });
    assert.ok(Math.abs(timeOf(after, lastPacket)! - (lastTime + 1 - previousDelta)) < 1e-9);
  });

  test('an edit that makes -ttttt deltas decrease reads them all as -ttt', () => {
    const lines = deltaLines('ttttt');
    const before = analyzeLines(lines, lines.length);
    const lastPacket = before.analysis.packets.length;
    const lastTime = timeOf(before, lastPacket)!;
    const edited = [...lines];
    edited[200] = edited[200]!.replace(/^ 00:00:00\.\d{6}/, ' 00:00:00.000000');
    const after = updateLines(before, edited, edited.length, {
      start: 200,
      oldEnd: 201,
      newEnd: 201,
    });
    const fresh = analyzeLines(edited, edited.length);
    assert.deepEqual(after.analysis, fresh.analysis);
    assert.equal(after.analysis.packets[0]!.timestamp!.format, 'delta-previous');
    // Read as deltas since the previous packet, the times add up past the last delta printed.
    assert.ok(timeOf(after, lastPacket)! > lastTime);
  });
});

suite('incremental analysis: findings across connections follow each edit', () => {
  const crowdFixtures = ['syn-flood', 'port-scan', 'time-wait-pileup'];
  const crowdCount = (a: IncrementalAnalysis) =>
    a.analysis.findings.filter((f) => f.detail?.kind === 'crowd').length;

  for (const name of crowdFixtures) {
    test(`${name}: a live log growing line by line`, () => {
      const all = splitLines(fs.readFileSync(path.join(fixturesDir, name, 'n.tcpdump'), 'utf8'));
      let current = analyzeLines(all, 1);
      let appearedIncrementally = false;
      for (let count = 2; count <= all.length; count++) {
        const before = crowdCount(current);
        current = updateLines(current, all, count, {
          start: count - 1,
          oldEnd: count - 1,
          newEnd: count,
        });
        assert.deepEqual(current.analysis, analyzeLines(all, count).analysis, `line ${count}`);
        if (current.method === 'incremental' && crowdCount(current) > before)
          appearedIncrementally = true;
      }
      assert.ok(appearedIncrementally, 'a crowd finding appeared on an incremental update');
    });

    test(`${name}: connections' first packets rewritten one by one`, () => {
      let lines = splitLines(fs.readFileSync(path.join(fixturesDir, name, 'n.tcpdump'), 'utf8'));
      let current = analyzeLines(lines, lines.length);
      assert.ok(crowdCount(current) > 0, 'the fixture shows a crowd finding');
      let goneIncrementally = false;
      // A reset instead of each SYN: fewer handshakes, until the crowd is too small.
      for (let at = lines.length - 1; at >= 1; at--) {
        const line = lines[at]!;
        if (!line.includes('Flags [S]')) continue;
        const before = crowdCount(current);
        lines = [
          ...lines.slice(0, at),
          line.replace('Flags [S]', 'Flags [R]'),
          ...lines.slice(at + 1),
        ];
        current = updateLines(current, lines, lines.length, {
          start: at,
          oldEnd: at + 1,
          newEnd: at + 1,
        });
        assert.deepEqual(
          current.analysis,
          analyzeLines(lines, lines.length).analysis,
          `line ${at + 1}`,
        );
        if (current.method === 'incremental' && crowdCount(current) < before)
          goneIncrementally = true;
      }
      if (name !== 'time-wait-pileup') assert.ok(goneIncrementally, 'a crowd finding went away');
    });
  }

  test('a connection finding and a crowd finding on one packet keep their order', () => {
    let lines = splitLines(
      fs.readFileSync(path.join(fixturesDir, 'time-wait-pileup', 'n.tcpdump'), 'utf8'),
    );
    let current = analyzeLines(lines, lines.length);
    const pileUp = current.analysis.findings.find((f) => f.code === 'time_wait_pileup')!;
    const at = current.analysis.packets[pileUp.packet - 1]!.line;
    // A zero window on the same packet: its own finding comes before the crowd's.
    lines = [...lines.slice(0, at), lines[at]!.replace(/win \d+/, 'win 0'), ...lines.slice(at + 1)];
    current = updateLines(current, lines, lines.length, {
      start: at,
      oldEnd: at + 1,
      newEnd: at + 1,
    });
    assert.equal(current.method, 'incremental');
    const onPacket = current.analysis.findings.filter((f) => f.packet === pileUp.packet);
    assert.deepEqual(
      onPacket.map((f) => f.code),
      ['zero_window', 'time_wait_pileup'],
    );
    assert.deepEqual(current.analysis, analyzeLines(lines, lines.length).analysis);
  });
});

suite('analysis in steps: the same result, taken a few thousand lines at a time', () => {
  test('steps report growing progress, reading then tracking, and end with the whole analysis', () => {
    const sample = fs.readFileSync(path.join(fixturesDir, 'dup-ack-retrans', 'n.tcpdump'), 'utf8');
    const lines = splitLines(sample.repeat(400));
    const steps = analysisSteps(lines, lines.length);
    const seen: AnalysisStep[] = [];
    let next = steps.next();
    for (; !next.done; next = steps.next()) seen.push(next.value);
    assert.ok(seen.length >= 4, `${seen.length} steps for ${lines.length} lines`);
    const stages = seen.map((s) => s.stage);
    assert.deepEqual(stages, [...stages].sort(), 'reading first, then tracking');
    for (let i = 1; i < seen.length; i++)
      if (seen[i]!.stage === seen[i - 1]!.stage) assert.ok(seen[i]!.done > seen[i - 1]!.done);
    assert.ok(seen.every((s) => s.done <= s.total));
    assert.deepEqual(next.value.analysis, analyzeLines(lines, lines.length).analysis);
  });
});
