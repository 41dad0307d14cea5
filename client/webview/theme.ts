// Colours and strokes of the diagram's SVG classes, expressed only in VS Code theme variables.
// One table serves three consumers: styles.css (its generated block must equal `diagramCss()`,
// a unit test checks it), the SVG export (a <style> with the resolved colours) and the PNG
// export (the canvas painter). Pure: no DOM.
import type { DiagramState } from '../src/webviewProtocol';

/**
 * A style value: a theme variable (`--vscode-…`), a variable with a literal fallback for themes
 * that do not define it (`--vscode-…, transparent`), or a literal (`none`).
 */
export interface StyleRule {
  /** Compound class selector, e.g. `.arrow-line.sev-error` (no combinators). */
  readonly selector: string;
  readonly fill?: string;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  readonly dash?: string;
  readonly opacity?: number;
  readonly fontSize?: number;
  readonly fontWeight?: 'normal' | 'bold';
  readonly fontStyle?: 'italic';
}

/** Colour of each state's bar. */
export const STATE_COLORS: Readonly<Record<DiagramState, string>> = {
  LISTEN: '--vscode-terminal-ansiBrightBlack',
  SYN_SENT: '--vscode-charts-yellow',
  SYN_RCVD: '--vscode-charts-orange',
  ESTABLISHED: '--vscode-charts-green',
  FIN_WAIT_1: '--vscode-charts-blue',
  FIN_WAIT_2: '--vscode-terminal-ansiBrightBlue',
  CLOSE_WAIT: '--vscode-charts-purple',
  CLOSING: '--vscode-terminal-ansiMagenta',
  LAST_ACK: '--vscode-terminal-ansiBrightMagenta',
  TIME_WAIT: '--vscode-terminal-ansiCyan',
  CLOSED: '--vscode-disabledForeground',
  UNKNOWN: '--vscode-descriptionForeground',
};

/** Legend order. */
export const STATE_ORDER: readonly DiagramState[] = [
  'LISTEN',
  'SYN_SENT',
  'SYN_RCVD',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
  'UNKNOWN',
];

const FG = '--vscode-editor-foreground';
const MUTED = '--vscode-descriptionForeground';
const BG = '--vscode-editor-background';
const ERROR = '--vscode-errorForeground';
const WARNING = '--vscode-editorWarning-foreground';
const INFO = '--vscode-editorInfo-foreground';

/**
 * Rules in increasing specificity (a rule never loses to an earlier one with fewer classes), so
 * CSS and the painter, which applies them in order, agree.
 */
export const STYLE_RULES: readonly StyleRule[] = [
  { selector: '.bg', fill: BG },
  { selector: '.panel-bg', fill: BG },
  { selector: '.panel-rule', stroke: '--vscode-panel-border', strokeWidth: 1 },
  { selector: '.corner-text', fill: MUTED, fontSize: 10 },
  { selector: '.lane-line', stroke: MUTED, strokeWidth: 1, opacity: 0.45 },
  { selector: '.lane-role', fill: MUTED, fontSize: 10 },
  { selector: '.lane-label', fill: FG, fontWeight: 'bold' },
  { selector: '.lane-state', fill: MUTED, fontSize: 10 },
  { selector: '.time', fill: MUTED },
  { selector: '.gap-band', fill: '--vscode-editorWidget-background', opacity: 0.7 },
  { selector: '.gap-line', stroke: MUTED, strokeWidth: 1, dash: '6 4' },
  { selector: '.gap-text', fill: MUTED, fontStyle: 'italic' },
  // High-contrast themes outline matches instead of filling them.
  {
    selector: '.row-match',
    fill: '--vscode-editor-findMatchHighlightBackground, transparent',
    stroke: '--vscode-editor-findMatchHighlightBorder, transparent',
    strokeWidth: 1,
  },
  { selector: '.row-selected', fill: '--vscode-editor-selectionBackground', opacity: 0.4 },
  { selector: '.row-outline', fill: 'none', stroke: '--vscode-focusBorder', strokeWidth: 1 },
  { selector: '.bar', stroke: BG, strokeWidth: 0.5 },
  ...(Object.entries(STATE_COLORS) as Array<[DiagramState, string]>).map(([state, color]) => ({
    selector: `.bar.state-${state}`,
    fill: color,
  })),
  { selector: '.bar.state-UNKNOWN', stroke: MUTED, strokeWidth: 1, dash: '2 2', opacity: 0.6 },
  { selector: '.arrow-line', stroke: FG, strokeWidth: 1.3 },
  { selector: '.arrow-head', fill: FG },
  { selector: '.arrow-label', fill: FG },
  { selector: '.arrow-line.retrans', dash: '5 3' },
  { selector: '.arrow-line.sev-error', stroke: ERROR, strokeWidth: 1.8 },
  { selector: '.arrow-head.sev-error', fill: ERROR },
  { selector: '.arrow-line.sev-warning', stroke: WARNING, strokeWidth: 1.6 },
  { selector: '.arrow-head.sev-warning', fill: WARNING },
  { selector: '.arrow-line.sev-info', stroke: INFO },
  { selector: '.arrow-head.sev-info', fill: INFO },
  { selector: '.arrow-line.selected', strokeWidth: 2.6 },
  { selector: '.arrow-label.match', fontWeight: 'bold' },
  { selector: '.anomaly', fontSize: 10, fontWeight: 'bold' },
  { selector: '.anomaly.sev-error', fill: ERROR },
  { selector: '.anomaly.sev-warning', fill: WARNING },
  { selector: '.anomaly.sev-info', fill: INFO },
  { selector: '.badge', fill: BG, strokeWidth: 1 },
  { selector: '.badge-text', fontSize: 9.5 },
  { selector: '.badge.step-handshake', stroke: '--vscode-charts-blue' },
  { selector: '.badge-text.step-handshake', fill: '--vscode-charts-blue' },
  { selector: '.badge.step-close', stroke: '--vscode-charts-purple' },
  { selector: '.badge-text.step-close', fill: '--vscode-charts-purple' },
  { selector: '.badge.step-abort', stroke: ERROR },
  { selector: '.badge-text.step-abort', fill: ERROR },
];

function varName(v: string): string {
  return v.split(',')[0]!.trim();
}

function varFallback(v: string): string | undefined {
  const i = v.indexOf(',');
  return i < 0 ? undefined : v.slice(i + 1).trim();
}

/** A theme variable as `var(--…)` (with its fallback); literal values (`none`) as they are. */
function cssValue(v: string): string {
  if (!v.startsWith('--')) return v;
  const fallback = varFallback(v);
  return fallback === undefined ? `var(${v})` : `var(${varName(v)}, ${fallback})`;
}

/** A value resolved through the palette (then its fallback); literal values as they are. */
function resolved(v: string, palette: Palette): string {
  if (!v.startsWith('--')) return v;
  const value = palette[varName(v)];
  return value !== undefined && value !== '' ? value : (varFallback(v) ?? '#888888');
}

/** The block of styles.css between the `generated` markers. */
export function diagramCss(): string {
  const out: string[] = [];
  for (const r of STYLE_RULES) {
    const decl: string[] = [];
    if (r.fill) decl.push(`fill: ${cssValue(r.fill)}`);
    if (r.stroke) decl.push(`stroke: ${cssValue(r.stroke)}`);
    if (r.strokeWidth !== undefined) decl.push(`stroke-width: ${r.strokeWidth}px`);
    if (r.dash) decl.push(`stroke-dasharray: ${r.dash}`);
    if (r.opacity !== undefined) decl.push(`opacity: ${r.opacity}`);
    if (r.fontSize !== undefined) decl.push(`font-size: ${r.fontSize}px`);
    if (r.fontWeight) decl.push(`font-weight: ${r.fontWeight}`);
    if (r.fontStyle) decl.push(`font-style: ${r.fontStyle}`);
    out.push(`svg.diagram ${r.selector} {\n  ${decl.join(';\n  ')};\n}`);
  }
  return out.join('\n');
}

/** Every theme variable the rules use. */
export function themeVariables(): string[] {
  const vars = new Set<string>(['--vscode-editor-font-family']);
  for (const r of STYLE_RULES)
    for (const v of [r.fill, r.stroke]) if (v?.startsWith('--')) vars.add(varName(v));
  return [...vars].sort();
}

/** Variables used with a fallback: a theme may leave them undefined. */
function optionalVariables(): Set<string> {
  const out = new Set<string>();
  for (const r of STYLE_RULES)
    for (const v of [r.fill, r.stroke])
      if (v?.startsWith('--') && varFallback(v) !== undefined) out.add(varName(v));
  return out;
}

/** The variables every theme must define for the diagram to be drawn right. */
export function requiredThemeVariables(): string[] {
  const optional = optionalVariables();
  return themeVariables().filter((v) => !optional.has(v));
}

/** Colours used when a variable is not set (outside VS Code, e.g. the benchmark page). */
const FALLBACK: Record<string, string> = {
  '--vscode-editor-font-family': 'monospace',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-disabledForeground': '#6e6e6e',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-editor-selectionBackground': '#264f78',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-terminal-ansiBrightBlack': '#666666',
  '--vscode-terminal-ansiBrightBlue': '#3b8eea',
  '--vscode-terminal-ansiMagenta': '#bc3fbc',
  '--vscode-terminal-ansiBrightMagenta': '#d670d6',
  '--vscode-terminal-ansiCyan': '#11a8cd',
};

/** Resolved theme variables: `read(name)` (e.g. from getComputedStyle), else the fallback. */
export type Palette = Readonly<Record<string, string>>;

const COLOR = /^(?:#[0-9a-fA-F]{3,8}|rgba?\([0-9.,\s%]+\)|[a-zA-Z]+)$/;
const FONT = /^[\w\s,"'.-]+$/;

/**
 * Resolves every variable the rules use. Values that do not look like a colour (or, for the
 * font, a font list) are replaced by the fallback, so an export never carries arbitrary CSS.
 */
export function resolvePalette(read: (name: string) => string): Palette {
  const out: Record<string, string> = {};
  const optional = optionalVariables();
  for (const v of themeVariables()) {
    const value = read(v).trim();
    const ok = v === '--vscode-editor-font-family' ? FONT.test(value) : COLOR.test(value);
    // An optional variable the theme leaves out takes the rule's own fallback ('').
    out[v] = ok ? value : optional.has(v) ? '' : (FALLBACK[v] ?? '#888888');
  }
  return out;
}

/** A palette with only fallback colours (tests and previews). */
export const FALLBACK_PALETTE: Palette = resolvePalette(() => '');

/** Concrete style for a node's classes: the rules whose classes it all has, applied in order. */
export function styleFor(
  classes: readonly string[],
  palette: Palette,
): {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: number[];
  opacity?: number;
  fontSize?: number;
  fontWeight?: 'normal' | 'bold';
  fontStyle?: 'italic';
} {
  const out: ReturnType<typeof styleFor> = {};
  const has = new Set(classes);
  for (const r of STYLE_RULES) {
    const needed = r.selector.split('.').filter((c) => c !== '');
    if (!needed.every((c) => has.has(c))) continue;
    if (r.fill) out.fill = resolved(r.fill, palette);
    if (r.stroke) out.stroke = resolved(r.stroke, palette);
    if (r.strokeWidth !== undefined) out.strokeWidth = r.strokeWidth;
    if (r.dash) out.dash = r.dash.split(' ').map(Number);
    if (r.opacity !== undefined) out.opacity = r.opacity;
    if (r.fontSize !== undefined) out.fontSize = r.fontSize;
    if (r.fontWeight) out.fontWeight = r.fontWeight;
    if (r.fontStyle) out.fontStyle = r.fontStyle;
  }
  return out;
}

/** Export CSS: the same rules with colours resolved (for a standalone SVG file). */
export function resolvedCss(palette: Palette): string {
  const out = [
    `text { font-family: ${palette['--vscode-editor-font-family'] ?? 'monospace'}; font-size: 11px; }`,
    `.arrow-label, .time, .lane-label { white-space: pre; }`,
  ];
  for (const r of STYLE_RULES) {
    const decl: string[] = [];
    if (r.fill) decl.push(`fill: ${resolved(r.fill, palette)}`);
    if (r.stroke) decl.push(`stroke: ${resolved(r.stroke, palette)}`);
    if (r.strokeWidth !== undefined) decl.push(`stroke-width: ${r.strokeWidth}px`);
    if (r.dash) decl.push(`stroke-dasharray: ${r.dash}`);
    if (r.opacity !== undefined) decl.push(`opacity: ${r.opacity}`);
    if (r.fontSize !== undefined) decl.push(`font-size: ${r.fontSize}px`);
    if (r.fontWeight) decl.push(`font-weight: ${r.fontWeight}`);
    if (r.fontStyle) decl.push(`font-style: ${r.fontStyle}`);
    out.push(`${r.selector} { ${decl.join('; ')}; }`);
  }
  return out.join('\n');
}
