import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCapture } from '../../bench/diagram/capture';
import type { DiagramModel } from '../../client/src/webviewProtocol';
import {
  compactLabel,
  endpointLabel,
  formatDuration,
  fullLabel,
  stepBadge,
  visibleText,
} from '../../client/webview/labels';
import type { Layout } from '../../client/webview/layout';
import {
  DEFAULT_CONFIG,
  MAX_SCROLL_HEIGHT,
  NO_FILTER,
  computeLayout,
  contentYForScroll,
  revealRowY,
  rowForLine,
  scrollForContentY,
  scrollHeight,
  searchRows,
  segmentsInWindow,
  stateAtRow,
  stepPacketRow,
  visibleWindow,
} from '../../client/webview/layout';
import { repoRoot } from '../support/paths';
import { timelineOfText } from '../support/diagramModels';

const fixtures = path.join(repoRoot, 'test', 'baseline', 'fixtures');

/** The diagram model of a real capture, as the server sends it. */
function modelOf(fixture: string, variant = 'n'): DiagramModel {
  const text = fs.readFileSync(path.join(fixtures, fixture, `${variant}.tcpdump`), 'utf8');
  return timelineOfText(text, `file:///${fixture}/${variant}.tcpdump`, 1);
}

function modelOfText(text: string): DiagramModel {
  return timelineOfText(text, 'file:///generated.tcpdump', 1);
}

/** Rows as short strings: `#3` for packet 3, `gap 1.0 s` for an idle gap. */
function rowsOf(model: DiagramModel, layout: Layout): string[] {
  return layout.rows.map((r) =>
    r.kind === 'packet'
      ? `#${model.packets[r.packet]!.packet}`
      : `gap ${formatDuration(r.seconds)}`,
  );
}

suite('diagram layout: lanes', () => {
  test('one lane per endpoint, client left of server, labels as host:port', () => {
    const m = modelOf('normal-3way-close');
    const l = computeLayout(m);
    assert.deepEqual(
      l.lanes.map((x) => [x.role, x.label, x.rawLabel, x.connections]),
      [
        ['client', '127.0.0.1:50384', '127.0.0.1.50384', [1]],
        ['server', '127.0.0.1:47001', '127.0.0.1.47001', [1]],
      ],
    );
    assert.ok(l.lanes[0]!.x < l.lanes[1]!.x);
    assert.equal(l.lanes[1]!.x - l.lanes[0]!.x, l.laneSpacing);
    assert.ok(l.lanes[0]!.x > l.axisWidth);
  });

  test('IPv6 endpoints are bracketed', () => {
    const l = computeLayout(modelOf('ipv6'));
    assert.deepEqual(
      l.lanes.map((x) => x.label),
      ['[::1]:56248', '[::1]:47014'],
    );
  });

  test('connections reusing the same endpoints share their lanes (port reuse)', () => {
    const m = modelOf('port-reuse');
    assert.equal(m.connections.length, 2);
    assert.equal(m.lanes.length, 4);
    const l = computeLayout(m);
    assert.deepEqual(
      l.lanes.map((x) => [x.role, x.label, x.connections, x.tracks]),
      [
        ['client', '127.0.0.1:47113', [1, 2], 1],
        ['server', '127.0.0.1:47013', [1, 2], 1],
      ],
    );
    assert.deepEqual([...l.laneOfModelLane], [0, 1, 0, 1]);
  });

  test('all client lanes come before all server lanes, each by first appearance', () => {
    const m = modelOfText(makeCapture(60));
    const l = computeLayout(m);
    const roles = l.lanes.map((x) => x.role);
    const firstServer = roles.indexOf('server');
    assert.ok(firstServer > 0);
    assert.ok(roles.slice(firstServer).every((r) => r === 'server'));
    assert.deepEqual(
      l.lanes.filter((x) => x.role === 'server').map((x) => x.label),
      ['127.0.0.1:47001', '127.0.0.1:47002', '127.0.0.1:47005', '127.0.0.1:47015'],
    );
    // Client lanes in the order their connections start.
    const clientLabels = l.lanes.filter((x) => x.role === 'client').map((x) => x.label);
    assert.deepEqual(clientLabels, [...clientLabels].sort());
  });

  test('concurrent connections on one endpoint get their own state-bar tracks', () => {
    // Connections start 3 ms apart and last 100 ms or more: they overlap on the server lane.
    const m = modelOfText(makeCapture(60));
    const l = computeLayout(m);
    const server = l.lanes.find((x) => x.label === '127.0.0.1:47001')!;
    assert.ok(server.tracks > 1, `tracks: ${server.tracks}`);
    assert.ok(server.tracks <= DEFAULT_CONFIG.maxTracks);
    // On one track, segments never overlap.
    for (let t = 0; t < server.tracks; t++) {
      const segs = l.segments[server.index * DEFAULT_CONFIG.maxTracks + t]!;
      for (let i = 1; i < segs.length; i++) {
        const prevEnd = segs[i - 1]!.toRow ?? segs[i - 1]!.fromRow;
        assert.ok(segs[i]!.fromRow >= prevEnd, `track ${t} segment ${i} overlaps`);
      }
    }
  });

  test('more concurrent connections than tracks are counted, not drawn', () => {
    const m = modelOfText(makeCapture(400));
    const l = computeLayout(m, NO_FILTER, { ...DEFAULT_CONFIG, maxTracks: 2 });
    const server = l.lanes.find((x) => x.label === '127.0.0.1:47001')!;
    assert.equal(server.tracks, 2);
    assert.ok(server.hiddenConnections > 0);
  });
});

suite('diagram layout: rows, states and gaps', () => {
  test('one row per TCP packet, in order, with the endpoint states between arrows', () => {
    const m = modelOf('normal-3way-close');
    const l = computeLayout(m);
    assert.deepEqual(rowsOf(m, l), ['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8', '#9', '#10']);
    assert.equal(l.rows[0]!.y, DEFAULT_CONFIG.headerHeight);
    assert.equal(l.rows[1]!.y - l.rows[0]!.y, DEFAULT_CONFIG.rowHeight);
    const states = (lane: number) =>
      l.segments[lane * DEFAULT_CONFIG.maxTracks]!.map((s) => [s.state, s.fromRow, s.toRow]);
    // Client: SYN_SENT after the SYN, ESTABLISHED from the SYN-ACK, FIN_WAIT_1, then TIME_WAIT.
    assert.deepEqual(states(0), [
      ['SYN_SENT', 0, 1],
      ['ESTABLISHED', 1, 7],
      ['FIN_WAIT_1', 7, 8],
      ['TIME_WAIT', 8, null],
    ]);
    assert.deepEqual(states(1), [
      ['SYN_RCVD', 0, 2],
      ['ESTABLISHED', 2, 7],
      ['CLOSE_WAIT', 7, 8],
      ['LAST_ACK', 8, 9],
      ['CLOSED', 9, null],
    ]);
  });

  test('idle pauses of a second or more become compressed gaps', () => {
    const m = modelOf('keepalive');
    const l = computeLayout(m);
    const gaps = l.rows.filter((r) => r.kind === 'gap');
    assert.equal(gaps.length, 4);
    for (const g of gaps) {
      assert.equal(g.kind, 'gap');
      if (g.kind === 'gap') {
        assert.ok(g.seconds > 1 && g.seconds < 1.1, String(g.seconds));
        assert.equal(g.hidden, 0);
      }
    }
    assert.deepEqual(rowsOf(m, l).slice(6, 10), ['#7', 'gap 1.0 s', '#8', '#9']);
    // A gap is as tall as configured, whatever its length.
    const gi = l.rows.findIndex((r) => r.kind === 'gap');
    assert.equal(l.rows[gi + 1]!.y - l.rows[gi]!.y, DEFAULT_CONFIG.gapHeight);
    // The syn-no-answer retries (1 s apart) also compress, with a longer threshold none does.
    assert.equal(
      computeLayout(m, NO_FILTER, { ...DEFAULT_CONFIG, gapThreshold: 2 }).rows.filter(
        (r) => r.kind === 'gap',
      ).length,
      0,
    );
  });

  test('logs without timestamps have no gaps and label rows by packet number', () => {
    const m = modelOf('normal-3way-close', 't');
    assert.equal(m.packets[0]!.time, null);
    const l = computeLayout(m);
    assert.equal(l.rows.length, 10);
    assert.ok(l.rows.every((r) => r.kind === 'packet'));
  });

  test('filters: one connection, a set, only anomalies, a time range', () => {
    const m = modelOf('port-reuse');
    const only2 = computeLayout(m, { ...NO_FILTER, connections: [2] });
    assert.deepEqual(rowsOf(m, only2), [
      '#9',
      '#10',
      '#11',
      '#12',
      '#13',
      '#14',
      '#15',
      '#16',
      '#17',
      '#18',
    ]);
    assert.equal(computeLayout(m, { ...NO_FILTER, connections: [1, 2] }).shownPackets, 18);
    const anomalies = computeLayout(m, { ...NO_FILTER, anomaliesOnly: true });
    assert.deepEqual(
      anomalies.rows
        .filter((r) => r.kind === 'packet')
        .map((r) => (r.kind === 'packet' ? m.packets[r.packet]!.findings : [])),
      [['rst'], ['reused_ports']],
    );
    const t8 = m.packets[7]!.time!;
    const range = computeLayout(m, { ...NO_FILTER, from: t8, to: t8 + 0.35 });
    assert.deepEqual(rowsOf(m, range).slice(0, 3), ['#8', '#9', '#10']);
    assert.equal(range.rowOfPacket[0], -1);
    assert.equal(range.rowOfPacket[7], 0);
  });

  test('a gap over hidden packets says how many the filter hides', () => {
    // The generated capture pauses 12.4 s after its 700th connection; connections around it
    // overlap, so showing only 700 and 701 hides packets of others inside the pause.
    const m = modelOfText(makeCapture(10_000));
    const l = computeLayout(m, { ...NO_FILTER, connections: [700, 701] });
    const gaps = l.rows.filter((r) => r.kind === 'gap');
    assert.equal(gaps.length, 1);
    const g = gaps[0]!;
    assert.ok(g.kind === 'gap' && g.seconds > 12 && g.hidden > 0, JSON.stringify(g));
    // Unfiltered, the same pause hides nothing.
    const all = computeLayout(m).rows.filter((r) => r.kind === 'gap');
    assert.ok(all.length >= 1 && all.every((r) => r.kind === 'gap' && r.hidden === 0));
  });
});

suite('diagram layout: virtualisation window', () => {
  const big = modelOfText(makeCapture(20_000));
  const layout = computeLayout(big);

  test('the window covers the rows under the viewport plus overscan, whatever the size', () => {
    const h = 900;
    const rowsPerScreen = Math.ceil((h - DEFAULT_CONFIG.headerHeight) / DEFAULT_CONFIG.rowHeight);
    for (const y of [0, 12_345, layout.height / 2, layout.height - h]) {
      const w = visibleWindow(layout, 0, y, 1600, h, 4);
      const count = w.lastRow - w.firstRow + 1;
      assert.ok(count <= rowsPerScreen + 2 * 4 + 2, `window at ${y}: ${count} rows`);
      // Every row intersecting the viewport (below the header) is inside the window.
      for (let r = 0; r < layout.rows.length; r++) {
        const row = layout.rows[r]!;
        const bottom = row.y + (row.kind === 'packet' ? 34 : 30);
        if (bottom > y + DEFAULT_CONFIG.headerHeight && row.y < y + h)
          assert.ok(r >= w.firstRow && r <= w.lastRow, `row ${r} at ${row.y} missing for y=${y}`);
      }
    }
  });

  test('only lanes near the viewport are in the window', () => {
    assert.ok(layout.lanes.length > 1000, `${layout.lanes.length} lanes`);
    const w = visibleWindow(layout, 50_000, 0, 1600, 900);
    for (let i = w.firstLane; i <= w.lastLane; i++) {
      const x = layout.lanes[i]!.x;
      assert.ok(
        x >= 50_000 + layout.axisWidth - layout.laneSpacing / 2 && x <= 51_600 + layout.laneSpacing,
      );
    }
    assert.ok(w.lastLane - w.firstLane + 1 <= Math.ceil(1600 / layout.laneSpacing) + 2);
  });

  test('segment queries return exactly the segments overlapping the rows', () => {
    const lane = layout.lanes.findIndex((l) => l.role === 'server');
    for (const [a, b] of [
      [0, 30],
      [5000, 5040],
      [layout.rows.length - 30, layout.rows.length - 1],
    ] as const) {
      const found = segmentsInWindow(layout, lane, 0, a, b);
      const all = layout.segments[lane * DEFAULT_CONFIG.maxTracks]!.filter(
        (s) => s.fromRow <= b && (s.toRow === null ? s.fromRow + 1 : s.toRow) >= a,
      );
      assert.deepEqual(found, all);
    }
    const s = stateAtRow(layout, lane, 0, 3);
    assert.ok(s && s.fromRow <= 3);
  });

  test('very long diagrams scroll over a capped height, mapped both ways', () => {
    const fake = { ...layout, height: 40_000_000 };
    assert.equal(scrollHeight(fake), MAX_SCROLL_HEIGHT);
    assert.equal(contentYForScroll(fake, 0, 900), 0);
    assert.equal(contentYForScroll(fake, MAX_SCROLL_HEIGHT - 900, 900), 40_000_000 - 900);
    const y = 12_345_678;
    assert.ok(Math.abs(contentYForScroll(fake, scrollForContentY(fake, y, 900), 900) - y) < 1e-6);
    // Short diagrams map one to one.
    assert.equal(contentYForScroll(layout, 1234, 900), 1234);
  });

  test('revealing a row scrolls only when it is out of view', () => {
    const r = 500;
    const y = layout.rows[r]!.y;
    assert.equal(revealRowY(layout, r, y - 400, 900), y - 400);
    assert.ok(revealRowY(layout, r, 0, 900) > 0);
    assert.ok(revealRowY(layout, r, y + 1000, 900) < y);
  });
});

suite('diagram layout: navigation, cursor and search', () => {
  test('up/down step between packet rows, skipping gaps', () => {
    const m = modelOf('keepalive');
    const l = computeLayout(m);
    const gap = l.rows.findIndex((r) => r.kind === 'gap');
    const next = stepPacketRow(l, gap - 1, 1);
    assert.equal(next, gap + 1);
    assert.equal(stepPacketRow(l, next, -1), gap - 1);
    assert.equal(stepPacketRow(l, -1, 1), 0);
    assert.equal(stepPacketRow(l, 0, -5), 0);
    assert.equal(stepPacketRow(l, l.rows.length - 1, 5), l.rows.length - 1);
  });

  test('a document line maps to the row of its packet (dump and payload lines included)', () => {
    const m = modelOf('normal-3way-close', 'A');
    const l = computeLayout(m);
    const p4 = m.packets[3]!;
    assert.equal(rowForLine(m, l, p4.line), 3);
    assert.equal(rowForLine(m, l, p4.line + 3), 3, 'payload line of packet 4');
    assert.equal(rowForLine(m, l, m.packets[4]!.line), 4);
    const filtered = computeLayout(m, { ...NO_FILTER, anomaliesOnly: true });
    assert.equal(rowForLine(m, filtered, p4.line), -1);
  });

  test('search matches flags, steps, states, findings, endpoints and packet numbers', () => {
    const m = modelOf('port-reuse');
    const l = computeLayout(m);
    const pkts = (q: string) =>
      searchRows(m, l, q).map((r) => {
        const row = l.rows[r]!;
        return row.kind === 'packet' ? m.packets[row.packet]!.packet : -1;
      });
    assert.deepEqual(pkts('RST'), [8]);
    assert.deepEqual(pkts('handshake 2/3'), [2, 10]);
    assert.deepEqual(pkts('port reuse'), [9]);
    assert.deepEqual(pkts('#12'), [12]);
    assert.deepEqual(pkts('[F.] c2'), [16, 17]);
    assert.deepEqual(pkts(''), []);
    assert.ok(pkts('time_wait').length > 0);
  });
});

suite('diagram labels', () => {
  test('compact and full labels', () => {
    const m = modelOf('normal-3way-close');
    assert.deepEqual(m.packets.slice(0, 4).map(compactLabel), [
      '[S] 0 win 65495',
      '[S.] 0 ack 1 win 65483',
      '[.] ack 1 win 64',
      '[P.] 1:75 ack 1 win 64 len 74',
    ]);
    assert.deepEqual(fullLabel(m, m.packets[1]!), [
      'Packet #2 · connection 1 · line 2',
      '08:58:41.000238 (+0.000015 s)',
      'server 127.0.0.1:47001 → client 127.0.0.1:50384',
      'Flags [S.] SYN ACK · seq 0 (printed 163489258) · ack 1 (printed 1144162390) · win 65483 · length 0',
      'Step: handshake 2/3',
      'After: client ESTABLISHED · server SYN_RCVD',
    ]);
  });

  test('step badges and durations', () => {
    assert.equal(stepBadge('handshake rejected (RST)'), 'rejected (RST)');
    assert.equal(stepBadge('close 3/4 (simultaneous: ACK of peer FIN)'), 'close 3/4 (simult.)');
    assert.equal(stepBadge('abort (RST)'), 'abort (RST)');
    assert.equal(formatDuration(12.44), '12.4 s');
    assert.equal(formatDuration(125), '2 min 5 s');
    assert.equal(formatDuration(3720), '1 h 2 min');
  });

  test('bidirectional and control characters are shown, not obeyed', () => {
    assert.equal(visibleText('ab\u202Ecd'), 'ab⟨U+202E⟩cd');
    assert.equal(visibleText('a\u0000b\u2066'), 'a⟨U+0000⟩b⟨U+2066⟩');
    assert.equal(endpointLabel('evil\u202Etxt.exe.80'), 'evil⟨U+202E⟩txt.exe:80');
  });
});
