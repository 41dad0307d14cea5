// PNG export: paints scene nodes on a canvas with the same style rules as the SVG (no image
// decoding, so the Content-Security-Policy needs no `img-src`).
import { pngScale } from './exporters/png';
import type { VNode } from './render';
import type { Palette } from './theme';
import { styleFor } from './theme';

function num(node: VNode, name: string): number {
  return Number(node.attrs[name] ?? 0);
}

function paint(ctx: CanvasRenderingContext2D, node: VNode, palette: Palette, font: string): void {
  if (node.tag === 'g') {
    for (const c of node.children ?? []) paint(ctx, c, palette, font);
    return;
  }
  const classes = String(node.attrs['class'] ?? '').split(/\s+/);
  if (classes.includes('arrow-hit')) return;
  const st = styleFor(classes, palette);
  ctx.save();
  ctx.globalAlpha = st.opacity ?? 1;
  ctx.setLineDash(st.dash ?? []);
  ctx.lineWidth = st.strokeWidth ?? 1;
  const fill = st.fill && st.fill !== 'none' ? st.fill : null;
  const stroke = st.stroke && st.stroke !== 'none' ? st.stroke : null;
  switch (node.tag) {
    case 'rect': {
      const [x, y, w, h] = [
        num(node, 'x'),
        num(node, 'y'),
        num(node, 'width'),
        num(node, 'height'),
      ];
      const r = num(node, 'rx');
      ctx.beginPath();
      if (r > 0) ctx.roundRect(x, y, w, h, r);
      else ctx.rect(x, y, w, h);
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill();
      }
      if (stroke) {
        ctx.strokeStyle = stroke;
        ctx.stroke();
      }
      break;
    }
    case 'line':
      if (stroke) {
        ctx.beginPath();
        ctx.moveTo(num(node, 'x1'), num(node, 'y1'));
        ctx.lineTo(num(node, 'x2'), num(node, 'y2'));
        ctx.strokeStyle = stroke;
        ctx.stroke();
      }
      break;
    case 'path': {
      ctx.beginPath();
      for (const [, cmd, x, y] of String(node.attrs['d'] ?? '').matchAll(
        /([MLZ])\s*(-?[\d.]+)?\s*(-?[\d.]+)?/g,
      )) {
        if (cmd === 'M') ctx.moveTo(Number(x), Number(y));
        else if (cmd === 'L') ctx.lineTo(Number(x), Number(y));
        else ctx.closePath();
      }
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill();
      }
      break;
    }
    case 'text': {
      if (!fill || node.text === undefined) break;
      ctx.font = `${st.fontStyle ?? 'normal'} ${st.fontWeight ?? 'normal'} ${st.fontSize ?? 11}px ${font}`;
      const anchor = node.attrs['text-anchor'];
      ctx.textAlign = anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left';
      ctx.fillStyle = fill;
      ctx.fillText(node.text, num(node, 'x'), num(node, 'y'));
      break;
    }
  }
  ctx.restore();
}

/** Base64 PNG of a scene, or an Error when it does not fit in a canvas. */
export function sceneToPng(
  doc: Document,
  nodes: readonly VNode[],
  width: number,
  height: number,
  palette: Palette,
): string | Error {
  const scale = pngScale(width, height);
  if (scale < 1)
    return new Error(
      `The diagram is too large for a PNG (${Math.round(width)} × ${Math.round(height)} px): export SVG, or show fewer packets.`,
    );
  const canvas = doc.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return new Error('No 2D canvas in this webview.');
  ctx.scale(scale, scale);
  ctx.textBaseline = 'alphabetic';
  const font = palette['--vscode-editor-font-family'] ?? 'monospace';
  for (const n of nodes) paint(ctx, n, palette, font);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
