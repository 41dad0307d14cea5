// npm run bench:diagram — time to first paint, DOM size and scroll frame times of the sequence
// diagram for a 100 000-packet capture, in headless Chromium (/usr/bin/chromium, or $CHROMIUM).
//
//   npm run bench:diagram                 # 100 000 packets
//   npm run bench:diagram -- 20000        # another size
//
// Writes test-results/bench/diagram.json as well as printing a summary.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { buildTimeline } from '../../server/src/report/timeline';
import { repoRoot } from '../../test/support/paths';
import { makeCapture } from './capture';
import { openWebviewPage } from './page';

interface Stats {
  median: number;
  p95: number;
  max: number;
}

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? '100000');
  let t = performance.now();
  const text = makeCapture(size);
  const generate = performance.now() - t;
  t = performance.now();
  const analysis = analyze(text);
  const analyseMs = performance.now() - t;
  t = performance.now();
  const timeline = buildTimeline(analysis, 'file:///bench/capture.tcpdump', 1);
  const timelineMs = performance.now() - t;
  const json = JSON.stringify(timeline);
  console.log(
    `capture: ${timeline.packets.length} TCP packets, ${timeline.connections.length} connections, ` +
      `${timeline.lanes.length} endpoint lanes, ${(text.length / 1e6).toFixed(1)} MB text, ` +
      `model ${(json.length / 1e6).toFixed(1)} MB JSON (generated in ${ms(generate)}, analysed in ${ms(analyseMs)}, timeline ${ms(timelineMs)})`,
  );

  const wp = await openWebviewPage({ width: 1600, height: 900 });
  try {
    const page = wp.page;
    const emptyNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    // The model is handed over as JSON text and parsed in the page first, so the clock measures
    // only what the webview does with a message: validate, lay out, render, paint.
    const first = await page.evaluate(async (modelJson: string) => {
      const model: unknown = JSON.parse(modelJson);
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      performance.clearMarks();
      performance.clearMeasures();
      const t0 = performance.now();
      window.postMessage({ type: 'model', model, documentName: 'capture.tcpdump' }, '*');
      const painted = await new Promise<number>((resolve) => {
        const poll = () => {
          const mark = performance.getEntriesByName('tcpdump-lens:first-paint')[0];
          if (mark) resolve(mark.startTime);
          else setTimeout(poll, 1);
        };
        poll();
      });
      const measure = (name: string) => performance.getEntriesByName(name)[0]?.duration ?? NaN;
      const render = performance.getEntriesByName('tcpdump-lens:first-render')[0]?.startTime ?? NaN;
      return {
        firstPaint: painted - t0,
        firstRender: render - t0,
        receive: measure('tcpdump-lens:receive'),
        validate: measure('tcpdump-lens:validate'),
        layout: measure('tcpdump-lens:layout'),
        nodes: document.getElementsByTagName('*').length,
        svgNodes: document.querySelector('.inner > svg')?.getElementsByTagName('*').length ?? 0,
        arrows: document.querySelectorAll('g.arrow').length,
      };
    }, json);
    console.log(
      `first paint ${ms(first.firstPaint)} after the model message (deserialise ${ms(first.receive)}, validate ${ms(first.validate)}, ` +
        `layout ${ms(first.layout)}, first render done at ${ms(first.firstRender)})`,
    );
    console.log(
      `DOM: ${first.nodes} elements in the page (${emptyNodes} before the model), ${first.svgNodes} in the diagram, ${first.arrows} arrows drawn`,
    );

    const out = path.join(repoRoot, 'test-results', 'bench');
    fs.mkdirSync(out, { recursive: true });
    await page.screenshot({ path: path.join(out, 'diagram-first-paint.png') });

    // Scrolling: smooth steps down, jumps across the whole capture, then sideways. For each step,
    // the main-thread time of the animation frame that renders it (from the frame's start to
    // the end of the diagram's render) and the page's element count.
    const scroll = await page.evaluate(async () => {
      const viewport = document.querySelector<HTMLElement>('.viewport')!;
      const work: number[] = [];
      let maxNodes = 0;
      const step = (apply: () => void) =>
        new Promise<void>((resolve) => {
          // Registered after the diagram's scroll listener, so this frame callback runs after
          // the diagram's render in the same frame.
          const onScroll = () => {
            viewport.removeEventListener('scroll', onScroll);
            requestAnimationFrame((frameStart) => {
              work.push(performance.now() - frameStart);
              maxNodes = Math.max(maxNodes, document.getElementsByTagName('*').length);
              resolve();
            });
          };
          viewport.addEventListener('scroll', onScroll);
          apply();
        });
      const settle = () => new Promise((r) => setTimeout(r, 20));
      for (let i = 0; i < 150; i++) {
        await step(() => (viewport.scrollTop += 120));
        await settle();
      }
      const max = viewport.scrollHeight - viewport.clientHeight;
      for (let i = 1; i <= 60; i++) {
        await step(() => (viewport.scrollTop = (((i * 7919) % 60) / 60) * max));
        await settle();
      }
      const maxX = viewport.scrollWidth - viewport.clientWidth;
      for (let i = 1; i <= 40; i++) {
        await step(() => (viewport.scrollLeft = (((i * 104729) % 40) / 40) * maxX));
        await settle();
      }
      return { work, maxNodes };
    });
    const frameStats = stats(scroll.work);
    console.log(
      `scroll: ${scroll.work.length} steps; render work per frame median ${ms(frameStats.median)}, ` +
        `p95 ${ms(frameStats.p95)}, max ${ms(frameStats.max)}; at most ${scroll.maxNodes} elements in the page`,
    );
    // The middle of the capture, where the generated traffic pauses (a compressed idle gap).
    await page.evaluate(() => {
      const v = document.querySelector<HTMLElement>('.viewport')!;
      v.scrollTop = (v.scrollHeight - v.clientHeight) / 2;
    });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(out, 'diagram-after-scroll.png') });
    const result = {
      packets: timeline.packets.length,
      connections: timeline.connections.length,
      lanes: timeline.lanes.length,
      modelBytes: json.length,
      analyseMs,
      timelineMs,
      firstPaintMs: first.firstPaint,
      receiveMs: first.receive,
      validateMs: first.validate,
      layoutMs: first.layout,
      domElements: first.nodes,
      diagramElements: first.svgNodes,
      maxDomElementsWhileScrolling: scroll.maxNodes,
      renderWorkPerScrollFrameMs: frameStats,
      chromium: wp.context.browser()?.version() ?? null,
    };
    fs.writeFileSync(path.join(out, 'diagram.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `results: ${path.relative(repoRoot, path.join(out, 'diagram.json'))}, screenshots diagram-first-paint.png, diagram-after-scroll.png`,
    );
  } finally {
    // A browser whose page crashed may never answer the request to close.
    await Promise.race([wp.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
}

/**
 * The whole run may take this long. A page whose renderer hangs would otherwise keep the run (and
 * `npm run bench`) waiting for ever: the tool's calls into the page have no time limit.
 */
const RUN_LIMIT_MS = 5 * 60_000;

const watchdog = setTimeout(() => {
  console.error(`bench:diagram: no result after ${RUN_LIMIT_MS / 60_000} minutes: stopped`);
  process.exit(1);
}, RUN_LIMIT_MS);

main().then(
  () => clearTimeout(watchdog),
  (error: unknown) => {
    console.error(error);
    // Chromium may be left hanging by the failure: the run ends here all the same.
    process.exit(1);
  },
);
