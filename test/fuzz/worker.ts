// The fuzzer's worker thread: it measures the baselines, makes and checks cases, and answers
// check requests while the runner shrinks a failure. It runs apart from the runner so that an
// input that makes the analysis hang can be stopped (the runner terminates the thread).
import { parentPort } from 'node:worker_threads';
import { analyze } from '../../server/src/analysis';
import { readCapture, renderTcpdumpText } from '../../server/src/capture';
import type { RenderOptions } from '../../server/src/capture';
import type { CaseSettings } from './cases';
import { makeCase } from './cases';
import type { CaptureFile, TextCorpus } from './corpus';
import { baselineDocument, loadCaptureCorpus, loadTextCorpus } from './corpus';
import { scaleCases } from './generators';
import type { CheckResult, TimeBound } from './properties';
import { DEFAULT_FACTOR, DEFAULT_FLOOR_MS, checkCapture, checkText } from './properties';

export interface Baselines {
  text: TimeBound;
  capture: TimeBound;
}

export type Request =
  | { type: 'init'; baselines: Baselines | null; hugeLine: number; only: string[] | null }
  | { type: 'fuzz'; seed: number; from: number; to: number; deadline: number }
  | { type: 'case'; id: number; seed: number; index: number }
  | { type: 'check-text'; id: number; text: string; determinism: boolean }
  | {
      type: 'check-capture';
      id: number;
      bytes: Uint8Array;
      render: RenderOptions;
      chunks: number[];
    }
  | { type: 'scale'; id: number; name: string; n: number; determinism: boolean; keep: boolean };

export type Reply =
  | {
      type: 'ready';
      baselines: Baselines;
      corpus: { documents: number; lines: number; tcpLines: number; captures: number };
      sources: Record<string, number>;
    }
  | { type: 'case-start'; index: number; mutator: string; size: number }
  | {
      type: 'case-end';
      index: number;
      mutator: string;
      size: number;
      /** Fastest analysis run. */
      ms: number;
      /** Everything: making the input, every run, every check. */
      wallMs: number;
      result: CheckResult;
      input: string | Uint8Array | null;
      render?: RenderOptions;
      chunks?: number[];
    }
  | { type: 'fuzz-done'; next: number }
  | {
      type: 'case-made';
      id: number;
      mutator: string;
      input: string | Uint8Array;
      render?: RenderOptions;
      chunks?: number[];
    }
  | { type: 'checked'; id: number; result: CheckResult }
  | {
      type: 'scaled';
      id: number;
      result: CheckResult;
      buildMs: number;
      heapMB: number;
      input: string | null;
    };

const port = parentPort!;
const post = (reply: Reply) => port.postMessage(reply);

let settings: CaseSettings | null = null;
let baselines: Baselines | null = null;

function measureText(): TimeBound {
  const doc = baselineDocument(2_000_000);
  let best = Infinity;
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    analyze(doc);
    best = Math.min(best, performance.now() - t0);
  }
  return { msPerMB: (best / doc.length) * 1e6, factor: DEFAULT_FACTOR, floorMs: DEFAULT_FLOOR_MS };
}

let freshDoc: string | null = null;

/** The text bound, measured again now on a smaller document; never below the first one. */
function freshBound(): TimeBound {
  freshDoc ??= baselineDocument(500_000);
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    analyze(freshDoc);
    best = Math.min(best, performance.now() - t0);
  }
  const b = baselines!.text;
  return { ...b, msPerMB: Math.max(b.msPerMB, (best / freshDoc.length) * 1e6) };
}

function measureCapture(files: CaptureFile[]): TimeBound {
  let best = Infinity;
  const size = files.reduce((n, f) => n + f.bytes.length, 0);
  for (let i = 0; i < 3 && size > 0; i++) {
    const t0 = performance.now();
    for (const f of files) renderTcpdumpText(readCapture(f.bytes));
    best = Math.min(best, performance.now() - t0);
  }
  const msPerMB = size > 0 ? (best / size) * 1e6 : 100;
  return { msPerMB, factor: DEFAULT_FACTOR, floorMs: DEFAULT_FLOOR_MS };
}

function init(req: Extract<Request, { type: 'init' }>): void {
  const corpus: TextCorpus = loadTextCorpus();
  const captures = loadCaptureCorpus();
  settings = { corpus, captures, hugeLine: req.hugeLine, only: req.only };
  baselines = req.baselines ?? { text: measureText(), capture: measureCapture(captures) };
  post({
    type: 'ready',
    baselines,
    corpus: {
      documents: corpus.documents.length,
      lines: corpus.lines.length,
      tcpLines: corpus.tcpLines.length,
      captures: captures.length,
    },
    sources: corpus.sources,
  });
}

function fuzz(req: Extract<Request, { type: 'fuzz' }>): void {
  const s = settings!;
  const b = baselines!;
  let index = req.from;
  for (; index < req.to && Date.now() < req.deadline; index++) {
    const t0 = performance.now();
    const c = makeCase(req.seed, index, s);
    post({ type: 'case-start', index, mutator: c.mutator, size: c.input.length });
    const result =
      c.kind === 'text'
        ? checkText(c.input, { bound: b.text, freshBound })
        : checkCapture(c.input, {
            freshBound,
            bound: b.text,
            captureBound: b.capture,
            render: c.render,
            chunks: c.chunks,
          });
    const failed = result.failure !== null;
    post({
      type: 'case-end',
      index,
      mutator: c.mutator,
      size: c.input.length,
      ms: result.ms,
      wallMs: performance.now() - t0,
      result,
      input: failed ? c.input : null,
      ...(c.kind === 'capture' && failed ? { render: c.render, chunks: c.chunks } : {}),
    });
    if (failed) {
      index++;
      break;
    }
  }
  post({ type: 'fuzz-done', next: index });
}

function scale(req: Extract<Request, { type: 'scale' }>): void {
  const sc = scaleCases.find((c) => c.name === req.name)!;
  const t0 = performance.now();
  const text = sc.build(req.n);
  const buildMs = performance.now() - t0;
  post({ type: 'case-start', index: -1, mutator: sc.name, size: text.length });
  const result = checkText(text, {
    bound: baselines!.text,
    determinism: req.determinism,
    freshBound,
  });
  post({
    type: 'scaled',
    id: req.id,
    result,
    buildMs,
    heapMB: process.memoryUsage().heapUsed / 1e6,
    input: req.keep && result.failure ? text : null,
  });
}

port.on('message', (req: Request) => {
  switch (req.type) {
    case 'init':
      init(req);
      break;
    case 'fuzz':
      fuzz(req);
      break;
    case 'case': {
      const c = makeCase(req.seed, req.index, settings!);
      post({
        type: 'case-made',
        id: req.id,
        mutator: c.mutator,
        input: c.input,
        ...(c.kind === 'capture' ? { render: c.render, chunks: c.chunks } : {}),
      });
      break;
    }
    case 'check-text':
      post({
        type: 'checked',
        id: req.id,
        result: checkText(req.text, {
          bound: baselines!.text,
          determinism: req.determinism,
          freshBound,
        }),
      });
      break;
    case 'check-capture':
      post({
        type: 'checked',
        id: req.id,
        result: checkCapture(req.bytes, {
          freshBound,
          bound: baselines!.text,
          captureBound: baselines!.capture,
          render: req.render,
          chunks: req.chunks,
        }),
      });
      break;
    case 'scale':
      scale(req);
      break;
  }
});
