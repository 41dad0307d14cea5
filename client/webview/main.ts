// The sequence-diagram webview: toolbar, virtualised diagram, keyboard and mouse, messages with
// the extension host. Capture text only ever reaches the page through `textContent` and
// `setAttribute` (see ui.ts and dom.ts).
import type {
  DiagramFilter,
  DiagramModel,
  ExportFormat,
  ExportTarget,
  HostToWebview,
  WebviewToHost,
} from '../src/webviewProtocol';
import { toAscii } from './exporters/ascii';
import { ladder } from './exporters/ladder';
import { toMermaid } from './exporters/mermaid';
import { toPlantUml } from './exporters/plantuml';
import { fullScene, toSvg } from './exporters/svg';
import { parseHostToWebview } from './inbound';
import { ariaLabel, endpointLabel, fullLabel } from './labels';
import type { Layout } from './layout';
import {
  NO_FILTER,
  computeLayout,
  contentYForScroll,
  filterIsActive,
  revealRowY,
  rowForPacket,
  scrollForContentY,
  scrollHeight,
  searchRows,
  stateAtRow,
  stepPacketRow,
  visibleWindow,
} from './layout';
import { sceneToPng } from './raster';
import type { VNode } from './render';
import { renderScene } from './render';
import { STATE_ORDER, resolvePalette } from './theme';
import { el, mountScene } from './ui';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewToHost): void => vscode.postMessage(m);
const doc = document;

// ---------------------------------------------------------------------------------------------
// State

interface Saved {
  filter: DiagramFilter;
  search: string;
  selectedPacket: number | null;
  scrollTop: number;
  scrollLeft: number;
  legend: boolean;
  /** The filter, search and export controls are shown. */
  tools: boolean;
}

function restore(): Saved {
  const s = vscode.getState() as Partial<Saved> | undefined;
  const f = s?.filter;
  const okFilter =
    f !== undefined &&
    Array.isArray(f.connections) &&
    f.connections.every((c) => Number.isSafeInteger(c)) &&
    typeof f.anomaliesOnly === 'boolean' &&
    (f.from === null || typeof f.from === 'number') &&
    (f.to === null || typeof f.to === 'number');
  return {
    filter: okFilter ? f : NO_FILTER,
    search: typeof s?.search === 'string' ? s.search : '',
    selectedPacket: typeof s?.selectedPacket === 'number' ? s.selectedPacket : null,
    scrollTop: typeof s?.scrollTop === 'number' ? s.scrollTop : 0,
    scrollLeft: typeof s?.scrollLeft === 'number' ? s.scrollLeft : 0,
    // The legend starts open, except in a narrow view (the side bar) where it would crowd out
    // the diagram.
    legend: typeof s?.legend === 'boolean' ? s.legend : window.innerWidth >= 500,
    tools: typeof s?.tools === 'boolean' ? s.tools : window.innerWidth >= 500,
  };
}

const saved = restore();
let model: DiagramModel | null = null;
let documentName = '';
let layout: Layout | null = null;
let filter: DiagramFilter = saved.filter;
let search = saved.search;
let matches: number[] = [];
let matchSet: ReadonlySet<number> = new Set();
/** Index in model.packets of the selected packet (stable across layouts), or -1. */
let selected = -1;
let pendingSelectedPacket = saved.selectedPacket;
let pendingScroll: { top: number; left: number } | null = {
  top: saved.scrollTop,
  left: saved.scrollLeft,
};
let firstPaintDone = false;

// ---------------------------------------------------------------------------------------------
// Page structure

const input = (attrs: Record<string, string>, className = '') =>
  el(doc, 'input', { className, attrs });
const button = (text: string, title: string, className = '') =>
  el(doc, 'button', { text, className, attrs: { type: 'button', title, 'aria-label': title } });
const labelled = (text: string, control: HTMLElement) =>
  el(doc, 'label', { className: 'field' }, [el(doc, 'span', { text }), control]);

const docName = el(doc, 'span', { className: 'doc-name' });
const connectionsInput = input({
  type: 'text',
  placeholder: 'all (e.g. 1,3-5)',
  'aria-label': 'Connections to show, e.g. 1,3-5; empty for all',
  spellcheck: 'false',
  size: '10',
});
const pickButton = button('Pick…', 'Choose connections from a list');
const anomaliesBox = input({ type: 'checkbox', 'aria-label': 'Show only packets with findings' });
const fromInput = input({
  type: 'number',
  step: 'any',
  min: '0',
  placeholder: 'start',
  'aria-label': 'From, seconds since the first packet',
  size: '6',
});
const toInput = input({
  type: 'number',
  step: 'any',
  min: '0',
  placeholder: 'end',
  'aria-label': 'To, seconds since the first packet',
  size: '6',
});
const clearButton = button('Clear', 'Show everything (clear filters and search)');
const searchInput = input({
  type: 'search',
  placeholder: 'Search packets',
  'aria-label': 'Search packets (flags, steps, states, findings, endpoints, #packet)',
  spellcheck: 'false',
});
const searchCount = el(doc, 'span', {
  className: 'search-count',
  attrs: { 'aria-live': 'polite' },
});
const prevMatch = button('↑', 'Previous match (Shift+Enter)');
const nextMatch = button('↓', 'Next match (Enter)');
const formatSelect = el(doc, 'select', { attrs: { 'aria-label': 'Export format' } }, [
  el(doc, 'option', { text: 'Mermaid', attrs: { value: 'mermaid' } }),
  el(doc, 'option', { text: 'PlantUML', attrs: { value: 'plantuml' } }),
  el(doc, 'option', { text: 'ASCII ladder', attrs: { value: 'ascii' } }),
  el(doc, 'option', { text: 'SVG', attrs: { value: 'svg' } }),
  el(doc, 'option', { text: 'PNG', attrs: { value: 'png' } }),
]);
const exportNew = button('To document', 'Export the shown connections to a new untitled document');
exportNew.classList.add('export-untitled');
const exportFile = button('Save as…', 'Export the shown connections to a file');
exportFile.classList.add('export-file');
const legendToggle = button('Legend', 'Show or hide the legend');
legendToggle.setAttribute('aria-pressed', String(saved.legend));

const toolsToggle = button('Tools', 'Show or hide the filter, search and export controls');
toolsToggle.classList.add('tools-toggle');
toolsToggle.setAttribute('aria-expanded', String(saved.tools));

const tools = el(doc, 'span', { className: 'tools' }, [
  el(doc, 'span', { className: 'group' }, [labelled('Connections', connectionsInput), pickButton]),
  el(doc, 'label', { className: 'field check' }, [
    anomaliesBox,
    el(doc, 'span', { text: 'Anomalies only' }),
  ]),
  el(doc, 'span', { className: 'group' }, [
    labelled('From (s)', fromInput),
    labelled('to', toInput),
  ]),
  clearButton,
  el(doc, 'span', { className: 'group search' }, [searchInput, searchCount, prevMatch, nextMatch]),
  el(doc, 'span', { className: 'group' }, [
    labelled('Export', formatSelect),
    exportNew,
    exportFile,
  ]),
  legendToggle,
]);
tools.hidden = !saved.tools;
const toolbar = el(
  doc,
  'div',
  { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Diagram filters' } },
  [docName, toolsToggle, tools],
);
const counts = el(doc, 'span', { className: 'counts' });
const notice = el(doc, 'span', { className: 'notice', attrs: { role: 'status' } });
const statusLine = el(doc, 'div', { className: 'status', attrs: { 'aria-live': 'polite' } }, [
  counts,
  notice,
]);
const legend = el(doc, 'div', { className: 'legend', attrs: { 'aria-label': 'Legend' } });
const emptyMessage = el(doc, 'div', { className: 'empty', text: 'Waiting for the analysis…' });
const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
svg.classList.add('diagram');
svg.setAttribute('aria-hidden', 'false');
const inner = el(doc, 'div', { className: 'inner' });
inner.appendChild(svg);
const viewport = el(
  doc,
  'div',
  {
    className: 'viewport',
    attrs: { tabindex: '0', role: 'listbox', 'aria-label': 'Sequence diagram' },
  },
  [inner],
);
const tooltip = el(doc, 'div', { className: 'tooltip', attrs: { role: 'tooltip' } });
tooltip.hidden = true;
const live = el(doc, 'div', { className: 'sr-only', attrs: { 'aria-live': 'polite' } });

const app = doc.getElementById('app') ?? doc.body;
app.replaceChildren(toolbar, statusLine, legend, emptyMessage, viewport, tooltip, live);
legend.hidden = !saved.legend;
buildLegend();
syncControls();
setEmpty('Waiting for the analysis…');

// ---------------------------------------------------------------------------------------------
// Rendering

let frame = 0;
function schedule(): void {
  if (frame === 0)
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
}

function viewY(): number {
  return layout ? contentYForScroll(layout, viewport.scrollTop, viewport.clientHeight) : 0;
}

function render(): void {
  if (!model || !layout) return;
  const width = viewport.clientWidth;
  const height = viewport.clientHeight;
  if (width === 0 || height === 0) return;
  inner.style.width = `${Math.max(layout.width, width)}px`;
  inner.style.height = `${Math.max(scrollHeight(layout), height)}px`;
  svg.style.width = `${width}px`;
  svg.style.height = `${height}px`;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const x = viewport.scrollLeft;
  const y = viewY();
  const win = visibleWindow(layout, x, y, width, height);
  const row = selectedRow();
  const nodes = renderScene({
    model,
    layout,
    window: win,
    viewX: x,
    viewY: y,
    width,
    height,
    selectedRow: row,
    matches: matchSet,
    interactive: true,
  });
  mountScene(doc, svg, nodes);
  const p = row >= 0 && row >= win.firstRow && row <= win.lastRow ? model.packets[selected] : null;
  if (p) viewport.setAttribute('aria-activedescendant', `pkt-${p.packet}`);
  else viewport.removeAttribute('aria-activedescendant');
  if (!firstPaintDone) {
    firstPaintDone = true;
    performance.mark('tcpdump-lens:first-render');
    requestAnimationFrame(() => performance.mark('tcpdump-lens:first-paint'));
  }
}

function selectedRow(): number {
  return layout && selected >= 0 ? (layout.rowOfPacket[selected] ?? -1) : -1;
}

function relayout(): void {
  if (!model) return;
  const t0 = performance.now();
  layout = computeLayout(model, filter);
  updateMatches(false);
  updateStatus();
  viewport.setAttribute(
    'aria-label',
    `Sequence diagram of ${documentName}: ${layout.shownPackets} packets, ${layout.lanes.length} lanes. Up and down move between packets, Enter reveals the line.`,
  );
  performance.measure('tcpdump-lens:layout', { start: t0, end: performance.now() });
  schedule();
}

function updateStatus(): void {
  if (!model || !layout) return;
  const conns = new Set<number>();
  let anomalies = 0;
  for (const r of layout.packetRows) {
    const row = layout.rows[r]!;
    if (row.kind !== 'packet') continue;
    const p = model.packets[row.packet]!;
    conns.add(p.connection);
    if (p.findings.length > 0) anomalies++;
  }
  const parts = [
    `${layout.shownPackets} of ${layout.totalPackets} packets`,
    `${conns.size} of ${model.connections.length} connection${model.connections.length === 1 ? '' : 's'}`,
    `${anomalies} with findings`,
  ];
  if (filterIsActive(filter)) parts.push('filtered');
  counts.textContent = parts.join(' · ');
}

/** A message beside the counts (export results, input errors); it stays until the next one. */
function setNotice(message: string, level: 'info' | 'error'): void {
  notice.textContent = message;
  notice.classList.toggle('error', level === 'error');
}

function setEmpty(message: string | null): void {
  emptyMessage.hidden = message === null;
  if (message !== null) emptyMessage.textContent = message;
  viewport.hidden = message !== null;
  doc.body.dataset['state'] = message === null ? 'ready' : 'empty';
}

// ---------------------------------------------------------------------------------------------
// Selection and scrolling

/** Selects a row; scrolls it into view; optionally reveals its line in the editor. */
function selectRow(
  row: number,
  options: { reveal?: 'keep-focus' | 'focus-editor'; announce?: boolean } = {},
): void {
  if (!model || !layout) return;
  const r = layout.rows[row];
  if (!r || r.kind !== 'packet') return;
  selected = r.packet;
  const p = model.packets[selected]!;
  scrollRowIntoView(row, p.from);
  if (options.reveal)
    post({ type: 'revealLine', line: p.line, preserveFocus: options.reveal === 'keep-focus' });
  if (options.announce !== false) live.textContent = ariaLabel(model, p);
  saveStateSoon();
  schedule();
}

function scrollRowIntoView(row: number, fromModelLane: number): void {
  if (!layout) return;
  const height = viewport.clientHeight;
  const y = viewY();
  const target = revealRowY(layout, row, y, height);
  if (target !== y) viewport.scrollTop = scrollForContentY(layout, target, height);
  const lane = layout.lanes[layout.laneOfModelLane[fromModelLane] ?? -1];
  if (lane) {
    const left = viewport.scrollLeft + layout.axisWidth;
    const right = viewport.scrollLeft + viewport.clientWidth;
    if (lane.x < left + 20 || lane.x > right - 20)
      viewport.scrollLeft = Math.max(0, lane.x - layout.axisWidth - layout.laneSpacing / 2);
  }
}

function visibleRowCount(): number {
  return layout
    ? Math.max(
        1,
        Math.floor((viewport.clientHeight - layout.config.headerHeight) / layout.config.rowHeight) -
          1,
      )
    : 1;
}

// ---------------------------------------------------------------------------------------------
// Filters and search

function parseConnections(text: string): number[] | null {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'all') return [];
  const out = new Set<number>();
  for (const part of t.split(/[\s,]+/)) {
    if (part === '') continue;
    const m = /^c?(\d+)(?:-c?(\d+))?$/i.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (b < a || b - a > 100_000) return null;
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

function formatConnections(ids: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    out.push(j > i + 1 ? `${ids[i]}-${ids[j]}` : j === i + 1 ? `${ids[i]},${ids[j]}` : `${ids[i]}`);
    i = j;
  }
  return out.join(',');
}

function syncControls(): void {
  connectionsInput.value = formatConnections(filter.connections);
  connectionsInput.removeAttribute('aria-invalid');
  anomaliesBox.checked = filter.anomaliesOnly;
  fromInput.value = filter.from === null ? '' : String(filter.from);
  toInput.value = filter.to === null ? '' : String(filter.to);
  searchInput.value = search;
  exportNew.disabled = formatSelect.value === 'png';
}

function setFilter(next: DiagramFilter, options: { focusFirst?: boolean } = {}): void {
  filter = next;
  syncControls();
  post({ type: 'filterChanged', filter });
  relayout();
  if (layout && (options.focusFirst || selectedRow() < 0)) {
    const first = layout.packetRows[0];
    if (first !== undefined && options.focusFirst)
      selectRow(first, { reveal: undefined, announce: false });
  }
  saveStateSoon();
}

function numberOrNull(v: string): number | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function updateMatches(jump: boolean): void {
  if (!model || !layout) return;
  matches = searchRows(model, layout, search);
  matchSet = new Set(matches);
  if (search.trim() === '') searchCount.textContent = '';
  else if (matches.length === 0) searchCount.textContent = 'no match';
  if (jump && matches.length > 0) gotoMatch(0, true);
  else updateMatchCount();
  schedule();
}

function updateMatchCount(): void {
  if (search.trim() === '' || matches.length === 0) return;
  const row = selectedRow();
  const at = matches.indexOf(row);
  searchCount.textContent = at >= 0 ? `${at + 1}/${matches.length}` : `${matches.length} found`;
}

/** Moves to the next (delta 1) or previous (-1) match from the selection; 0: the first from it. */
function gotoMatch(delta: number, fromSelection = false): void {
  if (matches.length === 0) return;
  const row = selectedRow();
  let i: number;
  if (delta >= 0) {
    i = matches.findIndex((m) => (fromSelection || delta === 0 ? m >= row : m > row));
    if (i < 0) i = 0;
  } else {
    i = -1;
    for (let k = matches.length - 1; k >= 0; k--)
      if (matches[k]! < row) {
        i = k;
        break;
      }
    if (i < 0) i = matches.length - 1;
  }
  selectRow(matches[i]!);
  updateMatchCount();
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    search = searchInput.value;
    updateMatches(true);
    saveStateSoon();
  }, 150);
});
searchInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    if (search !== searchInput.value) {
      search = searchInput.value;
      updateMatches(true);
    } else gotoMatch(e.shiftKey ? -1 : 1);
  } else if (e.key === 'Escape') {
    searchInput.value = '';
    search = '';
    updateMatches(false);
    viewport.focus();
  }
});
prevMatch.addEventListener('click', () => gotoMatch(-1));
nextMatch.addEventListener('click', () => gotoMatch(1));

connectionsInput.addEventListener('change', () => {
  const ids = parseConnections(connectionsInput.value);
  if (ids === null) {
    connectionsInput.setAttribute('aria-invalid', 'true');
    setNotice('Connections: write numbers and ranges, e.g. 1,3-5 (empty for all).', 'error');
    return;
  }
  setFilter({ ...filter, connections: ids }, { focusFirst: ids.length > 0 });
});
pickButton.addEventListener('click', () =>
  post({ type: 'pickConnections', selected: [...filter.connections] }),
);
anomaliesBox.addEventListener('change', () =>
  setFilter({ ...filter, anomaliesOnly: anomaliesBox.checked }),
);
fromInput.addEventListener('change', () =>
  setFilter({ ...filter, from: numberOrNull(fromInput.value) }),
);
toInput.addEventListener('change', () => setFilter({ ...filter, to: numberOrNull(toInput.value) }));
clearButton.addEventListener('click', () => {
  search = '';
  setFilter(NO_FILTER);
  updateMatches(false);
});
formatSelect.addEventListener('change', () => {
  exportNew.disabled = formatSelect.value === 'png';
});
exportNew.addEventListener('click', () => exportAs(formatSelect.value as ExportFormat, 'untitled'));
exportFile.addEventListener('click', () => exportAs(formatSelect.value as ExportFormat, 'file'));
toolsToggle.addEventListener('click', () => {
  tools.hidden = !tools.hidden;
  toolsToggle.setAttribute('aria-expanded', String(!tools.hidden));
  saveStateSoon();
  schedule();
});
legendToggle.addEventListener('click', () => {
  legend.hidden = !legend.hidden;
  legendToggle.setAttribute('aria-pressed', String(!legend.hidden));
  saveStateSoon();
  schedule();
});

// ---------------------------------------------------------------------------------------------
// Mouse and keyboard on the diagram

function rowOfEvent(e: Event): number {
  const target = e.target as Element | null;
  const hit = target?.closest?.('[data-row]');
  return hit ? Number(hit.getAttribute('data-row')) : -1;
}

svg.addEventListener('click', (e) => {
  const row = rowOfEvent(e);
  if (row >= 0) selectRow(row, { reveal: 'keep-focus' });
  viewport.focus({ preventScroll: true });
});
svg.addEventListener('dblclick', (e) => {
  const row = rowOfEvent(e);
  if (row >= 0) selectRow(row, { reveal: 'focus-editor' });
});

viewport.addEventListener('keydown', (e) => {
  if (!layout) return;
  const row = selectedRow();
  let next = -2;
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      next = stepPacketRow(layout, row, 1);
      break;
    case 'ArrowUp':
    case 'k':
      next = stepPacketRow(layout, row, -1);
      break;
    case 'PageDown':
      next = stepPacketRow(layout, row, visibleRowCount());
      break;
    case 'PageUp':
      next = stepPacketRow(layout, row, -visibleRowCount());
      break;
    case 'Home':
      next = layout.packetRows[0] ?? -1;
      break;
    case 'End':
      next = layout.packetRows[layout.packetRows.length - 1] ?? -1;
      break;
    case 'ArrowRight':
      viewport.scrollLeft += layout.laneSpacing;
      e.preventDefault();
      return;
    case 'ArrowLeft':
      viewport.scrollLeft -= layout.laneSpacing;
      e.preventDefault();
      return;
    case 'Enter':
    case ' ':
      if (row >= 0) selectRow(row, { reveal: e.shiftKey ? 'focus-editor' : 'keep-focus' });
      e.preventDefault();
      return;
    case 'f':
      if (e.ctrlKey || e.metaKey) {
        searchInput.focus();
        searchInput.select();
        e.preventDefault();
      }
      return;
    case '/':
      searchInput.focus();
      e.preventDefault();
      return;
    case 'Escape':
      tooltip.hidden = true;
      return;
    default:
      return;
  }
  e.preventDefault();
  if (next >= 0) selectRow(next);
});

viewport.addEventListener('scroll', () => {
  tooltip.hidden = true;
  schedule();
  saveStateSoon();
});
new ResizeObserver(() => schedule()).observe(viewport);

let tooltipFor: Element | null = null;
svg.addEventListener('pointermove', (e) => {
  if (!model || !layout) return;
  const target = e.target as Element | null;
  const hit = target?.closest?.('g.arrow, rect.bar') ?? null;
  if (!hit) {
    tooltip.hidden = true;
    tooltipFor = null;
    return;
  }
  if (hit !== tooltipFor) {
    tooltipFor = hit;
    const lines = hit.matches('g.arrow') ? arrowTooltip(hit) : barTooltip(hit);
    tooltip.replaceChildren(
      ...lines.map((t, i) => el(doc, 'div', { text: t, className: i === 0 ? 'title' : '' })),
    );
  }
  tooltip.hidden = false;
  const pad = 14;
  const w = tooltip.offsetWidth;
  const h = tooltip.offsetHeight;
  const x =
    e.clientX + pad + w > doc.documentElement.clientWidth ? e.clientX - pad - w : e.clientX + pad;
  const y =
    e.clientY + pad + h > doc.documentElement.clientHeight ? e.clientY - pad - h : e.clientY + pad;
  tooltip.style.left = `${Math.max(0, x)}px`;
  tooltip.style.top = `${Math.max(0, y)}px`;
});
svg.addEventListener('pointerleave', () => {
  tooltip.hidden = true;
  tooltipFor = null;
});

function arrowTooltip(hit: Element): string[] {
  const row = Number(hit.getAttribute('data-row'));
  const r = layout?.rows[row];
  if (!model || !r || r.kind !== 'packet') return [];
  return fullLabel(model, model.packets[r.packet]!);
}

function barTooltip(hit: Element): string[] {
  if (!model || !layout) return [];
  const lane = Number(hit.getAttribute('data-lane'));
  const track = Number(hit.getAttribute('data-track'));
  const from = Number(hit.getAttribute('data-from'));
  const s = stateAtRow(layout, lane, track, from);
  const l = layout.lanes[lane];
  if (!s || !l) return [];
  const row = (r: number | null) => {
    const x = r === null ? undefined : layout!.rows[r];
    return x?.kind === 'packet' ? `#${model!.packets[x.packet]!.packet}` : 'the end of the capture';
  };
  return [
    s.state,
    `${s.role} ${l.label} · connection ${s.connection}`,
    `after packet ${row(s.fromRow)} until ${row(s.toRow)}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Legend

function buildLegend(): void {
  const swatch = (nodes: VNode[]) => {
    const s = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    s.classList.add('diagram', 'swatch');
    s.setAttribute('width', '22');
    s.setAttribute('height', '12');
    s.setAttribute('aria-hidden', 'true');
    mountScene(doc, s, nodes);
    return s;
  };
  const item = (nodes: VNode[], text: string) =>
    el(doc, 'span', { className: 'legend-item' }, [swatch(nodes), el(doc, 'span', { text })]);
  const states = STATE_ORDER.map((st) =>
    item(
      [{ tag: 'rect', attrs: { class: `bar state-${st}`, x: 8, y: 0, width: 6, height: 12 } }],
      st,
    ),
  );
  const arrow = (cls: string): VNode[] => [
    { tag: 'line', attrs: { class: `arrow-line ${cls}`, x1: 1, y1: 6, x2: 15, y2: 6 } },
    { tag: 'path', attrs: { class: `arrow-head ${cls}`, d: 'M21 6L13 2L13 10Z' } },
  ];
  const badge = (kind: string): VNode[] => [
    {
      tag: 'rect',
      attrs: { class: `badge step-${kind}`, x: 1, y: 1, width: 20, height: 10, rx: 5 },
    },
  ];
  legend.replaceChildren(
    el(doc, 'span', { className: 'legend-title', text: 'States' }),
    ...states,
    el(doc, 'span', { className: 'legend-title', text: 'Packets' }),
    item(arrow(''), 'normal'),
    item(arrow('sev-error'), 'RST, refused'),
    item(arrow('sev-warning'), 'dup ACK, zero window'),
    item(arrow('sev-warning retrans'), 'retransmission'),
    item(arrow('sev-info'), 'keep-alive, port reuse'),
    item(badge('handshake'), 'handshake step'),
    item(badge('close'), 'close step'),
    item(badge('abort'), 'abort / reject (RST)'),
  );
}

// ---------------------------------------------------------------------------------------------
// Export

function baseName(): string {
  const name = documentName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+/, '');
  const conns =
    filter.connections.length > 0
      ? `-c${formatConnections(filter.connections).replace(/,/g, '_')}`
      : '';
  return `${name || 'capture'}${conns}-sequence`.slice(0, 100);
}

function palette() {
  const style = getComputedStyle(doc.documentElement);
  return resolvePalette((name) => style.getPropertyValue(name));
}

function exportAs(format: ExportFormat, target: ExportTarget): void {
  if (!model || !layout) return;
  if (layout.shownPackets === 0) {
    setNotice('Nothing to export: no packet is shown.', 'error');
    return;
  }
  try {
    const title = `${documentName}: TCP sequence diagram`;
    let content: string;
    let ext: string;
    switch (format) {
      case 'mermaid':
        content = toMermaid(ladder(model, layout));
        ext = 'mmd';
        break;
      case 'plantuml':
        content = toPlantUml(ladder(model, layout));
        ext = 'puml';
        break;
      case 'ascii':
        content = toAscii(ladder(model, layout));
        ext = 'txt';
        break;
      case 'svg':
        content = toSvg(model, layout, palette(), title);
        ext = 'svg';
        break;
      case 'png': {
        const png = sceneToPng(
          doc,
          fullScene(model, layout),
          layout.width,
          layout.height,
          palette(),
        );
        if (png instanceof Error) {
          setNotice(png.message, 'error');
          return;
        }
        content = png;
        ext = 'png';
        target = 'file';
        break;
      }
    }
    post({ type: 'export', format, target, content, suggestedName: `${baseName()}.${ext}` });
  } catch (error) {
    setNotice(`Export failed: ${String(error)}`, 'error');
    post({ type: 'error', message: `export ${format} failed: ${String(error)}` });
  }
}

// ---------------------------------------------------------------------------------------------
// Messages from the host

function onModel(next: DiagramModel, name: string): void {
  const previousSelected =
    model && selected >= 0 ? model.packets[selected]?.packet : pendingSelectedPacket;
  const first = model === null;
  model = next;
  documentName = name;
  docName.textContent = name;
  docName.title = endpointLabel(next.uri);
  const known = new Set(next.connections.map((c) => c.id));
  if (filter.connections.some((c) => !known.has(c)))
    filter = { ...filter, connections: filter.connections.filter((c) => known.has(c)) };
  syncControls();
  // Keep the selected packet (by its number) across edits.
  selected = -1;
  if (previousSelected !== null && previousSelected !== undefined) {
    const i = next.packets.findIndex((p) => p.packet === previousSelected);
    if (i >= 0) selected = i;
  }
  pendingSelectedPacket = null;
  setEmpty(next.packets.length === 0 ? 'No TCP packets in this document.' : null);
  relayout();
  if (first && pendingScroll) {
    const s = pendingScroll;
    pendingScroll = null;
    requestAnimationFrame(() => {
      viewport.scrollTop = s.top;
      viewport.scrollLeft = s.left;
    });
  }
}

/**
 * Follows the editor's cursor (the host found the packet of its line). A line of no TCP packet,
 * or a packet the filter hides, clears the selection: the highlighted arrow is always the packet
 * under the cursor.
 */
function onCursor(packet: number | null): void {
  if (!model || !layout) return;
  const row = packet === null ? -1 : rowForPacket(model, layout, packet);
  if (row === selectedRow()) return;
  if (row < 0) {
    selected = -1;
    saveStateSoon();
    schedule();
    return;
  }
  selectRow(row, { announce: false });
}

function onFocusConnections(ids: readonly number[]): void {
  setFilter({ ...filter, connections: [...ids] }, { focusFirst: ids.length > 0 });
}

function handle(msg: HostToWebview): void {
  switch (msg.type) {
    case 'model':
      onModel(msg.model, msg.documentName);
      break;
    case 'empty':
      model = null;
      layout = null;
      docName.textContent = '';
      counts.textContent = '';
      setEmpty(msg.message);
      break;
    case 'cursor':
      onCursor(msg.packet);
      break;
    case 'focusConnections':
      onFocusConnections(msg.connections);
      break;
    case 'requestExport':
      exportAs(msg.format, msg.target);
      break;
    case 'notice':
      setNotice(msg.message, msg.level);
      break;
  }
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  // Reading `data` deserialises the message (a large model takes a while): timed apart.
  const t = performance.now();
  const data = e.data;
  const t0 = performance.now();
  const msg = parseHostToWebview(data);
  if (!msg) {
    post({ type: 'error', message: 'the webview ignored a malformed message' });
    return;
  }
  if (msg.type === 'model') {
    performance.measure('tcpdump-lens:receive', { start: t, end: t0 });
    performance.measure('tcpdump-lens:validate', { start: t0, end: performance.now() });
    firstPaintDone = false;
  }
  handle(msg);
});

// ---------------------------------------------------------------------------------------------
// Persistence (the panel serializer restores the view after a reload)

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveStateSoon(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const p = model && selected >= 0 ? model.packets[selected] : undefined;
    const state: Saved & { uri: string | null } = {
      // The document this panel shows: the host puts it on <body data-uri> (escaped).
      uri: model?.uri ?? doc.body.dataset['uri'] ?? null,
      filter,
      search,
      selectedPacket: p ? p.packet : null,
      scrollTop: viewport.scrollTop,
      scrollLeft: viewport.scrollLeft,
      legend: !legend.hidden,
      tools: !tools.hidden,
    };
    vscode.setState(state);
  }, 200);
}

saveStateSoon();
post({ type: 'ready' });
