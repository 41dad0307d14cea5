import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packetAtLine, sameTimeline } from '../../client/src/sequenceDiagram/timelineModel';
import { compactLabel, fullLabel, searchText } from '../../client/webview/labels';
import { NO_FILTER, computeLayout, rowForLine, rowForPacket } from '../../client/webview/layout';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { DEFAULT_SEVERITY } from '../../server/src/lsp/settings';
import type { FindingCode } from '../../server/src/analysis';
import type { Timeline } from '../../server/src/protocol';
import { buildTimeline } from '../../server/src/report/timeline';
import { repoRoot } from '../support/paths';
import { timelineOfText } from '../support/diagramModels';

function fixture(name: string, variant = 'n'): string {
  return fs.readFileSync(
    path.join(repoRoot, 'test', 'baseline', 'fixtures', name, `${variant}.tcpdump`),
    'utf8',
  );
}

function timelineOf(name: string, variant = 'n'): Timeline {
  return timelineOfText(fixture(name, variant), `file:///${name}/${variant}.tcpdump`, 1);
}

suite('diagram model: relative sequence numbers', () => {
  test('relative to each side’s ISN, as tcpdump and Wireshark show them; printed kept', () => {
    const t = timelineOf('normal-3way-close');
    const rows = t.packets.map((p) => [p.seq, p.relativeSeq, p.ack, p.relativeAck]);
    assert.deepEqual(rows.slice(0, 4), [
      ['1144162389', '0', null, null],
      ['163489258', '0', 1144162390, 1],
      [null, null, 1, 1],
      ['1:75', '1:75', 1, 1],
    ]);
    assert.deepEqual(t.packets.slice(0, 4).map(compactLabel), [
      '[S] 0 win 65495',
      '[S.] 0 ack 1 win 65483',
      '[.] ack 1 win 64',
      '[P.] 1:75 ack 1 win 64 len 74',
    ]);
    // The FINs count one: the closing numbers follow tcpdump's.
    assert.deepEqual(
      t.packets.slice(7).map((p) => [p.relativeSeq, p.relativeAck]),
      [
        ['75', 196],
        ['196', 76],
        [null, 197],
      ],
    );
  });

  test('`-S` (absolute) output gets the same labels as the default relative output', () => {
    const relative = timelineOf('normal-3way-close', 'n');
    const absolute = timelineOf('normal-3way-close', 'S');
    assert.equal(absolute.packets[3]!.seq, '1144162390:1144162464');
    assert.deepEqual(absolute.packets.map(compactLabel), relative.packets.map(compactLabel));
  });

  test('the hover detail shows the printed number too when it differs', () => {
    const t = timelineOf('normal-3way-close', 'S');
    const fields = fullLabel(t, t.packets[3]!)[3]!;
    assert.match(fields, /seq 1:75 \(printed 1144162390:1144162464\)/);
    assert.match(fields, /ack 1 \(printed 163489259\)/);
    // Same numbers: shown once.
    const n = timelineOf('normal-3way-close');
    assert.doesNotMatch(fullLabel(n, n.packets[3]!)[3]!, /printed/);
    // Both are searchable.
    assert.ok(searchText(t, t.packets[0]!).includes('seq 0'));
    assert.ok(searchText(t, t.packets[0]!).includes('seq 1144162389'));
  });

  test('a SYN-ACK gives the client’s ISN when the SYN was not captured', () => {
    const text = fixture('normal-3way-close').split('\n').slice(1).join('\n');
    const t = timelineOfText(text, 'file:///x', 1);
    assert.deepEqual(
      t.packets.slice(0, 3).map((p) => [p.relativeSeq, p.relativeAck]),
      [
        ['0', 1],
        [null, 1],
        ['1:75', 1],
      ],
    );
  });

  test('without the handshake (mid-stream) the printed numbers stay', () => {
    const t = timelineOf('midstream');
    assert.ok(t.packets.every((p) => p.relativeSeq === null && p.relativeAck === null));
    assert.equal(
      compactLabel(t.packets[1]!),
      `[${t.packets[1]!.flags}] 1:28 ack 21 win ${t.packets[1]!.win} len 27`,
    );
  });
});

suite('diagram model: severity of each finding', () => {
  test('the diagnostics’ default severities, one per finding', () => {
    for (const name of ['refused', 'rst-abort', 'dup-ack-retrans', 'keepalive', 'port-reuse']) {
      for (const p of timelineOf(name).packets) {
        assert.equal(p.findingSeverities.length, p.findings.length);
        p.findings.forEach((code, i) =>
          assert.equal(p.findingSeverities[i], DEFAULT_SEVERITY[code as FindingCode], code),
        );
      }
    }
    const refused = timelineOf('refused').packets[1]!;
    assert.deepEqual(refused.findings, ['rst', 'refused']);
    assert.deepEqual(refused.findingSeverities, ['warning', 'error']);
  });

  test('the lookup the server passes (the user’s settings) is used', () => {
    const text = fixture('refused');
    const t = buildTimeline(analyze(text), splitLines(text), 'file:///r', 1, (code) =>
      code === 'rst' ? 'error' : 'off',
    );
    assert.deepEqual(t.packets[1]!.findingSeverities, ['error', 'off']);
  });

  test('a new severity is a new model even for the same document version', () => {
    const text = fixture('refused');
    const analysis = analyze(text);
    const lines = splitLines(text);
    const a = buildTimeline(analysis, lines, 'file:///r', 1);
    assert.ok(sameTimeline(a, buildTimeline(analysis, lines, 'file:///r', 1)));
    assert.equal(
      sameTimeline(
        a,
        buildTimeline(analysis, lines, 'file:///r', 1, () => 'hint'),
      ),
      false,
    );
    assert.equal(sameTimeline(a, buildTimeline(analysis, lines, 'file:///r', 2)), false);
  });
});

suite('diagram model: the lines of each packet and the cursor', () => {
  test('`-v` two-line packets: either line selects the packet', () => {
    const t = timelineOf('normal-3way-close', 'v');
    assert.deepEqual(
      t.packets.slice(0, 2).map((p) => [p.firstLine, p.line, p.lastLine]),
      [
        [0, 1, 1],
        [2, 3, 3],
      ],
    );
    assert.equal(packetAtLine(t.packets, 0), 1);
    assert.equal(packetAtLine(t.packets, 1), 1);
    assert.equal(packetAtLine(t.packets, 2), 2);
    assert.equal(packetAtLine(t.packets, 3), 2);
  });

  test('hex dump lines select their packet', () => {
    const t = timelineOf('normal-3way-close', 'x');
    assert.deepEqual(
      [t.packets[0]!.firstLine, t.packets[0]!.line, t.packets[0]!.lastLine],
      [0, 0, 4],
    );
    for (let line = 0; line <= 4; line++) assert.equal(packetAtLine(t.packets, line), 1);
    assert.equal(packetAtLine(t.packets, 5), 2);
    const last = t.packets[t.packets.length - 1]!;
    assert.equal(packetAtLine(t.packets, last.lastLine), last.packet);
    assert.equal(packetAtLine(t.packets, last.lastLine + 1), null, 'past the end');
  });

  test('a non-TCP packet, a blank line or a message between packets selects nothing', () => {
    const lines = fixture('normal-3way-close').split('\n');
    const text = [
      'tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
      lines[0],
      '08:58:41.000230 IP 127.0.0.1.5353 > 127.0.0.1.53: 1+ A? example.com. (29)',
      '',
      ...lines.slice(1),
    ].join('\n');
    const t = timelineOfText(text, 'file:///mixed', 1);
    assert.equal(packetAtLine(t.packets, 0), null, 'tcpdump’s own message');
    assert.equal(packetAtLine(t.packets, 1), t.packets[0]!.packet);
    assert.equal(packetAtLine(t.packets, 2), null, 'a UDP packet');
    assert.equal(packetAtLine(t.packets, 3), null, 'a blank line');
    assert.equal(packetAtLine(t.packets, 4), t.packets[1]!.packet);
    // The webview's own lookups agree.
    const layout = computeLayout(t, NO_FILTER);
    assert.equal(rowForLine(t, layout, 2), -1);
    assert.equal(rowForLine(t, layout, 4), rowForPacket(t, layout, t.packets[1]!.packet));
    assert.equal(rowForPacket(t, layout, 9999), -1);
  });

  test('packets are in document order with disjoint line ranges (real fixtures)', () => {
    for (const variant of ['n', 'v', 'vv', 'x', 'X', 'A', 'e']) {
      const t = timelineOf('normal-3way-close', variant);
      let last = -1;
      for (const p of t.packets) {
        assert.ok(p.firstLine > last && p.firstLine <= p.line && p.line <= p.lastLine, variant);
        last = p.lastLine;
      }
    }
  });
});
