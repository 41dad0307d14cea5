// The diagram as a tree of plain SVG node descriptions, for one window of the layout. Pure: no
// DOM. `dom.ts` turns the tree into elements (capture text always as text nodes), the SVG
// exporter into markup (escaped), the PNG exporter into canvas calls.
import type { DiagramModel } from '../src/webviewProtocol';
import type { Layout, ViewWindow } from './layout';
import { arrowY, segmentSpan, segmentsInWindow, stateAtRow, trackX } from './layout';
import {
  anomalyLabel,
  ariaLabel,
  compactLabel,
  formatDuration,
  packetSeverity,
  stepBadge,
  stepKind,
  visibleText,
} from './labels';

export type Tag = 'g' | 'rect' | 'line' | 'path' | 'text';

/** One SVG element: attributes are set as attributes, `text` as a text node. */
export interface VNode {
  readonly tag: Tag;
  readonly attrs: Readonly<Record<string, string | number>>;
  readonly text?: string;
  readonly children?: readonly VNode[];
}

export interface SceneInput {
  readonly model: DiagramModel;
  readonly layout: Layout;
  readonly window: ViewWindow;
  /** Content coordinates of the viewport's top-left corner. */
  readonly viewX: number;
  readonly viewY: number;
  /** Viewport size (px). */
  readonly width: number;
  readonly height: number;
  /** Row of the selected packet, -1 for none. */
  readonly selectedRow: number;
  /** Rows that match the search. */
  readonly matches: ReadonlySet<number>;
  /** Live view: hit areas, ids, ARIA roles and the header's state readout. */
  readonly interactive: boolean;
}

const h = (
  tag: Tag,
  attrs: Record<string, string | number>,
  children?: VNode[],
  text?: string,
): VNode => (text === undefined ? { tag, attrs, children } : { tag, attrs, text });

const BADGE_CHAR = 5.9;

/** Builds the scene for a window. The number of nodes grows with the window, not the model. */
export function renderScene(input: SceneInput): VNode[] {
  const { model, layout, window: win, viewX, viewY, width, height } = input;
  const cfg = layout.config;
  const H = cfg.headerHeight;
  const A = layout.axisWidth;
  const sx = (x: number) => x - viewX;
  const sy = (y: number) => y - viewY;
  const rowH = cfg.rowHeight;
  const out: VNode[] = [];
  if (!input.interactive) out.push(h('rect', { class: 'bg', x: 0, y: 0, width, height }));

  // Row highlights: search matches and the selection.
  for (let r = win.firstRow; r <= win.lastRow; r++) {
    const row = layout.rows[r]!;
    if (row.kind !== 'packet') continue;
    const y = sy(row.y);
    if (input.matches.has(r))
      out.push(h('rect', { class: 'row-match', x: A, y, width: width - A, height: rowH }));
    if (r === input.selectedRow) {
      out.push(h('rect', { class: 'row-selected', x: 0, y, width, height: rowH }));
      if (input.interactive)
        out.push(
          h('rect', {
            class: 'row-outline',
            x: 0.5,
            y: y + 0.5,
            width: width - 1,
            height: rowH - 1,
          }),
        );
    }
  }

  // Lane lines.
  for (let l = win.firstLane; l <= win.lastLane; l++) {
    const x = sx(layout.lanes[l]!.x);
    out.push(h('line', { class: 'lane-line', x1: x, y1: H, x2: x, y2: height }));
  }

  // Idle gaps, compressed.
  for (let r = win.firstRow; r <= win.lastRow; r++) {
    const row = layout.rows[r]!;
    if (row.kind !== 'gap') continue;
    const y = sy(row.y);
    const gh = cfg.gapHeight;
    const text =
      row.hidden > 0
        ? `${formatDuration(row.seconds)} later · ${row.hidden} packet${row.hidden === 1 ? '' : 's'} hidden`
        : `idle ${formatDuration(row.seconds)}`;
    out.push(
      h('g', { class: 'gap', 'data-gap': r }, [
        h('rect', { class: 'gap-band', x: A, y: y + 3, width: width - A, height: gh - 6 }),
        h('line', { class: 'gap-line', x1: A, y1: y + 3, x2: width, y2: y + 3 }),
        h('line', { class: 'gap-line', x1: A, y1: y + gh - 3, x2: width, y2: y + gh - 3 }),
        h(
          'text',
          { class: 'gap-text', x: A + (width - A) / 2, y: y + gh / 2 + 4, 'text-anchor': 'middle' },
          undefined,
          text,
        ),
      ]),
    );
  }

  // State bars.
  for (let l = win.firstLane; l <= win.lastLane; l++) {
    const lane = layout.lanes[l]!;
    for (let t = 0; t < lane.tracks; t++) {
      const x = sx(trackX(layout, l, t));
      for (const s of segmentsInWindow(layout, l, t, win.firstRow, win.lastRow)) {
        const span = segmentSpan(layout, s);
        const y0 = Math.max(sy(span.y0), H - 2);
        const y1 = Math.min(sy(span.y1), height + 2);
        if (y1 <= y0) continue;
        out.push(
          h('rect', {
            class: `bar state-${s.state}`,
            x: x - 2.5,
            y: y0,
            width: 5,
            height: y1 - y0,
            'data-lane': l,
            'data-track': t,
            'data-from': s.fromRow,
          }),
        );
      }
    }
  }

  // Arrows.
  const total = layout.packetRows.length;
  for (let r = win.firstRow; r <= win.lastRow; r++) {
    const row = layout.rows[r]!;
    if (row.kind !== 'packet') continue;
    const p = model.packets[row.packet]!;
    const fromLane = layout.lanes[layout.laneOfModelLane[p.from] ?? -1];
    const toLane = layout.lanes[layout.laneOfModelLane[p.to] ?? -1];
    if (!fromLane || !toLane) continue;
    const x1 = sx(fromLane.x);
    const x2 = sx(toLane.x);
    if (Math.max(x1, x2) < A || Math.min(x1, x2) > width) continue;
    const y = sy(arrowY(layout, r));
    const dir = x2 >= x1 ? 1 : -1;
    const sev = packetSeverity(p);
    const mods = [
      sev ? `sev-${sev}` : '',
      p.findings.some((f) => f.endsWith('retransmission')) ? 'retrans' : '',
      r === input.selectedRow ? 'selected' : '',
    ]
      .filter((m) => m !== '')
      .join(' ');
    const cls = (base: string) => (mods ? `${base} ${mods}` : base);
    const children: VNode[] = [];
    if (input.interactive) children.push(h('line', { class: 'arrow-hit', x1, y1: y, x2, y2: y }));
    children.push(
      h('line', { class: cls('arrow-line'), x1, y1: y, x2: x2 - dir * 7, y2: y }),
      h('path', {
        class: cls('arrow-head'),
        d: `M${x2} ${y}L${x2 - dir * 9} ${y - 4.5}L${x2 - dir * 9} ${y + 4.5}Z`,
      }),
    );
    // The label sits over the visible part of the arrow, inside the view.
    const label = compactLabel(p);
    const half = (label.length * cfg.labelCharWidth) / 2;
    const lo = Math.max(Math.min(x1, x2), A + 4);
    const hi = Math.min(Math.max(x1, x2), width - 4);
    const mid = Math.min(Math.max((lo + hi) / 2, A + 4 + half), width - 4 - half);
    children.push(
      h(
        'text',
        {
          class: input.matches.has(r) ? 'arrow-label match' : 'arrow-label',
          x: Math.round(mid),
          y: y - 5,
          'text-anchor': 'middle',
        },
        undefined,
        label,
      ),
    );
    if (p.step !== null) {
      const kind = stepKind(p.step);
      const text = stepBadge(p.step);
      const w = Math.ceil(text.length * BADGE_CHAR + 8);
      // At the sender's end, kept in view when that end is scrolled away.
      const bx = Math.min(Math.max(dir > 0 ? x1 + 6 : x1 - 6 - w, A + 4), width - w - 4);
      children.push(
        h('rect', {
          class: `badge step-${kind}`,
          x: bx,
          y: y + 4,
          width: w,
          height: 12,
          rx: 6,
        }),
        h(
          'text',
          { class: `badge-text step-${kind}`, x: bx + w / 2, y: y + 13, 'text-anchor': 'middle' },
          undefined,
          text,
        ),
      );
    }
    const anomaly = anomalyLabel(p);
    if (anomaly !== '') {
      const ax = dir > 0 ? Math.min(x2 - 12, width - 4) : Math.max(x2 + 12, A + 4);
      children.push(
        h(
          'text',
          {
            class: `anomaly sev-${sev ?? 'info'}`,
            x: ax,
            y: y + 14,
            'text-anchor': dir > 0 ? 'end' : 'start',
          },
          undefined,
          anomaly,
        ),
      );
    }
    const attrs: Record<string, string | number> = {
      class: cls('arrow'),
      'data-row': r,
      'data-packet': p.packet,
      'data-line': p.line,
    };
    if (input.interactive) {
      attrs['id'] = `pkt-${p.packet}`;
      attrs['role'] = 'option';
      attrs['aria-selected'] = r === input.selectedRow ? 'true' : 'false';
      attrs['aria-setsize'] = total;
      attrs['aria-posinset'] = packetOrdinal(layout, r) + 1;
      attrs['aria-label'] = ariaLabel(model, p);
    }
    out.push(h('g', attrs, children));
  }

  // Time axis (stays at the left).
  out.push(h('rect', { class: 'panel-bg', x: 0, y: H, width: A, height: height - H }));
  out.push(h('line', { class: 'panel-rule', x1: A - 0.5, y1: H, x2: A - 0.5, y2: height }));
  for (let r = win.firstRow; r <= win.lastRow; r++) {
    const row = layout.rows[r]!;
    const y = sy(row.y);
    if (row.kind === 'gap') {
      out.push(
        h(
          'text',
          { class: 'time gap-text', x: A - 8, y: y + cfg.gapHeight / 2 + 4, 'text-anchor': 'end' },
          undefined,
          `+${formatDuration(row.seconds)}`,
        ),
      );
      continue;
    }
    const p = model.packets[row.packet]!;
    out.push(
      h(
        'text',
        {
          class: r === input.selectedRow ? 'time selected' : 'time',
          x: A - 8,
          y: y + rowH / 2 + 4,
          'text-anchor': 'end',
          'data-row': r,
        },
        undefined,
        p.timeText !== null ? visibleText(p.timeText) : `#${p.packet}`,
      ),
    );
  }

  // Lane header (stays at the top).
  out.push(h('rect', { class: 'panel-bg', x: 0, y: 0, width, height: H }));
  out.push(h('line', { class: 'panel-rule', x1: 0, y1: H - 0.5, x2: width, y2: H - 0.5 }));
  const topRow = firstRowBelow(layout, viewY + H);
  for (let l = win.firstLane; l <= win.lastLane; l++) {
    const lane = layout.lanes[l]!;
    const x = sx(lane.x);
    if (x < A - layout.laneSpacing / 2) continue;
    const ids = lane.connections.map((c) => `c${c}`);
    const conns =
      ids.length > 3 ? `${ids.slice(0, 3).join(',')} +${ids.length - 3}` : ids.join(',');
    const hidden = lane.hiddenConnections > 0 ? ` (${lane.hiddenConnections} not drawn)` : '';
    out.push(
      h('g', { class: `lane lane-${lane.role}`, 'data-lane': l }, [
        h(
          'text',
          { class: 'lane-role', x, y: 14, 'text-anchor': 'middle' },
          undefined,
          `${lane.role} · ${conns}${hidden}`,
        ),
        h(
          'text',
          { class: 'lane-label', x, y: 29, 'text-anchor': 'middle' },
          undefined,
          lane.label,
        ),
      ]),
    );
    if (input.interactive && topRow >= 0) {
      const states: string[] = [];
      for (let t = 0; t < lane.tracks; t++) {
        const s = stateAtRow(layout, l, t, topRow);
        if (s) states.push(s.state);
      }
      if (states.length > 0)
        out.push(
          h(
            'text',
            { class: 'lane-state', x, y: 44, 'text-anchor': 'middle' },
            undefined,
            states.length === 1 ? states[0]! : `${states[0]!} +${states.length - 1}`,
          ),
        );
    }
  }
  out.push(h('rect', { class: 'panel-bg', x: 0, y: 0, width: A, height: H }));
  out.push(
    h(
      'text',
      { class: 'corner-text', x: 8, y: 29 },
      undefined,
      hasTimes(model) ? 'time' : 'packet',
    ),
  );
  return out;
}

function hasTimes(model: DiagramModel): boolean {
  return model.packets.length > 0 && model.packets[0]!.timeText !== null;
}

/** Index of the first row whose arrow is below content y, -1 if none. */
function firstRowBelow(layout: Layout, y: number): number {
  const rows = layout.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.y + layout.config.rowHeight / 2 < y) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length ? lo : rows.length - 1;
}

/** Position of a packet row among the packet rows. */
function packetOrdinal(layout: Layout, row: number): number {
  const list = layout.packetRows;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts the nodes of a scene (the benchmark and the tests bound it). */
export function countNodes(nodes: readonly VNode[]): number {
  let n = 0;
  for (const node of nodes) n += 1 + (node.children ? countNodes(node.children) : 0);
  return n;
}
