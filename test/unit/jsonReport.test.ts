import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { buildJsonReport, jsonReportLines } from '../../server/src/report/jsonReport';
import { filesBelow, repoRoot } from '../support/paths';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

/** The document as the CLI used to print it: one string of the whole report. */
function wholeDocument(text: string, source: string): string {
  const lines = splitLines(text);
  return JSON.stringify(buildJsonReport(analyze(text), lines, source), null, 2);
}

function documentInLines(text: string, source: string): string {
  return [...jsonReportLines(analyze(text), splitLines(text), source)].join('\n');
}

suite('report: the JSON document made an entry at a time', () => {
  test('every fixture: the lines are JSON.stringify(report, null, 2), byte for byte', () => {
    const files = [
      path.join(repoRoot, 'samples', 'http-session.tcpdump'),
      ...filesBelow(fixturesDir, '.tcpdump'),
    ];
    assert.ok(files.length > 60, `fixtures found: ${files.length}`);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(documentInLines(text, file), wholeDocument(text, file), file);
    }
  });

  test('empty lists and text that is not tcpdump output', () => {
    for (const text of [
      '',
      'hello\nworld\n',
      '12:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28\n',
    ]) {
      const document = documentInLines(text, '<stdin>');
      assert.equal(document, wholeDocument(text, '<stdin>'), JSON.stringify(text));
      assert.doesNotThrow(() => JSON.parse(document));
    }
  });

  test('one line per entry: a report of any size is written in pieces', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'time-wait-pileup', 'n.tcpdump'), 'utf8');
    const analysis = analyze(text);
    const lines = [...jsonReportLines(analysis, splitLines(text), 'x')];
    const entries = analysis.packets.length + analysis.connections.length + analysis.lines.length;
    // The braces, three fields, and each list's opening and closing line around its entries.
    assert.equal(lines.length, 2 + 3 + 3 * 2 + entries);
    const packetLines = lines.slice(5, 5 + analysis.packets.length);
    packetLines.forEach((line, i) => {
      const entry = JSON.parse(line.replace(/,$/, '')) as { packet: number };
      assert.equal(entry.packet, i + 1);
    });
  });
});
