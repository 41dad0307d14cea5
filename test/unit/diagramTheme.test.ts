import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FALLBACK_PALETTE,
  STATE_COLORS,
  STATE_ORDER,
  STYLE_RULES,
  diagramCss,
  resolvePalette,
  styleFor,
  themeVariables,
} from '../../client/webview/theme';
import { repoRoot } from '../support/paths';

const css = fs.readFileSync(path.join(repoRoot, 'client', 'webview', 'styles.css'), 'utf8');

suite('diagram theme', () => {
  test('styles.css carries the generated rules of theme.ts', () => {
    const m = /\/\* BEGIN generated \*\/\n([\s\S]*?)\n\/\* END generated \*\//.exec(css);
    assert.ok(m, 'generated block markers');
    assert.equal(m[1], diagramCss(), 'regenerate the block from diagramCss()');
  });

  test('only VS Code theme variables give colours (readable in light, dark and high contrast)', () => {
    const colourDecl =
      /(?:^|[;{\s])(?:color|background|background-color|fill|stroke|border(?:-[a-z]+)?|outline|accent-color)\s*:\s*([^;]+);/gm;
    for (const m of css.matchAll(colourDecl)) {
      const value = m[1]!.trim();
      const literal = value
        .replace(/\b(?:none|transparent|inherit|solid|\d+(?:\.\d+)?px)\b/g, '')
        .replace(/var\(--vscode-[A-Za-z0-9-]+(?:,\s*(?:var\(--vscode-[A-Za-z0-9-]+\))?)?\)/g, '')
        .trim();
      assert.equal(literal, '', `literal colour in "${m[0].trim()}"`);
    }
    assert.ok(!/#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/.test(css), 'no literal colour');
    for (const v of themeVariables()) assert.match(v, /^--vscode-/);
  });

  test('every state has a colour and a legend entry', () => {
    assert.deepEqual([...STATE_ORDER].sort(), Object.keys(STATE_COLORS).sort());
    for (const s of STATE_ORDER)
      assert.ok(
        STYLE_RULES.some((r) => r.selector === `.bar.state-${s}`),
        s,
      );
  });

  test('anomalies use the theme error and warning colours', () => {
    const p = resolvePalette((v) =>
      v === '--vscode-errorForeground'
        ? '#ff0000'
        : v === '--vscode-editorWarning-foreground'
          ? '#ffaa00'
          : '',
    );
    assert.equal(styleFor(['arrow-line', 'sev-error'], p).stroke, '#ff0000');
    assert.equal(styleFor(['arrow-line', 'sev-warning', 'retrans'], p).stroke, '#ffaa00');
    assert.deepEqual(styleFor(['arrow-line', 'sev-warning', 'retrans'], p).dash, [5, 3]);
    assert.equal(styleFor(['anomaly', 'sev-error'], p).fill, '#ff0000');
  });

  test('resolved palettes carry colours only (no CSS injection through a theme value)', () => {
    const p = resolvePalette((v) =>
      v === '--vscode-editor-foreground'
        ? 'red; } * { background: url(https://example.com/x) '
        : v === '--vscode-editor-font-family'
          ? '"Fira Code", monospace'
          : v === '--vscode-editor-background'
            ? 'rgba(10, 20, 30, 0.5)'
            : '',
    );
    assert.equal(p['--vscode-editor-foreground'], FALLBACK_PALETTE['--vscode-editor-foreground']);
    assert.equal(p['--vscode-editor-font-family'], '"Fira Code", monospace');
    assert.equal(p['--vscode-editor-background'], 'rgba(10, 20, 30, 0.5)');
  });
});
