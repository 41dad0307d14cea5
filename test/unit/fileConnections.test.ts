import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConnectionOverview, Finding } from '../../server/src/analysis';
import { analyze, createAnalysisStream } from '../../server/src/analysis';
import { FileConnections, pageStart } from '../../server/src/lsp/disk/fileConnections';
import { repoRoot } from '../support/paths';

const fixtureText = (name: string) =>
  fs.readFileSync(path.join(repoRoot, 'test', 'baseline', 'fixtures', name, 'n.tcpdump'), 'utf8');

/** A streamed analysis of several captures one after the other, as a file read from disk. */
function streamed(...names: string[]) {
  const stream = createAnalysisStream();
  const text = names.map(fixtureText).join('');
  for (const line of text.split('\n').slice(0, -1)) stream.push(line);
  return { text, analysis: stream.finish() };
}

suite('files analysed from disk: their connections a page at a time', () => {
  const { text, analysis } = streamed('syn-flood', 'port-scan', 'dup-ack-retrans', 'rst-abort');
  const whole = analyze(text);
  const connections = new FileConnections(
    analysis.connections,
    analysis.findings,
    analysis.packetLines,
  );

  test('the pages, put together, list every connection with its findings and first line', () => {
    assert.ok(whole.connections.length > 20, `${whole.connections.length} connections`);
    assert.equal(connections.count, whole.connections.length);
    const pages = [];
    for (let start = 0; start < connections.count; start += 7)
      pages.push(...connections.page(start, 7));
    assert.deepEqual(
      pages.map((c) => ({ id: c.id, findings: c.findings, codes: c.codes, line: c.firstLine })),
      whole.connections.map((c) => {
        const own = whole.findings.filter((f) => f.connection === c.id);
        return {
          id: c.id,
          findings: own.length,
          codes: [...new Set(own.map((f) => f.code))],
          line: whole.packets[c.firstPacket - 1]!.line,
        };
      }),
    );
    assert.ok(
      pages.some((c) => c.codes.length > 1),
      'some connection has findings of several kinds',
    );
  });

  test('a page past the end is short or empty; a negative start counts from the first', () => {
    assert.equal(connections.page(connections.count - 2, 10).length, 2);
    assert.deepEqual(connections.page(connections.count, 10), []);
    assert.deepEqual(connections.page(-5, 1), connections.page(0, 1));
    assert.deepEqual(connections.page(3, 0), []);
    assert.deepEqual(connections.page(Number.NaN, 1), connections.page(0, 1));
    assert.deepEqual(connections.page(2.7, 1), connections.page(2, 1));
    assert.deepEqual(
      [-5, Number.NaN, 2.7, 7].map((start) => pageStart(start)),
      [0, 0, 2, 7],
    );
  });

  test('a connection and its findings are found by id', () => {
    for (const c of whole.connections) {
      assert.equal(connections.byId(c.id)?.firstPacket, c.firstPacket);
      assert.deepEqual(
        connections.findingsOf(c.id),
        analysis.findings.filter((f) => f.connection === c.id),
      );
    }
    assert.equal(connections.byId(0), undefined);
    assert.equal(connections.byId(connections.count + 1), undefined);
    assert.deepEqual(connections.findingsOf(connections.count + 1), []);
  });

  test('connections not numbered from 1 are found by their ids', () => {
    const two = analysis.connections
      .slice(0, 2)
      .map((c, i): ConnectionOverview => ({ ...c, id: [40, 7][i]! }));
    const findings: Finding[] = [
      { code: 'rst', packet: 3, connection: 7, related: [] },
      { code: 'syn_unanswered', packet: 1, connection: 40, related: [] },
      { code: 'rst', packet: 5, connection: 99, related: [] },
    ];
    const odd = new FileConnections(two, findings, analysis.packetLines);
    assert.deepEqual(
      odd.page(0, 5).map((c) => [c.id, c.findings, c.codes]),
      [
        [40, 1, ['syn_unanswered']],
        [7, 1, ['rst']],
      ],
    );
    assert.equal(odd.byId(7)?.id, 7);
    assert.equal(odd.byId(1), undefined);
  });
});
