import * as assert from 'node:assert/strict';
import { NO_FILTER, computeLayout } from '../../client/webview/layout';
import { toSvg, xmlEscape } from '../../client/webview/exporters/svg';
import { pngScale } from '../../client/webview/exporters/png';
import { FALLBACK_PALETTE, resolvedCss } from '../../client/webview/theme';
import { modelOf } from '../support/diagramModels';

const REFUSED_SCENE = `  <rect class="bg" x="0" y="0" width="589" height="154"/>
  <line class="lane-line" x1="235" y1="52" x2="235" y2="154"/>
  <line class="lane-line" x1="455" y1="52" x2="455" y2="154"/>
  <rect class="bar state-SYN_SENT" x="232.5" y="69" width="5" height="34"/>
  <rect class="bar state-CLOSED" x="232.5" y="103" width="5" height="27"/>
  <rect class="bar state-CLOSED" x="452.5" y="69" width="5" height="27"/>
  <g class="arrow">
    <line class="arrow-line" x1="235" y1="69" x2="448" y2="69"/>
    <path class="arrow-head" d="M455 69L446 64.5L446 73.5Z"/>
    <text class="arrow-label" x="345" y="64" text-anchor="middle">[S] 0 win 65495</text>
    <rect class="badge step-handshake" x="241" y="73" width="85" height="12" rx="6"/>
    <text class="badge-text step-handshake" x="283.5" y="82" text-anchor="middle">handshake 1/3</text>
  </g>
  <g class="arrow sev-error">
    <line class="arrow-line sev-error" x1="455" y1="103" x2="242" y2="103"/>
    <path class="arrow-head sev-error" d="M235 103L244 98.5L244 107.5Z"/>
    <text class="arrow-label" x="345" y="98" text-anchor="middle">[R.] 0 ack 1 win 0</text>
    <rect class="badge step-abort" x="358" y="107" width="91" height="12" rx="6"/>
    <text class="badge-text step-abort" x="403.5" y="116" text-anchor="middle">rejected (RST)</text>
    <text class="anomaly sev-error" x="247" y="117" text-anchor="start">✖ RST · refused</text>
  </g>
  <rect class="panel-bg" x="0" y="52" width="125" height="102"/>
  <line class="panel-rule" x1="124.5" y1="52" x2="124.5" y2="154"/>
  <text class="time" x="117" y="73" text-anchor="end">08:58:43.573201</text>
  <text class="time" x="117" y="107" text-anchor="end">08:58:43.573214</text>
  <rect class="panel-bg" x="0" y="0" width="589" height="52"/>
  <line class="panel-rule" x1="0" y1="51.5" x2="589" y2="51.5"/>
  <g class="lane lane-client">
    <text class="lane-role" x="235" y="14" text-anchor="middle">client · c1</text>
    <text class="lane-label" x="235" y="29" text-anchor="middle">127.0.0.1:58416</text>
  </g>
  <g class="lane lane-server">
    <text class="lane-role" x="455" y="14" text-anchor="middle">server · c1</text>
    <text class="lane-label" x="455" y="29" text-anchor="middle">127.0.0.1:47004</text>
  </g>
  <rect class="panel-bg" x="0" y="0" width="125" height="52"/>
  <text class="corner-text" x="8" y="29">time</text>`;

suite('export: SVG and PNG', () => {
  test('a refused connection as a standalone SVG with the theme colours resolved', () => {
    const m = modelOf('refused');
    const svg = toSvg(
      m,
      computeLayout(m),
      FALLBACK_PALETTE,
      'refused.tcpdump: TCP sequence diagram',
    );
    assert.equal(
      svg,
      `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="589" height="154" viewBox="0 0 589 154">
  <title>refused.tcpdump: TCP sequence diagram</title>
  <style>
${xmlEscape(resolvedCss(FALLBACK_PALETTE))}
  </style>
${REFUSED_SCENE}
</svg>
`,
    );
    assert.ok(!svg.includes('var(--vscode'), 'no theme variable left');
    assert.ok(!svg.includes('data-'), 'no live-view attribute');
  });

  test('the export holds every shown packet, not only the visible window', () => {
    const m = modelOf('zero-window');
    const svg = toSvg(m, computeLayout(m), FALLBACK_PALETTE, 'z');
    assert.equal((svg.match(/<g class="arrow/g) ?? []).length, m.packets.length);
    const one = toSvg(
      m,
      computeLayout(m, { ...NO_FILTER, anomaliesOnly: true }),
      FALLBACK_PALETTE,
      'z',
    );
    assert.equal(
      (one.match(/<g class="arrow/g) ?? []).length,
      m.packets.filter((p) => p.findings.length > 0).length,
    );
  });

  test('PNG scale: crisp when small, refused when beyond canvas limits', () => {
    assert.equal(pngScale(600, 400), 2);
    assert.ok(pngScale(1000, 30_000) >= 1 && pngScale(1000, 30_000) < 2);
    assert.ok(pngScale(1000, 3_400_000) < 1);
  });
});
