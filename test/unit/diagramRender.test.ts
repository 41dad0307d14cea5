import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCapture } from '../../bench/diagram/capture';
import type { DiagramModel } from '../../client/src/webviewProtocol';
import { SVG_NS, allowedAttribute, createElement } from '../../client/webview/dom';
import { sceneMarkup, toSvg } from '../../client/webview/exporters/svg';
import type { Layout } from '../../client/webview/layout';
import { computeLayout, visibleWindow } from '../../client/webview/layout';
import type { SceneInput, VNode } from '../../client/webview/render';
import { countNodes, renderScene } from '../../client/webview/render';
import { FALLBACK_PALETTE } from '../../client/webview/theme';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { buildTimeline } from '../../server/src/report/timeline';
import { repoRoot } from '../support/paths';
import { modelOf, timelineOfText } from '../support/diagramModels';

/** Markup, quotes and a right-to-left override, as a hostile host name could carry them. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "'; alert(4); '",
  'evil\u202Etxt.exe',
];

/**
 * A real capture's model with host names replaced by hostile strings (tcpdump cannot print such
 * names, so only the renderer's tests use them).
 */
function hostileModel(): DiagramModel {
  // Three connections (six endpoint lanes), the last one refused with a RST.
  const file = path.join(repoRoot, 'samples', 'http-session.tcpdump');
  const m = timelineOfText(fs.readFileSync(file, 'utf8'), 'file:///hostile.tcpdump', 1);
  const name = (i: number) => `${HOSTILE[i % HOSTILE.length]!}.${40000 + i}`;
  return {
    ...m,
    lanes: m.lanes.map((l, i) => ({ ...l, label: name(i) })),
    connections: m.connections.map((c) => ({ ...c, client: name(0), server: name(1) })),
    packets: m.packets.map((p, i) => ({
      ...p,
      timeText: i === 0 ? `${p.timeText!}<b>` : p.timeText,
      step: i === 1 ? 'handshake 2/3 <i onmouseover=alert(5)>' : p.step,
      findings: i === 2 ? [...p.findings, '<script>x</script>'] : p.findings,
    })),
  };
}

function scene(model: DiagramModel, layout: Layout, y = 0, width = 1600, height = 900): VNode[] {
  const input: SceneInput = {
    model,
    layout,
    window: visibleWindow(layout, 0, y, width, height),
    viewX: 0,
    viewY: y,
    width,
    height,
    selectedRow: 2,
    matches: new Set([1]),
    interactive: true,
  };
  return renderScene(input);
}

/** A stand-in for `document` that records what the renderer does and forbids markup parsing. */
class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  text: string | null = null;
  constructor(
    readonly namespace: string,
    readonly tag: string,
  ) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }
  get textContent(): string | null {
    return this.text;
  }
  set textContent(v: string | null) {
    this.text = v;
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML must never be used');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML must never be used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML must never be used');
  }
}

const fakeDocument = {
  created: [] as FakeElement[],
  createElementNS(namespace: string, tag: string): FakeElement {
    const e = new FakeElement(namespace, tag);
    this.created.push(e);
    return e;
  },
};

function walk(e: FakeElement, visit: (e: FakeElement) => void): void {
  visit(e);
  for (const c of e.children) walk(c, visit);
}

suite('diagram renderer: capture text is inert', () => {
  const model = hostileModel();
  const layout = computeLayout(model);

  test('hostile host names, steps and findings become text nodes and attribute values only', () => {
    fakeDocument.created.length = 0;
    const roots = scene(model, layout).map((n) => createElement(fakeDocument, n));
    const texts: string[] = [];
    const attributeValues: string[] = [];
    for (const root of roots)
      walk(root, (e) => {
        assert.equal(e.namespace, SVG_NS);
        assert.ok(['g', 'rect', 'line', 'path', 'text'].includes(e.tag), `element <${e.tag}>`);
        for (const [name, value] of e.attributes) {
          assert.ok(allowedAttribute(name), `attribute ${name}`);
          attributeValues.push(value);
        }
        if (e.text !== null) texts.push(e.text);
      });
    // The hostile strings are there, as text (lane labels) and in ARIA labels…
    for (const h of HOSTILE.slice(0, 4)) {
      assert.ok(
        texts.some((t) => t.includes(h)),
        `${h} shown as text`,
      );
    }
    assert.ok(attributeValues.some((v) => v.includes('<script>alert(1)</script>')));
    assert.ok(texts.some((t) => t.includes('<i onmouseover=alert(5)>')));
    // …and the right-to-left override is made visible instead of reordering the label.
    assert.ok(texts.some((t) => t.includes('evil⟨U+202E⟩txt.exe')));
    assert.ok(!texts.some((t) => t.includes('\u202E')));
    assert.ok(!attributeValues.some((v) => v.includes('\u202E')));
  });

  test('event handlers, links and inline styles are refused whatever the scene says', () => {
    for (const name of ['onload', 'onclick', 'href', 'xlink:href', 'style', 'ONLOAD', 'on'])
      assert.equal(allowedAttribute(name), false, name);
    for (const name of ['class', 'x1', 'aria-label', 'data-row', 'text-anchor'])
      assert.equal(allowedAttribute(name), true, name);
    const e = createElement(fakeDocument, {
      tag: 'rect',
      attrs: { onload: 'alert(1)', href: 'javascript:alert(1)', style: 'x', class: 'bar' },
    });
    assert.deepEqual([...e.attributes.keys()], ['class']);
  });

  test('the SVG export escapes every string', () => {
    const svg = toSvg(model, layout, FALLBACK_PALETTE, 'a <title> & "quotes"');
    assert.ok(!/<script|<img|<svg [^x]|<i /.test(svg.replace(/^<svg xmlns/m, '')));
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(svg.includes('&quot;&gt;&lt;svg onload=alert(3)&gt;'));
    assert.ok(svg.includes('<title>a &lt;title&gt; &amp; &quot;quotes&quot;</title>'));
    assert.ok(!/ on[a-z]+="/.test(svg), 'no event-handler attribute');
    // Exactly one <svg> element and one <style>; nothing else but drawing elements.
    const tags = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
    assert.deepEqual([...tags].sort(), [
      'g',
      'line',
      'path',
      'rect',
      'style',
      'svg',
      'text',
      'title',
    ]);
  });
});

suite('diagram renderer: bounded output', () => {
  test('the scene of a window stays the same size whatever the capture size', () => {
    const small = timelineOfText(makeCapture(2_000), 'file:///s', 1);
    const large = timelineOfText(makeCapture(25_000), 'file:///l', 1);
    const ls = computeLayout(small);
    const ll = computeLayout(large);
    const counts = (m: DiagramModel, l: Layout) =>
      [0, 0.25, 0.5, 0.75, 0.99].map((f) =>
        countNodes(scene(m, l, Math.floor(f * (l.height - 900)))),
      );
    const cs = counts(small, ls);
    const cl = counts(large, ll);
    const max = Math.max(...cs, ...cl);
    assert.ok(max < 1500, `at most ${max} nodes`);
    assert.ok(Math.max(...cl) < 2 * Math.max(...cs), `${cl.join(',')} vs ${cs.join(',')}`);
  });

  test('a window shows arrows, their labels, lanes, the axis and the header', () => {
    const m = modelOf('normal-3way-close');
    const l = computeLayout(m);
    const markup = sceneMarkup(scene(m, l));
    assert.equal((markup.match(/<g class="arrow/g) ?? []).length, 10);
    assert.ok(markup.includes('>[S] 0 win 65495</text>'), 'the SYN shows its relative seq');
    assert.ok(markup.includes('>handshake 1/3</text>'));
    assert.ok(markup.includes('>127.0.0.1:50384</text>'));
    assert.ok(markup.includes('>08:58:41.000223</text>'));
    assert.ok(markup.includes('role="option"'));
    assert.ok(markup.includes('aria-selected="true"'));
    assert.ok(markup.includes('class="bar state-TIME_WAIT"'));
  });

  test('anomalies are coloured by the severity the model gives them', () => {
    // The diagnostics' defaults: a duplicate ACK is information, an RST a warning, refused an error.
    const m = modelOf('dup-ack-retrans');
    const markup = sceneMarkup(scene(m, computeLayout(m), 0, 1600, 2000));
    assert.ok(markup.includes('arrow-line sev-info'), 'duplicate ACK in information colour');
    assert.ok(/>ℹ dup ACK</.test(markup));
    const rst = modelOf('rst-abort');
    const rstMarkup = sceneMarkup(scene(rst, computeLayout(rst)));
    assert.ok(rstMarkup.includes('arrow-line sev-warning'));
    assert.ok(rstMarkup.includes('>⚠ RST</text>'));
    assert.ok(rstMarkup.includes('badge step-abort'));
    const refused = modelOf('refused');
    const refusedMarkup = sceneMarkup(scene(refused, computeLayout(refused)));
    assert.ok(refusedMarkup.includes('arrow-line sev-error'), 'the worst finding wins');
    assert.ok(refusedMarkup.includes('>✖ RST · refused</text>'));
  });

  test("the user's severity settings recolour the arrows", () => {
    const file = path.join(repoRoot, 'test', 'baseline', 'fixtures', 'rst-abort', 'n.tcpdump');
    const text = fs.readFileSync(file, 'utf8');
    const analysis = analyze(text);
    const asError = buildTimeline(analysis, splitLines(text), 'file:///r', 1, (c) =>
      c === 'rst' ? 'error' : 'hint',
    );
    const rst = asError.packets.find((p) => p.findings.includes('rst'))!;
    assert.deepEqual(rst.findingSeverities, ['error']);
    assert.ok(sceneMarkup(scene(asError, computeLayout(asError))).includes('arrow-line sev-error'));
    const off = buildTimeline(analysis, splitLines(text), 'file:///r', 1, () => 'off');
    const offMarkup = sceneMarkup(scene(off, computeLayout(off)));
    assert.ok(!/arrow-line sev-/.test(offMarkup), 'a finding set to off colours no arrow');
    assert.ok(offMarkup.includes('>ℹ RST</text>'), 'but is still named');
  });
});
