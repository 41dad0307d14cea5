// The properties every input must keep, whatever it holds:
//   - analyze() does not throw, and its own guard did not catch an internal error;
//   - one line record per input line (LF, CRLF and lone CR end lines; a final line end adds no
//     line), `lines[i].line === i`;
//   - packets are in order, their line ranges lie within the document, do not overlap, start on
//     a `packet` line, and every line that names a packet lies inside that packet's range;
//   - TCP annotations, findings and connections point at packets and connections that exist;
//   - the result is plain data (null, booleans, finite numbers, strings, arrays, plain objects)
//     and JSON.stringify accepts it;
//   - a second run gives the same JSON;
//   - edits applied to the analysis in place (a line deleted and one pasted in the middle, lines
//     appended, a line typed over) give what a fresh analysis of the edited text gives;
//   - time per byte stays within FACTOR × the baseline's (no superlinear blow-up).
// The capture reader must not throw either, must report no internal error, and must read a file
// the same way whether it comes in one piece or in chunks.
import { createHash } from 'node:crypto';
import { analyze, analyzeLines, updateLines } from '../../server/src/analysis';
import type { Analysis, LineEdit } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import { CaptureReader, readCapture, renderTcpdumpText } from '../../server/src/capture';
import type { RenderOptions } from '../../server/src/capture';
import { LINE_KINDS as ALL_LINE_KINDS } from '../../server/src/analysis';

export type FailureKind =
  | 'throw'
  | 'internal-error'
  | 'lines'
  | 'packets'
  | 'references'
  | 'plain-data'
  | 'json'
  | 'nondeterministic'
  | 'incremental'
  | 'chunking'
  | 'slow'
  | 'timeout'
  | 'out-of-memory';

export interface Failure {
  kind: FailureKind;
  message: string;
}

export interface CheckResult {
  failure: Failure | null;
  /** Fastest analysis time of the runs made, in milliseconds. */
  ms: number;
  /** Input size in UTF-16 code units (text) or bytes (captures). */
  size: number;
}

export interface TimeBound {
  /** Baseline cost, milliseconds per million characters. */
  msPerMB: number;
  /** Allowed slowdown per byte relative to the baseline. */
  factor: number;
  /** Inputs faster than this are never called slow (timer and GC noise). */
  floorMs: number;
}

export const DEFAULT_FACTOR = 20;
export const DEFAULT_FLOOR_MS = 250;

/** Time allowed for one analysis of `size` characters. */
export function allowedMs(bound: TimeBound, size: number): number {
  return Math.max(bound.floorMs, (bound.factor * bound.msPerMB * size) / 1e6);
}

const LINE_KINDS = new Set<string>(ALL_LINE_KINDS);

/**
 * Number of lines of `text`, computed independently of the parser: LF, CRLF and lone CR each
 * end a line; a final line end adds no line; the empty text has none.
 */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let ends = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) ends++;
    else if (c === 13) {
      ends++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? ends : ends + 1;
}

function fail(kind: FailureKind, message: string): Failure {
  return { kind, message };
}

const isIndex = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < max;

/** The structural properties of one analysis of `text`. */
export function structuralFailure(text: string, a: Analysis): Failure | null {
  const n = countLines(text);
  if (!Array.isArray(a.lines) || a.lines.length !== n)
    return fail('lines', `expected ${n} line records, got ${a.lines?.length}`);
  const packets = a.packets;
  for (let i = 0; i < n; i++) {
    const r = a.lines[i]!;
    if (r.line !== i) return fail('lines', `lines[${i}].line is ${r.line}`);
    if (!LINE_KINDS.has(r.kind)) return fail('lines', `lines[${i}].kind is ${String(r.kind)}`);
    if (r.reason !== null && typeof r.reason !== 'string')
      return fail('lines', `lines[${i}].reason is ${typeof r.reason}`);
    if (r.reason?.startsWith('internal analysis error'))
      return fail('internal-error', `line ${i}: ${r.reason}`);
    if (r.packet !== null) {
      if (!isIndex(r.packet - 1, packets.length))
        return fail('lines', `lines[${i}].packet ${r.packet} does not exist`);
      const p = packets[r.packet - 1]!;
      if (i < p.line || i > p.endLine)
        return fail(
          'packets',
          `line ${i} names packet ${r.packet}, which spans lines ${p.line}-${p.endLine}`,
        );
    }
  }
  let previousEnd = -1;
  for (let k = 0; k < packets.length; k++) {
    const p = packets[k]!;
    if (p.packet !== k + 1) return fail('packets', `packets[${k}].packet is ${p.packet}`);
    if (!isIndex(p.line, n) || !isIndex(p.endLine, n) || !isIndex(p.headerLine, n))
      return fail(
        'packets',
        `packet ${p.packet} lines ${p.line}/${p.headerLine}/${p.endLine} out of 0..${n - 1}`,
      );
    if (p.line > p.headerLine || p.headerLine > p.endLine)
      return fail(
        'packets',
        `packet ${p.packet}: line ${p.line} ≤ header ${p.headerLine} ≤ end ${p.endLine} broken`,
      );
    if (p.line <= previousEnd)
      return fail(
        'packets',
        `packet ${p.packet} starts at line ${p.line}, inside the previous packet (ends ${previousEnd})`,
      );
    previousEnd = p.endLine;
    const first = a.lines[p.line]!;
    if (first.kind !== 'packet' || first.packet !== p.packet)
      return fail(
        'packets',
        `packet ${p.packet} starts on line ${p.line}, a ${first.kind} line of packet ${first.packet}`,
      );
  }
  const connections = a.connections;
  for (let c = 0; c < connections.length; c++) {
    const conn = connections[c]!;
    if (conn.id !== c + 1) return fail('references', `connections[${c}].id is ${conn.id}`);
    if (
      !isIndex(conn.firstPacket - 1, packets.length) ||
      !isIndex(conn.lastPacket - 1, packets.length)
    )
      return fail(
        'references',
        `connection ${conn.id} packets ${conn.firstPacket}..${conn.lastPacket} do not exist`,
      );
  }
  let previousPacket = 0;
  for (const t of a.tcp) {
    if (!isIndex(t.packet - 1, packets.length) || packets[t.packet - 1]!.protocol !== 'tcp')
      return fail('references', `TCP annotation of packet ${t.packet}, not a TCP packet`);
    if (t.packet <= previousPacket)
      return fail(
        'references',
        `TCP annotation of packet ${t.packet} after packet ${previousPacket}`,
      );
    previousPacket = t.packet;
    if (!isIndex(t.connection - 1, connections.length))
      return fail('references', `packet ${t.packet} names connection ${t.connection}`);
  }
  for (const f of a.findings) {
    if (!isIndex(f.packet - 1, packets.length))
      return fail('references', `finding ${f.code} on packet ${f.packet}, which does not exist`);
    if (!isIndex(f.connection - 1, connections.length))
      return fail('references', `finding ${f.code} names connection ${f.connection}`);
    for (const r of f.related)
      if (!isIndex(r - 1, packets.length))
        return fail('references', `finding ${f.code} relates packet ${r}, which does not exist`);
  }
  return null;
}

const MAX_DEPTH = 64;

/**
 * Plain data: null, booleans, finite numbers, strings, arrays and plain objects, no cycles. A
 * NaN or Infinity would silently become null in JSON; undefined array items too.
 */
interface Visit {
  v: unknown;
  parent: Visit | null;
  key: string | number;
  depth: number;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at && at.parent; at = at.parent)
    keys.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
  return `$${keys.reverse().join('')}`;
}

export function plainDataFailure(value: unknown): Failure | null {
  // Iterative (deep documents must not overflow the stack); paths are only spelt out for the
  // report. Shared objects are walked again each time they are met, as JSON prints them; a
  // cycle would never end, so nesting deeper than MAX_DEPTH fails instead. (A Set of the
  // objects seen would not do: a million connections hold more objects than a Set can.)
  const stack: Visit[] = [{ v: value, parent: null, key: '', depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const v = visit.v;
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(v)) return fail('plain-data', `${pathOf(visit)} is ${v}`);
        continue;
      case 'object': {
        if (v === null) continue;
        const depth = visit.depth + 1;
        if (depth > MAX_DEPTH)
          return fail('plain-data', `${pathOf(visit)}: nested deeper than ${MAX_DEPTH}`);
        if (Array.isArray(v)) {
          for (let i = v.length - 1; i >= 0; i--) {
            const item: Visit = { v: v[i], parent: visit, key: i, depth };
            if (item.v === undefined) return fail('plain-data', `${pathOf(item)} is undefined`);
            stack.push(item);
          }
          continue;
        }
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null)
          return fail(
            'plain-data',
            `${pathOf(visit)} is a ${v.constructor?.name ?? 'class instance'}`,
          );
        for (const [key, x] of Object.entries(v)) {
          // An absent optional property.
          if (x !== undefined) stack.push({ v: x, parent: visit, key, depth });
        }
        continue;
      }
      default:
        return fail('plain-data', `${pathOf(visit)} is a ${typeof v}`);
    }
  }
  return null;
}

/**
 * A digest of the analysis as JSON, element by element (a million connections would exceed the
 * longest string V8 can build if stringified at once).
 */
export function fingerprint(a: Analysis): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(a).sort() as Array<keyof Analysis>) {
    const v = a[key];
    hash.update(`${key}\n`);
    if (Array.isArray(v)) for (const item of v) hash.update(`${JSON.stringify(item)}\n`);
    else hash.update(`${JSON.stringify(v)}\n`);
  }
  return hash.digest('hex');
}

/** Edits are checked on inputs up to this many characters (each costs two more analyses). */
const INCREMENTAL_LIMIT = 256_000;

interface EditCase {
  what: string;
  lines: string[];
  edit: LineEdit;
}

/** The edits checked, each made to the lines the one before left. */
const EDITS: Array<(lines: readonly string[]) => EditCase> = [
  (lines) => {
    const at = Math.floor(lines.length / 2);
    return {
      what: `line ${at} deleted`,
      lines: [...lines.slice(0, at), ...lines.slice(at + 1)],
      edit: { start: at, oldEnd: at + 1, newEnd: at },
    };
  },
  (lines) => {
    const at = Math.floor((2 * lines.length) / 3);
    const copy = lines[Math.floor(lines.length / 3)]!;
    return {
      what: `a copy of line ${Math.floor(lines.length / 3)} pasted at line ${at}`,
      lines: [...lines.slice(0, at), copy, ...lines.slice(at)],
      edit: { start: at, oldEnd: at, newEnd: at + 1 },
    };
  },
  (lines) => {
    const n = lines.length;
    return {
      what: 'the first 3 lines appended',
      lines: [...lines, ...lines.slice(0, 3)],
      edit: { start: n, oldEnd: n, newEnd: n + Math.min(3, n) },
    };
  },
  (lines) => {
    const at = Math.floor(lines.length / 4);
    const typed = [...lines];
    typed[at] = `${typed[at]!.slice(0, -1)}7`;
    return {
      what: `line ${at} typed over`,
      lines: typed,
      edit: { start: at, oldEnd: at + 1, newEnd: at + 1 },
    };
  },
];

/** Each of EDITS applied to the analysis in place, compared with a fresh analysis. */
export function incrementalFailure(text: string): Failure | null {
  let lines = splitLines(text);
  if (lines.length < 2) return null;
  let current = analyzeLines(lines, lines.length);
  for (const make of EDITS) {
    const next = make(lines);
    current = updateLines(current, next.lines, next.lines.length, next.edit);
    const fresh = analyzeLines(next.lines, next.lines.length).analysis;
    if (fingerprint(current.analysis) !== fingerprint(fresh))
      return fail('incremental', `${next.what}: updated in place, not what a fresh analysis gives`);
    lines = next.lines;
  }
  return null;
}

/** Whole-document JSON is built only below this size (it is checked element-wise above it). */
const WHOLE_JSON_LIMIT = 4_000_000;

function timed(text: string): { a: Analysis | null; ms: number; error: unknown } {
  const t0 = performance.now();
  try {
    const a = analyze(text);
    return { a, ms: performance.now() - t0, error: null };
  } catch (error) {
    return { a: null, ms: performance.now() - t0, error };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
  return String(error);
}

export interface TextCheckOptions {
  bound: TimeBound;
  /** Run a second time and compare (default true). */
  determinism?: boolean;
  /**
   * The bound measured again now: a slow verdict is only given if the input is still slow
   * against it (a machine busy with other work slows everything down, the baseline too).
   */
  freshBound?: () => TimeBound;
}

/** Every property, for one text input. */
export function checkText(text: string, options: TextCheckOptions): CheckResult {
  const size = text.length;
  const first = timed(text);
  if (!first.a) return { failure: fail('throw', describeError(first.error)), ms: first.ms, size };
  let ms = first.ms;
  let failure = structuralFailure(text, first.a) ?? plainDataFailure(first.a);
  let print = '';
  if (!failure) {
    try {
      print = fingerprint(first.a);
      if (size < WHOLE_JSON_LIMIT) JSON.stringify(first.a);
    } catch (error) {
      failure = fail('json', describeError(error));
    }
  }
  if (!failure && size <= INCREMENTAL_LIMIT) failure = incrementalFailure(text);
  if (failure) return { failure, ms, size };
  first.a = null;
  const limit = allowedMs(options.bound, size);
  if (options.determinism !== false || ms > limit) {
    // The second run checks determinism and, if the first was slow, rules out a GC pause or a
    // busy machine: the faster of the two runs is what counts.
    const second = timed(text);
    if (!second.a)
      return { failure: fail('throw', `second run: ${describeError(second.error)}`), ms, size };
    ms = Math.min(ms, second.ms);
    if (fingerprint(second.a) !== print)
      return { failure: fail('nondeterministic', 'two runs gave different JSON'), ms, size };
  }
  let bound = options.bound;
  if (ms > limit && options.freshBound) {
    bound = options.freshBound();
    const third = timed(text);
    ms = Math.min(ms, third.ms);
  }
  if (ms > allowedMs(bound, size))
    return {
      failure: fail(
        'slow',
        `${ms.toFixed(0)} ms for ${size} characters: ${((ms / size) * 1e6).toFixed(0)} ms/MB, ` +
          `more than ${bound.factor}× the baseline ${bound.msPerMB.toFixed(0)} ms/MB`,
      ),
      ms,
      size,
    };
  return { failure: null, ms, size };
}

// ---------------------------------------------------------------- captures

function captureSummary(c: ReturnType<typeof readCapture>): string {
  const packets = c.packets.map(
    (p) => `${p.offset}:${p.interfaceId}:${p.linkType}:${p.capturedLength}:${p.originalLength}`,
  );
  return JSON.stringify({ format: c.format, linkTypes: c.linkTypes, error: c.error, packets });
}

/** Reads `bytes` through the incremental reader in chunks of the given sizes (cycled). */
function readChunked(bytes: Uint8Array, sizes: number[]): ReturnType<typeof readCapture> {
  const reader = new CaptureReader();
  const packets = [];
  let offset = 0;
  for (let k = 0; offset < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    // A fresh copy each time: the reader must not keep views of buffers the caller reuses.
    packets.push(...reader.push(bytes.slice(offset, offset + size)));
    offset += size;
  }
  const error = reader.end();
  return {
    format: reader.format,
    linkTypes: [...reader.linkTypes],
    interfaces: [...reader.interfaces],
    packets,
    error,
  };
}

export interface CaptureCheckOptions {
  /** See TextCheckOptions.freshBound. */
  freshBound?: () => TimeBound;
  /** Time bound of the analysis of the rendered text. */
  bound: TimeBound;
  /** Time bound of reading and rendering, per byte of capture. */
  captureBound: TimeBound;
  render: RenderOptions;
  /** Chunk sizes for the incremental read compared with the whole-file read. */
  chunks: number[];
}

/**
 * The capture reader and renderer on `bytes`: no exception, no internal error, the same packets
 * read whole and in chunks, and the rendered text keeps every text property.
 */
export function checkCapture(bytes: Uint8Array, options: CaptureCheckOptions): CheckResult {
  const size = bytes.length;
  const t0 = performance.now();
  let lines: string[];
  let whole: ReturnType<typeof readCapture>;
  try {
    whole = readCapture(bytes);
    lines = renderTcpdumpText(whole, options.render);
  } catch (error) {
    return { failure: fail('throw', describeError(error)), ms: performance.now() - t0, size };
  }
  const ms = performance.now() - t0;
  if (whole.error?.message.includes('internal error'))
    return { failure: fail('internal-error', `reader: ${whole.error.message}`), ms, size };
  const internal = lines.find((l) => l.includes('[capture: internal error'));
  if (internal) return { failure: fail('internal-error', `renderer: ${internal}`), ms, size };
  let chunked: ReturnType<typeof readCapture>;
  const t1 = performance.now();
  try {
    chunked = readChunked(bytes, options.chunks);
  } catch (error) {
    return { failure: fail('throw', `chunked read: ${describeError(error)}`), ms, size };
  }
  const chunkMs = performance.now() - t1;
  // Each push has a fixed cost (a few µs: a call, a copy of the chunk, a parse attempt); tiny
  // chunks are allowed 10 µs per push on top of the per-byte bound.
  const average = options.chunks.reduce((n, c) => n + Math.max(1, c), 0) / options.chunks.length;
  if (chunkMs > allowedMs(options.captureBound, size) + (size / average) * 0.01)
    return {
      failure: fail(
        'slow',
        `${chunkMs.toFixed(0)} ms to read ${size} bytes in chunks of ${options.chunks.join(',')}`,
      ),
      ms: chunkMs,
      size,
    };
  const a = captureSummary(whole);
  const b = captureSummary(chunked);
  if (a !== b)
    return {
      failure: fail(
        'chunking',
        `chunks ${options.chunks.join(',')}: whole ${a.slice(0, 300)} ≠ chunked ${b.slice(0, 300)}`,
      ),
      ms,
      size,
    };
  for (let i = 0; i < whole.packets.length; i++) {
    const x = whole.packets[i]!.data;
    const y = chunked.packets[i]!.data;
    if (Buffer.compare(x, y) !== 0)
      return {
        failure: fail('chunking', `packet ${i}: data differs read whole and in chunks`),
        ms,
        size,
      };
  }
  // Rendered text is itself an input of the analysis.
  const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  const t = checkText(text, {
    bound: options.bound,
    determinism: false,
    ...(options.freshBound ? { freshBound: options.freshBound } : {}),
  });
  if (t.failure)
    return {
      failure: { kind: t.failure.kind, message: `rendered text: ${t.failure.message}` },
      ms: ms + t.ms,
      size,
    };
  if (ms > allowedMs(options.captureBound, size))
    return {
      failure: fail('slow', `${ms.toFixed(0)} ms to read and render ${size} bytes`),
      ms,
      size,
    };
  return { failure: null, ms: ms + t.ms, size };
}
