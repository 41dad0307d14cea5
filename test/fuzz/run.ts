// The fuzz tier: `npm run fuzz` (tsx test/fuzz/run.ts). Feeds the analysis core and the capture
// reader random and mutated input for a bounded time and checks the properties of
// properties.ts. Seeded: the seed is printed first, and `--seed S` replays a run, `--seed S
// --case N` one case. A failure is shrunk and written to test/fuzz/regressions/, which
// regressions.test.ts replays in the normal test suite.
//
//   --seconds N     budget of the run (default 60, 45 with --ci)
//   --seed S        run seed, decimal or 0x… (default: random)
//   --ci            short mode: small scale cases, 1 MB huge lines, short shrinking
//   --scale M       scale cases: auto (default: as large as the budget allows, up to the full
//                   size), short, full (1,000,000 connections/repetitions; takes minutes), none
//   --only a,b      only these mutators / scale cases
//   --case N        replay case N of --seed (and shrink it if it fails)
//   --no-shrink     report failures without shrinking them
//   --strict        known open issues (knownIssues.ts) fail the run too
//   --heap-mb N     heap of the worker (default: what a plain `node` gets on this machine)
//   --list          list mutators and scale cases
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { mutatorNames } from './cases';
import { scaleCases } from './generators';
import type { KnownIssue } from './knownIssues';
import { knownIssueOf } from './knownIssues';
import { parseSeed, randomSeed } from './prng';
import type { CheckResult, Failure, TimeBound } from './properties';
import { allowedMs } from './properties';
import type { RenderOptions } from '../../server/src/capture';
import { listRegressions, regressionBase, writeRegression } from './regressionFiles';
import { shrinkBytes, shrinkText } from './shrink';
import type { Baselines, Reply, Request } from './worker';

// ---------------------------------------------------------------- arguments

interface Args {
  seconds: number;
  seed: number;
  seedGiven: boolean;
  ci: boolean;
  scale: 'auto' | 'short' | 'full' | 'none';
  only: string[] | null;
  caseIndex: number | null;
  shrink: boolean;
  strict: boolean;
  heapMB: number | null;
}

function usage(message: string): never {
  console.error(`fuzz: ${message}`);
  console.error(
    'usage: tsx test/fuzz/run.ts [--seconds N] [--seed S] [--ci] [--scale auto|short|full|none] [--only m1,m2] [--case N] [--no-shrink] [--strict] [--heap-mb N] [--list]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let seconds: number | null = null;
  let seed: number | null = null;
  let ci = false;
  let scale: Args['scale'] | null = null;
  let only: string[] | null = null;
  let caseIndex: number | null = null;
  let shrink = true;
  let strict = false;
  let heapMB: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--seconds': {
        seconds = Number(value());
        if (!(seconds > 0)) usage('--seconds must be a positive number');
        break;
      }
      case '--seed': {
        seed = parseSeed(value());
        if (seed === null) usage('--seed must be a non-negative integer');
        break;
      }
      case '--ci':
      case '--short':
        ci = true;
        break;
      case '--scale': {
        const v = value();
        if (v !== 'auto' && v !== 'short' && v !== 'full' && v !== 'none')
          usage('--scale is auto, short, full or none');
        scale = v;
        break;
      }
      case '--only': {
        only = value().split(',');
        const known = new Set([...mutatorNames(), ...scaleCases.map((c) => c.name)]);
        for (const name of only) if (!known.has(name)) usage(`no mutator or scale case ${name}`);
        break;
      }
      case '--case':
        caseIndex = Number(value());
        if (!Number.isInteger(caseIndex) || caseIndex < 0) usage('--case must be an integer');
        break;
      case '--no-shrink':
        shrink = false;
        break;
      case '--strict':
        strict = true;
        break;
      case '--heap-mb':
        heapMB = Number(value());
        if (!Number.isInteger(heapMB) || heapMB < 64) usage('--heap-mb must be an integer ≥ 64');
        break;
      case '--list':
        console.log(`mutators: ${mutatorNames().join(', ')}`);
        console.log('scale cases:');
        for (const c of scaleCases)
          console.log(`  ${c.name} (${c.short} / ${c.long}): ${c.describe}`);
        process.exit(0);
        break;
      case '--help':
      case '-h':
        usage('help');
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  if (caseIndex !== null && seed === null) usage('--case needs --seed');
  return {
    seconds: seconds ?? (ci ? 45 : 60),
    seed: seed ?? randomSeed(),
    seedGiven: seed !== null,
    ci,
    scale: scale ?? (ci ? 'short' : 'auto'),
    only,
    caseIndex,
    shrink,
    strict,
    heapMB,
  };
}

// ---------------------------------------------------------------- the worker host

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Runs the worker, restarts it after a hang or a crash, and times out what runs too long. */
class Host {
  private worker: Worker | null = null;
  baselines: Baselines | null = null;
  private nextId = 1;
  private pending = new Map<number, (r: Outcome<Reply>) => void>();
  private fuzzWaiter: ((r: Outcome<Reply>) => void) | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** The case the worker is in, for the watchdog and the report. */
  current: { index: number; mutator: string; size: number } | null = null;
  onCaseEnd: ((r: Extract<Reply, { type: 'case-end' }>) => void) | null = null;
  /** Time limit of the request in progress, from its size (scale cases), milliseconds. */
  limitOverride: ((size: number) => number) | null = null;

  constructor(private readonly init: { hugeLine: number; only: string[] | null; heapMB: number }) {}

  async start(): Promise<Extract<Reply, { type: 'ready' }>> {
    const file = path.join(__dirname, 'worker.ts');
    const tsx = require.resolve('tsx/cjs');
    const w = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.init.heapMB },
    });
    this.worker = w;
    // Events of a worker that was already replaced (terminated after a hang) are ignored.
    w.on('message', (m: Reply) => {
      if (this.worker === w) this.onMessage(m);
    });
    w.on('error', (e: Error & { code?: string }) => {
      if (this.worker !== w) return;
      const failure: Failure =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'out-of-memory', message: e.message }
          : { kind: 'throw', message: `worker crashed: ${e.stack ?? e.message}` };
      this.abort(failure);
    });
    w.on('exit', (code) => {
      if (this.worker === w) this.abort({ kind: 'throw', message: `worker exited (${code})` });
    });
    const ready = await new Promise<Outcome<Reply>>((resolve) => {
      this.fuzzWaiter = resolve;
      this.send({ type: 'init', baselines: this.baselines, ...this.init });
    });
    if (!ready.ok || ready.value.type !== 'ready')
      throw new Error(`the fuzz worker did not start: ${ready.ok ? '' : ready.failure.message}`);
    this.baselines = ready.value.baselines;
    return ready.value;
  }

  private send(req: Request): void {
    this.worker!.postMessage(req);
  }

  private timeLimit(size: number): number {
    if (this.limitOverride !== null) return this.limitOverride(size);
    const b = this.baselines!;
    // Two runs (determinism), each allowed FACTOR× the baseline per byte; three times that, and
    // at least 15 s, before the case is called hung.
    return Math.max(15_000, 6 * Math.max(allowedMs(b.text, size), allowedMs(b.capture, size)));
  }

  private onMessage(m: Reply): void {
    switch (m.type) {
      case 'case-start': {
        this.current = { index: m.index, mutator: m.mutator, size: m.size };
        this.arm(this.timeLimit(m.size));
        return;
      }
      case 'case-end':
        this.disarm();
        this.current = null;
        this.onCaseEnd?.(m);
        return;
      case 'ready':
      case 'fuzz-done': {
        const w = this.fuzzWaiter;
        this.fuzzWaiter = null;
        w?.({ ok: true, value: m });
        return;
      }
      default: {
        this.disarm();
        const w = this.pending.get(m.id);
        this.pending.delete(m.id);
        w?.({ ok: true, value: m });
      }
    }
  }

  private arm(ms: number): void {
    this.disarm();
    this.watchdog = setTimeout(() => {
      const c = this.current;
      this.abort({
        kind: 'timeout',
        message: `no result after ${(ms / 1000).toFixed(0)} s on ${c?.size ?? '?'} characters/bytes`,
      });
    }, ms);
  }

  private disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Ends the worker and fails whatever waited on it. */
  private abort(failure: Failure): void {
    this.disarm();
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
    const waiters = [...this.pending.values()];
    this.pending.clear();
    if (this.fuzzWaiter) waiters.push(this.fuzzWaiter);
    this.fuzzWaiter = null;
    for (const resolve of waiters) resolve({ ok: false, failure });
  }

  async ensure(): Promise<void> {
    if (!this.worker) await this.start();
  }

  /** A request answered by id; `limit` overrides the watchdog (milliseconds, from the size). */
  async request(
    req: Request & { id: number },
    size: number,
    limit: ((size: number) => number) | null = null,
  ): Promise<Outcome<Reply>> {
    await this.ensure();
    return new Promise((resolve) => {
      this.pending.set(req.id, resolve);
      this.current = null;
      this.limitOverride = limit;
      this.arm(this.timeLimit(size));
      this.send(req);
    });
  }

  id(): number {
    return this.nextId++;
  }

  /** Runs cases from `from` until the deadline or the first failure; returns the next case. */
  async fuzz(seed: number, from: number, deadline: number): Promise<Outcome<Reply>> {
    await this.ensure();
    this.limitOverride = null;
    return new Promise((resolve) => {
      this.fuzzWaiter = resolve;
      this.send({ type: 'fuzz', seed, from, to: Number.MAX_SAFE_INTEGER, deadline });
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.disarm();
    if (w) await w.terminate();
  }
}

// ---------------------------------------------------------------- statistics

interface Stat {
  cases: number;
  size: number;
  /** Analysis time (fastest run of each case). */
  ms: number;
  /** Everything: making inputs, both runs, the checks. */
  wallMs: number;
  failures: number;
  known: number;
}

const stats = new Map<string, Stat>();

function record(
  mutator: string,
  size: number,
  ms: number,
  wallMs: number,
  failed: 'new' | 'known' | null,
): void {
  const s = stats.get(mutator) ?? { cases: 0, size: 0, ms: 0, wallMs: 0, failures: 0, known: 0 };
  s.cases++;
  s.size += size;
  s.ms += ms;
  s.wallMs += wallMs;
  if (failed === 'new') s.failures++;
  if (failed === 'known') s.known++;
  stats.set(mutator, s);
}

interface Reported {
  mutator: string;
  where: string;
  failure: Failure;
  known: KnownIssue | null;
  file: string | null;
}

const reported: Reported[] = [];
const signatures = new Set<string>();

/** Same bug, same signature: the kind and the first line of the message without numbers. */
function signature(f: Failure, mutator: string): string {
  // Slowness says nothing about where: told apart by what made the input.
  if (f.kind === 'slow' || f.kind === 'timeout') return `slow:${mutator}`;
  return `${f.kind}:${(f.message.split('\n')[0] ?? '').replace(/\d+/g, '#').slice(0, 160)}`;
}

function sameFailure(a: Failure, b: Failure | null): boolean {
  if (!b) return false;
  if (a.kind === 'slow' || a.kind === 'timeout') return b.kind === 'slow' || b.kind === 'timeout';
  return signature(a, '') === signature(b, '');
}

/**
 * While shrinking, a candidate counts as failing like the original. A slow one must be slow with
 * a margin (twice the time allowed), so that the input kept fails on any machine, not only on
 * a busy one.
 */
function stillFailing(
  original: Failure,
  r: Outcome<Reply>,
  bound: TimeBound,
  size: number,
): boolean {
  if (!r.ok) return sameFailure(original, r.failure);
  const result = (r.value as Extract<Reply, { type: 'checked' | 'scaled' }>).result;
  if (!sameFailure(original, result.failure)) return false;
  if (result.failure!.kind !== 'slow') return true;
  return result.ms >= 2 * allowedMs(bound, result.size || size);
}

const fmtMB = (n: number) => (n / 1e6).toFixed(n < 1e5 ? 3 : 1);
const secs = (ms: number) => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------- failures

/** The command that makes case `index` again: same seed, same mode, same mutators. */
function reproduceCase(args: Args, index: number): string {
  const only = args.only ? ` --only ${args.only.join(',')}` : '';
  return `npm run fuzz -- --seed ${args.seed}${args.ci ? ' --ci' : ''}${only} --case ${index}`;
}

async function handleFailure(
  host: Host,
  args: Args,
  mutator: string,
  where: string,
  failure: Failure,
  input: string | Uint8Array | null,
  capture: { render: RenderOptions; chunks: number[] } | null,
  reproduce: string,
  scale: { name: string; n: number } | null = null,
): Promise<void> {
  const known = knownIssueOf(mutator, failure);
  const sig = signature(failure, mutator);
  const first = !signatures.has(sig);
  signatures.add(sig);
  const entry: Reported = { mutator, where, failure, known, file: null };
  reported.push(entry);
  // A bug that every input meets would print thousands of reports: after the first few, only
  // new kinds of failure are told in full (the summary counts them all).
  if (!first && reported.length > 20) return;
  const label = known ? `KNOWN ${known.id}` : 'FAIL';
  console.log(
    `\n${label} [${mutator}] ${where}: ${failure.kind}: ${failure.message.split('\n')[0]}`,
  );
  if (failure.message.includes('\n'))
    console.log(
      failure.message
        .split('\n')
        .slice(1, 8)
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  console.log(`  seed ${args.seed}, mutator ${mutator}; reproduce: ${reproduce}`);
  let name = `${mutator.replace(/^scale:/, 'scale-')}-${failure.kind}-s${args.seed}-${where.replace(/\s+/g, '')}`;
  if (known) {
    console.log(`  known open issue: ${known.summary}`);
    const present = new Set(listRegressions().map((r) => regressionBase(r.name)));
    const missing = known.regressions.find((r) => !present.has(r));
    if (!first || missing === undefined) {
      console.log(
        known.regressions.length > 0
          ? `  regression input(s): ${known.regressions.join(', ')}`
          : '  no regression file: the scale case reproduces it',
      );
      return;
    }
    // The issue's regression input is not there yet: make it from this failure.
    name = missing;
  }
  if (!first) {
    console.log('  (same kind of failure as one above: not shrunk again)');
    return;
  }
  if (scale && args.shrink) {
    // A scale case shrinks by its size first: the smallest n (within 1/16) that still fails.
    const t0 = Date.now();
    const fails = async (n: number): Promise<boolean> => {
      const r = await host.request(
        { type: 'scale', id: host.id(), name: scale.name, n, determinism: true, keep: false },
        0,
      );
      return stillFailing(failure, r, host.baselines!.text, 0);
    };
    let lo = 0;
    let hi = scale.n;
    while (hi - lo > Math.max(1, hi / 16) && Date.now() - t0 < (args.ci ? 30_000 : 180_000)) {
      const mid = Math.floor((lo + hi) / 2);
      if (await fails(mid)) hi = mid;
      else lo = mid;
    }
    const r = await host.request(
      { type: 'scale', id: host.id(), name: scale.name, n: hi, determinism: true, keep: true },
      0,
    );
    const kept = r.ok ? (r.value as Extract<Reply, { type: 'scaled' }>).input : null;
    console.log(`  smallest failing size: n=${hi} (${secs(Date.now() - t0)} s to find)`);
    if (kept !== null) input = kept;
  }
  if (input === null) return;
  let smallest: string | Uint8Array = input;
  const slow = failure.kind === 'slow' || failure.kind === 'timeout';
  // A slow input needs its size to be slow: beyond the size search above it is kept whole.
  if (args.shrink && !(slow && scale)) {
    const budget = { ms: args.ci ? 20_000 : 120_000, steps: args.ci ? 400 : 4000 };
    const stillFails = async (candidate: string | Uint8Array): Promise<boolean> => {
      const id = host.id();
      const size = candidate.length;
      const r =
        typeof candidate === 'string'
          ? await host.request({ type: 'check-text', id, text: candidate, determinism: true }, size)
          : await host.request({ type: 'check-capture', id, bytes: candidate, ...capture! }, size);
      const b = host.baselines!;
      return stillFailing(failure, r, typeof candidate === 'string' ? b.text : b.capture, size);
    };
    const t0 = Date.now();
    const result =
      typeof input === 'string'
        ? await shrinkText(input, stillFails, budget)
        : await shrinkBytes(input, stillFails, budget);
    smallest = result.input;
    console.log(
      `  shrunk ${input.length} → ${smallest.length} ${typeof input === 'string' ? 'characters' : 'bytes'} in ${result.steps} steps (${secs(Date.now() - t0)} s)`,
    );
  }
  const file = writeRegression(name, smallest);
  entry.file = path.relative(process.cwd(), file);
  console.log(`  regression input written: ${entry.file}`);
  if (typeof smallest === 'string' && smallest.length <= 400)
    console.log(`  ${args.shrink ? 'minimal input' : 'input'}: ${JSON.stringify(smallest)}`);
}

// ---------------------------------------------------------------- phases

async function scalePhase(host: Host, args: Args, budgetMs: number): Promise<void> {
  const cases = scaleCases.filter((c) => !args.only || args.only.includes(c.name));
  if (cases.length === 0 || args.scale === 'none') return;
  const perCase = budgetMs / cases.length;
  console.log(`\nscale cases (${args.scale}):`);
  for (const sc of cases) {
    const runs: Array<{ n: number; determinism: boolean }> = [];
    if (args.scale === 'full') runs.push({ n: sc.long, determinism: !sc.singleRunAtLong });
    else runs.push({ n: sc.short, determinism: true });
    let perUnit: number | null = null;
    for (let k = 0; k < runs.length; k++) {
      const { n, determinism } = runs[k]!;
      const id = host.id();
      const t0 = Date.now();
      // The worker reports the size when it starts checking; the limit covers building too.
      // A scale case slower than the slow bound fails anyway: it is stopped at 1.5× that bound
      // (each run), or at 8× the time the smaller run predicts, whichever comes first.
      const predicted = perUnit !== null ? perUnit * n : Infinity;
      const runsMade = determinism ? 2 : 1;
      const limit = (size: number) =>
        Math.max(
          30_000,
          Math.min(1.5 * runsMade * allowedMs(host.baselines!.text, size), 8 * predicted),
        );
      const r = await host.request(
        { type: 'scale', id, name: sc.name, n, determinism, keep: false },
        0,
        limit,
      );
      const wall = Date.now() - t0;
      let failure: Failure | null;
      let result: CheckResult | null = null;
      if (r.ok) {
        const s = r.value as Extract<Reply, { type: 'scaled' }>;
        result = s.result;
        failure = s.result.failure;
        console.log(
          `  ${sc.name.padEnd(32)} n=${String(n).padStart(9)}  ${fmtMB(s.result.size).padStart(7)} MB  build ${secs(s.buildMs)} s  analyse ${secs(s.result.ms)} s  (${((s.result.ms / s.result.size) * 1e6).toFixed(0)} ms/MB, heap ${s.heapMB.toFixed(0)} MB)${failure ? `  ✗ ${failure.kind}` : ''}`,
        );
        // Linear in n: the time per unit must not grow with n (4× slack for GC and caches).
        if (!failure && perUnit !== null && s.result.ms > Math.max(2_000, 4 * perUnit * n))
          failure = {
            kind: 'slow',
            message: `superlinear: ${secs(s.result.ms)} s at n=${n}, ~${secs(perUnit * n)} s expected from n=${runs[0]!.n}`,
          };
      } else {
        failure = r.failure;
        console.log(
          `  ${sc.name.padEnd(32)} n=${String(n).padStart(9)}  ✗ ${failure.kind} after ${secs(wall)} s`,
        );
      }
      record(
        sc.name,
        result?.size ?? 0,
        result?.ms ?? 0,
        wall,
        failure ? (knownIssueOf(sc.name, failure) ? 'known' : 'new') : null,
      );
      if (failure) {
        await handleFailure(
          host,
          args,
          sc.name,
          `n${n}`,
          failure,
          null,
          null,
          `npm run fuzz -- --only ${sc.name} --scale ${args.scale}`,
          { name: sc.name, n },
        );
        break;
      }
      // Auto: grow toward the full size as far as this case's share of the budget allows.
      if (args.scale === 'auto' && k === 0) {
        // result.ms is one analysis; the wall time also holds building, the second run and
        // the checks. One big run costs about half the wall time per unit.
        perUnit = result!.ms / n;
        const wallPerUnit = wall / n / 2;
        const big = Math.min(sc.long, Math.floor((perCase - wall) / Math.max(wallPerUnit, 1e-9)));
        if (big >= 2 * sc.short) runs.push({ n: big, determinism: false });
        if (big < sc.long)
          console.log(
            `  ${''.padEnd(32)} (n=${sc.long} would take ~${secs(wallPerUnit * sc.long)} s: more than this budget allows; --scale full runs it)`,
          );
      }
    }
  }
}

async function randomPhase(host: Host, args: Args, deadline: number): Promise<number> {
  let next = 0;
  console.log(`\nrandom cases until ${new Date(deadline).toISOString().slice(11, 19)}:`);
  let lastFailure: Extract<Reply, { type: 'case-end' }> | null = null;
  let done = 0;
  const started = Date.now();
  // A line now and then, so that a CI log shows the run is alive.
  const progress = setInterval(() => {
    console.log(`  … ${done} cases in ${secs(Date.now() - started)} s`);
  }, 15_000);
  host.onCaseEnd = (m) => {
    done++;
    const failure = m.result.failure;
    record(
      m.mutator,
      m.size,
      m.ms,
      m.wallMs,
      failure ? (knownIssueOf(m.mutator, failure) ? 'known' : 'new') : null,
    );
    if (failure) lastFailure = m;
  };
  while (Date.now() < deadline) {
    lastFailure = null;
    const r = await host.fuzz(args.seed, next, deadline);
    if (r.ok) {
      next = (r.value as Extract<Reply, { type: 'fuzz-done' }>).next;
      const f = lastFailure as Extract<Reply, { type: 'case-end' }> | null;
      if (f) {
        await handleFailure(
          host,
          args,
          f.mutator,
          `c${f.index}`,
          f.result.failure!,
          f.input,
          f.render && f.chunks ? { render: f.render, chunks: f.chunks } : null,
          reproduceCase(args, f.index),
        );
      }
      continue;
    }
    // The worker hung or crashed on the case in progress: regenerate it in a fresh worker.
    const hung = host.current;
    host.current = null;
    if (!hung) {
      console.log(`fuzz worker failed outside a case: ${r.failure.message}`);
      break;
    }
    record(hung.mutator, hung.size, 0, 0, knownIssueOf(hung.mutator, r.failure) ? 'known' : 'new');
    next = hung.index + 1;
    const made = await host.request(
      { type: 'case', id: host.id(), seed: args.seed, index: hung.index },
      0,
    );
    const c = made.ok ? (made.value as Extract<Reply, { type: 'case-made' }>) : null;
    await handleFailure(
      host,
      args,
      hung.mutator,
      `c${hung.index}`,
      r.failure,
      c?.input ?? null,
      c?.render && c.chunks ? { render: c.render, chunks: c.chunks } : null,
      reproduceCase(args, hung.index),
    );
  }
  clearInterval(progress);
  host.onCaseEnd = null;
  return next;
}

async function replayCase(host: Host, args: Args): Promise<void> {
  const index = args.caseIndex!;
  const made = await host.request({ type: 'case', id: host.id(), seed: args.seed, index }, 0);
  if (!made.ok) throw new Error(made.failure.message);
  const c = made.value as Extract<Reply, { type: 'case-made' }>;
  console.log(
    `case ${index}: mutator ${c.mutator}, ${c.input.length} ${typeof c.input === 'string' ? 'characters' : 'bytes'}`,
  );
  const id = host.id();
  const r =
    typeof c.input === 'string'
      ? await host.request(
          { type: 'check-text', id, text: c.input, determinism: true },
          c.input.length,
        )
      : await host.request(
          { type: 'check-capture', id, bytes: c.input, render: c.render!, chunks: c.chunks! },
          c.input.length,
        );
  const result = r.ok ? (r.value as Extract<Reply, { type: 'checked' }>).result : null;
  const failure = r.ok ? result!.failure : r.failure;
  record(
    c.mutator,
    c.input.length,
    result?.ms ?? 0,
    result?.ms ?? 0,
    failure ? (knownIssueOf(c.mutator, failure) ? 'known' : 'new') : null,
  );
  if (!failure) {
    console.log(`passes (${result!.ms.toFixed(1)} ms)`);
    return;
  }
  await handleFailure(
    host,
    args,
    c.mutator,
    `c${index}`,
    failure,
    c.input,
    c.render && c.chunks ? { render: c.render, chunks: c.chunks } : null,
    reproduceCase(args, index),
  );
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  console.log(
    `fuzz: seed ${args.seed}${args.seedGiven ? '' : ' (random)'} — rerun with --seed ${args.seed}; ` +
      `budget ${args.seconds} s; ${args.ci ? 'short (CI)' : 'long'} mode; scale ${args.scale}`,
  );
  // The worker gets the heap a plain `node` process gets here (what the CLI and the language
  // server run with), so running out of memory is a finding, not an accident of the harness.
  const heapMB = args.heapMB ?? Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  const onlyMutators = args.only?.filter((n) => mutatorNames().includes(n)) ?? [];
  const host = new Host({
    hugeLine: args.ci ? 1_000_000 : 10_000_000,
    only: onlyMutators.length > 0 ? onlyMutators : null,
    heapMB,
  });
  const ready = await host.start();
  const b = ready.baselines;
  console.log(
    `corpus: ${ready.corpus.documents} documents (${Object.entries(ready.sources)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}), ` +
      `${ready.corpus.lines} distinct lines (${ready.corpus.tcpLines} TCP), ${ready.corpus.captures} capture files`,
  );
  console.log(
    `baseline: analyze ${b.text.msPerMB.toFixed(0)} ms/MB (${(1000 / b.text.msPerMB).toFixed(1)} MB/s), ` +
      `read+render captures ${b.capture.msPerMB.toFixed(0)} ms/MB; slow = more than ${b.text.factor}× per byte (and over ${b.text.floorMs} ms)`,
  );

  if (args.caseIndex !== null) {
    await replayCase(host, args);
  } else {
    const budget = args.seconds * 1000 - (Date.now() - started);
    const onlyScale = args.only !== null && args.only.every((n) => !mutatorNames().includes(n));
    const onlyRandom = args.only !== null && args.only.every((n) => mutatorNames().includes(n));
    if (!onlyRandom) await scalePhase(host, args, onlyScale ? budget : budget * 0.4);
    if (!onlyScale) {
      // The random phase gets what is left, and at least a third of the budget.
      const deadline = Math.max(Date.now() + budget / 3, started + args.seconds * 1000);
      await randomPhase(host, args, deadline);
    }
  }
  await host.stop();

  // ------------------------------------------------------------ report
  const elapsed = Date.now() - started;
  let cases = 0;
  let size = 0;
  // seconds: wall time spent on the mutator's cases (inputs made, two runs, every check);
  // MB/s: analysis throughput (input size over the fastest run of each case).
  console.log(
    '\nmutator                          cases        MB  seconds  analyse MB/s  failures',
  );
  for (const [name, s] of [...stats].sort((x, y) => x[0].localeCompare(y[0]))) {
    cases += s.cases;
    size += s.size;
    const rate = s.ms > 0 ? s.size / 1e3 / s.ms : 0;
    console.log(
      `${name.padEnd(30)} ${String(s.cases).padStart(7)} ${fmtMB(s.size).padStart(9)} ${secs(s.wallMs).padStart(8)} ${rate.toFixed(1).padStart(13)}  ${s.failures}${s.known ? ` (+${s.known} known)` : ''}`,
    );
  }
  const fresh = reported.filter((r) => !r.known);
  const known = reported.filter((r) => r.known);
  console.log(
    `\n${cases} inputs (${fmtMB(size)} MB) in ${secs(elapsed)} s, seed ${args.seed}: ` +
      `${fresh.length} failure(s), ${known.length} known open issue(s) reproduced`,
  );
  for (const r of fresh.slice(0, 50))
    console.log(`  ✗ [${r.mutator}] ${r.where} ${r.failure.kind}${r.file ? ` → ${r.file}` : ''}`);
  for (const r of known)
    console.log(`  ⚠ [${r.mutator}] ${r.where} ${r.failure.kind}: known issue ${r.known!.id}`);
  return fresh.length > 0 || (args.strict && known.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
