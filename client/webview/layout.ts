// Where everything goes: the diagram model and a filter in, lanes, rows (packets and compressed
// idle gaps), state bars and the visible window out. Pure: no DOM, unit-tested in Node.
import type {
  DiagramFilter,
  DiagramModel,
  DiagramPacket,
  DiagramState,
} from '../src/webviewProtocol';
import { endpointLabel, searchText } from './labels';

export interface LayoutConfig {
  /** Height of a packet row (px). */
  readonly rowHeight: number;
  /** Height of a compressed idle gap (px). */
  readonly gapHeight: number;
  /** Height of the lane header (px). */
  readonly headerHeight: number;
  /** Width of the time axis: bounds for the width computed from the timestamps (px). */
  readonly minAxisWidth: number;
  readonly maxAxisWidth: number;
  /** Distance between lanes: bounds for the distance computed from the labels (px). */
  readonly minLaneSpacing: number;
  readonly maxLaneSpacing: number;
  /** Approximate width of one character of the diagram's font (px): labels, arrow labels. */
  readonly charWidth: number;
  readonly labelCharWidth: number;
  /** Distance between the state bars of concurrent connections on one lane (px). */
  readonly trackSpacing: number;
  /** Concurrent connections drawn per lane; more are counted, not drawn. */
  readonly maxTracks: number;
  /** A pause at least this long between two shown packets becomes an idle gap (seconds). */
  readonly gapThreshold: number;
}

export const DEFAULT_CONFIG: LayoutConfig = {
  rowHeight: 34,
  gapHeight: 30,
  headerHeight: 52,
  minAxisWidth: 96,
  maxAxisWidth: 230,
  minLaneSpacing: 220,
  maxLaneSpacing: 380,
  charWidth: 7,
  labelCharWidth: 6.7,
  trackSpacing: 7,
  maxTracks: 5,
  gapThreshold: 1,
};

/** A vertical lane: one endpoint (`host:port`) in one role. */
export interface Lane {
  /** Position, left to right. */
  readonly index: number;
  readonly role: 'client' | 'server';
  /** `host:port` for display. */
  readonly label: string;
  /** As tcpdump printed it (`host.port`). */
  readonly rawLabel: string;
  /** Centre (content coordinates). */
  readonly x: number;
  /** Model lanes drawn on this lane (one per connection that uses the endpoint). */
  readonly modelLanes: number[];
  readonly connections: number[];
  /** State-bar tracks drawn (concurrent connections, at most `maxTracks`). */
  tracks: number;
  /** Connections whose bars are not drawn because more than `maxTracks` overlapped. */
  hiddenConnections: number;
}

export type Row =
  | { readonly kind: 'packet'; readonly y: number; readonly packet: number }
  | {
      readonly kind: 'gap';
      readonly y: number;
      readonly seconds: number;
      /** Packets between the two rows that the filter hides. */
      readonly hidden: number;
    };

/** An endpoint's state from the arrow of `fromRow` down to the arrow of `toRow`. */
export interface StateSegment {
  readonly lane: number;
  readonly track: number;
  readonly connection: number;
  readonly role: 'client' | 'server';
  readonly state: DiagramState;
  readonly fromRow: number;
  /** Null: the connection's last packet; the bar ends in a short stub (the final state). */
  readonly toRow: number | null;
}

export interface Layout {
  readonly config: LayoutConfig;
  readonly axisWidth: number;
  readonly laneSpacing: number;
  readonly lanes: Lane[];
  readonly rows: Row[];
  /** Row indices of the packet rows, in order (keyboard navigation). */
  readonly packetRows: Int32Array;
  /** Row of each model packet (index in `model.packets`), -1 when filtered out. */
  readonly rowOfPacket: Int32Array;
  /** Layout lane of each model lane, -1 when hidden. */
  readonly laneOfModelLane: Int32Array;
  /** Track of each model lane on its layout lane; `maxTracks` or more: not drawn. */
  readonly trackOfModelLane: Int32Array;
  /** State segments per lane and track (`lane * maxTracks + track`), sorted, non-overlapping. */
  readonly segments: StateSegment[][];
  /** Content size (px). */
  readonly width: number;
  readonly height: number;
  /** Packets shown / in the model. */
  readonly shownPackets: number;
  readonly totalPackets: number;
}

export const NO_FILTER: DiagramFilter = {
  connections: [],
  anomaliesOnly: false,
  from: null,
  to: null,
};

export function filterIsActive(f: DiagramFilter): boolean {
  return f.connections.length > 0 || f.anomaliesOnly || f.from !== null || f.to !== null;
}

/** The packet passes the filter (`selected` is the connection set, null for all). */
function shown(p: DiagramPacket, f: DiagramFilter, selected: Set<number> | null): boolean {
  if (selected && !selected.has(p.connection)) return false;
  if (f.anomaliesOnly && p.findings.length === 0) return false;
  if (p.time !== null) {
    if (f.from !== null && p.time < f.from) return false;
    if (f.to !== null && p.time > f.to) return false;
  }
  return true;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Lays the model out for a filter. O(packets); no allocation per packet beyond its row. */
export function computeLayout(
  model: DiagramModel,
  filter: DiagramFilter = NO_FILTER,
  config: LayoutConfig = DEFAULT_CONFIG,
): Layout {
  const selected = filter.connections.length > 0 ? new Set(filter.connections) : null;
  const packets = model.packets;

  // Rows: shown packets in order, with an idle gap where time stood still long enough.
  const rows: Row[] = [];
  const rowOfPacket = new Int32Array(packets.length).fill(-1);
  const connectionRows = new Map<number, number[]>();
  const usedModelLanes = new Set<number>();
  let y = config.headerHeight;
  let lastTime: number | null = null;
  let hidden = 0;
  let maxTimeChars = 0;
  let maxLabelChars = 0;
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i]!;
    if (!shown(p, filter, selected)) {
      hidden++;
      continue;
    }
    if (p.time !== null && lastTime !== null && p.time - lastTime >= config.gapThreshold) {
      rows.push({ kind: 'gap', y, seconds: p.time - lastTime, hidden });
      y += config.gapHeight;
    }
    hidden = 0;
    if (p.time !== null) lastTime = p.time;
    rowOfPacket[i] = rows.length;
    let list = connectionRows.get(p.connection);
    if (!list) connectionRows.set(p.connection, (list = []));
    list.push(rows.length);
    usedModelLanes.add(p.from);
    usedModelLanes.add(p.to);
    rows.push({ kind: 'packet', y, packet: i });
    y += config.rowHeight;
    const chars = p.timeText !== null ? p.timeText.length : digits(p.packet) + 1;
    if (chars > maxTimeChars) maxTimeChars = chars;
    const label = compactLabelLength(p);
    if (label > maxLabelChars) maxLabelChars = label;
  }

  // Lanes: one per endpoint and role, clients left and servers right, by first appearance.
  const clientKeys: string[] = [];
  const serverKeys: string[] = [];
  const byKey = new Map<string, { role: 'client' | 'server'; raw: string; lanes: number[] }>();
  for (const c of model.connections) {
    if (!connectionRows.has(c.id)) continue;
    for (const id of [c.clientLane, c.serverLane]) {
      const l = model.lanes[id];
      if (!l || !usedModelLanes.has(id)) continue;
      const key = `${l.role} ${l.label}`;
      let entry = byKey.get(key);
      if (!entry) {
        byKey.set(key, (entry = { role: l.role, raw: l.label, lanes: [] }));
        (l.role === 'client' ? clientKeys : serverKeys).push(key);
      }
      entry.lanes.push(id);
    }
  }
  const keys = [...clientKeys, ...serverKeys];
  const labels = keys.map((k) => endpointLabel(byKey.get(k)!.raw));
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  // Wide enough for the endpoint labels and, between adjacent lanes, the arrow labels.
  const laneSpacing = clamp(
    Math.round(
      Math.max(longest * config.charWidth + 40, maxLabelChars * config.labelCharWidth + 24),
    ),
    config.minLaneSpacing,
    config.maxLaneSpacing,
  );
  const axisWidth = clamp(
    maxTimeChars * config.charWidth + 20,
    config.minAxisWidth,
    config.maxAxisWidth,
  );
  const laneOfModelLane = new Int32Array(model.lanes.length).fill(-1);
  const lanes: Lane[] = keys.map((key, index) => {
    const e = byKey.get(key)!;
    for (const id of e.lanes) laneOfModelLane[id] = index;
    return {
      index,
      role: e.role,
      label: labels[index]!,
      rawLabel: e.raw,
      x: axisWidth + laneSpacing / 2 + index * laneSpacing,
      modelLanes: e.lanes,
      connections: e.lanes.map((id) => model.lanes[id]!.connection),
      tracks: 0,
      hiddenConnections: 0,
    };
  });

  // State bars: a track per concurrently open connection on a lane (greedy interval colouring),
  // and per track the endpoint's state between consecutive shown packets.
  const trackOfModelLane = new Int32Array(model.lanes.length).fill(-1);
  const trackEnds: number[][] = lanes.map(() => []);
  const segments: StateSegment[][] = Array.from(
    { length: lanes.length * config.maxTracks },
    () => [],
  );
  for (const c of model.connections) {
    const list = connectionRows.get(c.id);
    if (!list) continue;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    for (const role of ['client', 'server'] as const) {
      const modelLane = role === 'client' ? c.clientLane : c.serverLane;
      const lane = laneOfModelLane[modelLane] ?? -1;
      if (lane < 0) continue;
      const ends = trackEnds[lane]!;
      let track = ends.findIndex((end) => end < first);
      if (track < 0 && ends.length < config.maxTracks) track = ends.push(-1) - 1;
      if (track < 0) {
        trackOfModelLane[modelLane] = config.maxTracks;
        lanes[lane]!.hiddenConnections++;
        continue;
      }
      ends[track] = last;
      trackOfModelLane[modelLane] = track;
      const out = segments[lane * config.maxTracks + track]!;
      let start = 0;
      for (let k = 1; k <= list.length; k++) {
        const state = stateAt(packets, rows, list[start]!, role);
        if (k < list.length && stateAt(packets, rows, list[k]!, role) === state) continue;
        out.push({
          lane,
          track,
          connection: c.id,
          role,
          state,
          fromRow: list[start]!,
          toRow: k < list.length ? list[k]! : null,
        });
        start = k;
      }
    }
  }
  for (let i = 0; i < lanes.length; i++) lanes[i]!.tracks = trackEnds[i]!.length;

  const packetRows = new Int32Array(countPackets(rows));
  for (let r = 0, k = 0; r < rows.length; r++) if (rows[r]!.kind === 'packet') packetRows[k++] = r;

  return {
    config,
    axisWidth,
    laneSpacing,
    lanes,
    rows,
    packetRows,
    rowOfPacket,
    laneOfModelLane,
    trackOfModelLane,
    segments,
    width: axisWidth + lanes.length * laneSpacing + 24,
    height: y + config.rowHeight,
    shownPackets: packetRows.length,
    totalPackets: packets.length,
  };
}

function digits(n: number): number {
  return n <= 0 ? 1 : Math.floor(Math.log10(n)) + 1;
}

/** Length of `compactLabel(p)` without building it (layout runs over every packet). */
function compactLabelLength(p: DiagramPacket): number {
  let n = p.flags === 'tcp' ? 3 : p.flags.length + 2;
  const seq = p.relativeSeq ?? p.seq;
  const ack = p.relativeAck ?? p.ack;
  if (seq !== null) n += 1 + seq.length;
  if (ack !== null) n += 5 + digits(ack);
  if (p.win !== null) n += 5 + digits(p.win);
  if (p.length !== null && p.length > 0) n += 5 + digits(p.length);
  return n;
}

function countPackets(rows: Row[]): number {
  let n = 0;
  for (const r of rows) if (r.kind === 'packet') n++;
  return n;
}

function stateAt(
  packets: readonly DiagramPacket[],
  rows: Row[],
  row: number,
  role: 'client' | 'server',
): DiagramState {
  const r = rows[row]!;
  return r.kind === 'packet' ? packets[r.packet]!.stateAfter[role] : 'UNKNOWN';
}

/** Vertical position of a row's arrow (content coordinates). */
export function arrowY(layout: Layout, row: number): number {
  return layout.rows[row]!.y + Math.round(layout.config.rowHeight / 2);
}

/** Where a state segment's bar starts and ends (content coordinates). */
export function segmentSpan(layout: Layout, s: StateSegment): { y0: number; y1: number } {
  const y0 = arrowY(layout, s.fromRow);
  const y1 =
    s.toRow === null ? y0 + Math.round(layout.config.rowHeight * 0.8) : arrowY(layout, s.toRow);
  return { y0, y1 };
}

/** Horizontal position of a track's bar on a lane. */
export function trackX(layout: Layout, lane: number, track: number): number {
  const l = layout.lanes[lane]!;
  return l.x + (track - (Math.max(1, l.tracks) - 1) / 2) * layout.config.trackSpacing;
}

// ---------------------------------------------------------------------------------------------
// Virtualisation: what intersects the viewport.

export interface ViewWindow {
  /** Inclusive row range (with overscan), empty when `firstRow > lastRow`. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** Inclusive lane range. */
  readonly firstLane: number;
  readonly lastLane: number;
}

/** First index in [0, n) whose value is > target, for a non-decreasing sequence. */
function upperBound(n: number, at: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rows and lanes that intersect a viewport at content position (`x`, `y`) of size
 * `width` × `height`, plus `overscan` rows above and below. The header and the axis cover part
 * of the viewport; rows under the header are not counted.
 */
export function visibleWindow(
  layout: Layout,
  x: number,
  y: number,
  width: number,
  height: number,
  overscan = 4,
): ViewWindow {
  const rows = layout.rows;
  const top = y + layout.config.headerHeight;
  const bottom = y + height;
  // The last row starting at or above `top` is the first one visible.
  const firstVisible = Math.max(0, upperBound(rows.length, (i) => rows[i]!.y, top) - 1);
  const afterLast = upperBound(rows.length, (i) => rows[i]!.y, bottom);
  const firstRow = Math.max(0, firstVisible - overscan);
  const lastRow = Math.min(rows.length - 1, afterLast - 1 + overscan);
  const left = x + layout.axisWidth - layout.laneSpacing / 2;
  const right = x + width + layout.laneSpacing / 2;
  const lanes = layout.lanes;
  const firstLane = Math.max(
    0,
    upperBound(lanes.length, (i) => lanes[i]!.x, left),
  );
  const lastLane = Math.min(
    lanes.length - 1,
    upperBound(lanes.length, (i) => lanes[i]!.x, right) - 1,
  );
  return { firstRow, lastRow, firstLane, lastLane };
}

/** Segments of a lane's track that overlap rows [firstRow, lastRow]. */
export function segmentsInWindow(
  layout: Layout,
  lane: number,
  track: number,
  firstRow: number,
  lastRow: number,
): StateSegment[] {
  const list = layout.segments[lane * layout.config.maxTracks + track];
  if (!list || list.length === 0) return [];
  const end = (s: StateSegment) => (s.toRow === null ? s.fromRow + 1 : s.toRow);
  // Segments are sorted and disjoint: the first one that ends at or after firstRow.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (end(list[mid]!) < firstRow) lo = mid + 1;
    else hi = mid;
  }
  const out: StateSegment[] = [];
  for (let i = lo; i < list.length && list[i]!.fromRow <= lastRow; i++) out.push(list[i]!);
  return out;
}

/** The state of a lane's track at a row (for the header readout), or null when none. */
export function stateAtRow(
  layout: Layout,
  lane: number,
  track: number,
  row: number,
): StateSegment | null {
  const found = segmentsInWindow(layout, lane, track, row, row);
  return found.find((s) => s.fromRow <= row && (s.toRow === null || s.toRow > row)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Scrolling: browsers cap an element's height (Chromium near 16.7 M px), so very long diagrams
// scroll over a shorter range that is mapped proportionally onto the content.

export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Height of the scrollable area for a layout. */
export function scrollHeight(layout: Layout): number {
  return Math.min(layout.height, MAX_SCROLL_HEIGHT);
}

/** Content y at the top of the viewport for a scrollTop. */
export function contentYForScroll(layout: Layout, scrollTop: number, viewport: number): number {
  const range = scrollHeight(layout) - viewport;
  if (layout.height <= MAX_SCROLL_HEIGHT || range <= 0) return scrollTop;
  return (scrollTop / range) * (layout.height - viewport);
}

/** scrollTop that puts content y at the top of the viewport. */
export function scrollForContentY(layout: Layout, contentY: number, viewport: number): number {
  const range = scrollHeight(layout) - viewport;
  if (layout.height <= MAX_SCROLL_HEIGHT || range <= 0) return contentY;
  return (contentY / (layout.height - viewport)) * range;
}

/**
 * The content y to scroll to so that `row` is visible (unchanged when it already is), keeping
 * a margin of one row below the header and above the bottom.
 */
export function revealRowY(
  layout: Layout,
  row: number,
  contentY: number,
  viewport: number,
): number {
  const r = layout.rows[row];
  if (!r) return contentY;
  const h = layout.config.rowHeight;
  const top = r.y - layout.config.headerHeight - h;
  const bottom = r.y + 2 * h - viewport;
  if (contentY > top) return Math.max(0, top);
  if (contentY < bottom) return bottom;
  return contentY;
}

// ---------------------------------------------------------------------------------------------
// Navigation and search.

/** The packet row `delta` packet rows away from `row` (clamped), or the first one if none. */
export function stepPacketRow(layout: Layout, row: number, delta: number): number {
  const list = layout.packetRows;
  if (list.length === 0) return -1;
  if (row < 0) return delta >= 0 ? list[0]! : list[list.length - 1]!;
  // Position of `row` (or of the packet row just before it).
  const pos = Math.max(0, upperBound(list.length, (i) => list[i]!, row) - 1);
  const next = clamp(pos + delta, 0, list.length - 1);
  return list[next]!;
}

/**
 * The row of the packet a document line belongs to: the packet whose lines (first to last: its
 * `-v` second line, dump and payload lines) contain it. -1 when that packet is filtered out or
 * the line belongs to no TCP packet.
 */
export function rowForLine(model: DiagramModel, layout: Layout, line: number): number {
  const ps = model.packets;
  const i = upperBound(ps.length, (k) => ps[k]!.firstLine, line) - 1;
  if (i < 0 || line > ps[i]!.lastLine) return -1;
  return layout.rowOfPacket[i] ?? -1;
}

/** The row of the packet numbered `packet`; -1 when it is filtered out or unknown. */
export function rowForPacket(model: DiagramModel, layout: Layout, packet: number): number {
  const ps = model.packets;
  const i = upperBound(ps.length, (k) => ps[k]!.packet, packet) - 1;
  if (i < 0 || ps[i]!.packet !== packet) return -1;
  return layout.rowOfPacket[i] ?? -1;
}

/** Packet rows whose text contains every word of the query (case-insensitive). */
export function searchRows(model: DiagramModel, layout: Layout, query: string): number[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  const out: number[] = [];
  for (const r of layout.packetRows) {
    const row = layout.rows[r]!;
    if (row.kind !== 'packet') continue;
    const text = searchText(model, model.packets[row.packet]!);
    if (words.every((w) => text.includes(w))) out.push(r);
  }
  return out;
}
