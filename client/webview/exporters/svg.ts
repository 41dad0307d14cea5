// A standalone SVG document of the whole (filtered) diagram, colours resolved from the theme.
// Pure: the scene is serialised with every attribute value and text escaped.
import type { DiagramModel } from '../../src/webviewProtocol';
import type { Layout } from '../layout';
import type { VNode } from '../render';
import { renderScene } from '../render';
import type { Palette } from '../theme';
import { resolvedCss } from '../theme';

/** XML-escapes text and attribute values, and drops characters XML 1.0 does not allow. */
export function xmlEscape(s: string): string {
  return s

    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;

/** Attributes written out: drawing and ARIA ones; no handlers, and no `data-` (live view only). */
function exported(name: string): boolean {
  return ATTRIBUTE_NAME.test(name) && !name.startsWith('on') && !name.startsWith('data-');
}

function serialize(node: VNode, out: string[], indent: string): void {
  const attrs = Object.entries(node.attrs)
    .filter(([name]) => exported(name))
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');
  if (node.text !== undefined) {
    out.push(`${indent}<${node.tag}${attrs}>${xmlEscape(node.text)}</${node.tag}>`);
  } else if (node.children && node.children.length > 0) {
    out.push(`${indent}<${node.tag}${attrs}>`);
    for (const c of node.children) serialize(c, out, `${indent}  `);
    out.push(`${indent}</${node.tag}>`);
  } else {
    out.push(`${indent}<${node.tag}${attrs}/>`);
  }
}

/** Serialises scene nodes (used by the export and by tests). */
export function sceneMarkup(nodes: readonly VNode[]): string {
  const out: string[] = [];
  for (const n of nodes) serialize(n, out, '  ');
  return out.join('\n');
}

/** The whole scene of a layout, not virtualised (for export). */
export function fullScene(model: DiagramModel, layout: Layout): VNode[] {
  return renderScene({
    model,
    layout,
    window: {
      firstRow: 0,
      lastRow: layout.rows.length - 1,
      firstLane: 0,
      lastLane: layout.lanes.length - 1,
    },
    viewX: 0,
    viewY: 0,
    width: layout.width,
    height: layout.height,
    selectedRow: -1,
    matches: new Set(),
    interactive: false,
  });
}

export function toSvg(
  model: DiagramModel,
  layout: Layout,
  palette: Palette,
  title: string,
): string {
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `  <title>${xmlEscape(title)}</title>`,
    `  <style>\n${xmlEscape(resolvedCss(palette))}\n  </style>`,
    sceneMarkup(fullScene(model, layout)),
    '</svg>',
    '',
  ].join('\n');
}
