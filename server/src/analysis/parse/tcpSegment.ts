import type { Endpoint, Span, TcpField, TcpFlags, TcpOption, TcpSegment } from '../types';
import { parseEndpoint, portOnlyEndpoint } from './endpoint';
import { isDigit, readUint } from './text';

export interface TcpMatch {
  src: Endpoint;
  dst: Endpoint;
  srcSpan: Span;
  dstSpan: Span;
  segment: TcpSegment;
}

const FLAG_LETTERS = 'FSRP.UEWe';

/**
 * Captures print a handful of distinct values for flags, endpoints and most options, repeated on
 * every packet: parsed values are shared (and never modified) so a large document holds one
 * object per distinct value. The caches are bounded so crafted input cannot grow them forever.
 */
const SHARED_LIMIT = 65536;
const sharedFlags = new Map<string, TcpFlags | null>();
const sharedEndpoints = new Map<string, Endpoint>();
const sharedOptions = new Map<string, TcpOption>();

function shared<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  const value = make();
  if (cache.size >= SHARED_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function parseFlags(text: string): TcpFlags | null {
  return shared(sharedFlags, text, () => readFlags(text));
}

function readFlags(text: string): TcpFlags | null {
  const flags: TcpFlags = {
    text,
    syn: false,
    ack: false,
    fin: false,
    rst: false,
    psh: false,
    urg: false,
    ece: false,
    cwr: false,
    ae: false,
  };
  if (text === 'none') return flags;
  if (text.length === 0) return null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!FLAG_LETTERS.includes(ch)) return null;
    if (ch === 'F') flags.fin = true;
    else if (ch === 'S') flags.syn = true;
    else if (ch === 'R') flags.rst = true;
    else if (ch === 'P') flags.psh = true;
    else if (ch === '.') flags.ack = true;
    else if (ch === 'U') flags.urg = true;
    else if (ch === 'E') flags.ece = true;
    else if (ch === 'W') flags.cwr = true;
    else flags.ae = true;
  }
  return flags;
}

const UNPRINTED_FLAGS: TcpFlags = { ...readFlags('none')!, text: '' };

function emptySegment(line: number): TcpSegment {
  return {
    hasFlags: false,
    flags: UNPRINTED_FLAGS,
    seq: null,
    seqEnd: null,
    ack: null,
    win: null,
    urg: null,
    options: [],
    length: null,
    checksum: null,
    trailer: null,
    truncated: false,
    columns: {
      line,
      srcStart: -1,
      srcEnd: -1,
      dstStart: -1,
      dstEnd: -1,
      flagsStart: -1,
      flagsEnd: -1,
      seqStart: -1,
      seqEnd: -1,
      ackStart: -1,
      ackEnd: -1,
      winStart: -1,
      winEnd: -1,
      optionsStart: -1,
      optionsEnd: -1,
      lengthStart: -1,
      lengthEnd: -1,
    },
  };
}

const TCP_FIELDS: readonly TcpField[] = [
  'src',
  'dst',
  'flags',
  'seq',
  'ack',
  'win',
  'options',
  'length',
];

/** The printed fields of a segment as spans; null for fields the line does not print. */
export function segmentSpans(segment: TcpSegment): Record<TcpField, Span | null> {
  const c = segment.columns;
  const spans = {} as Record<TcpField, Span | null>;
  for (const field of TCP_FIELDS) {
    const start = c[`${field}Start`];
    spans[field] = start < 0 ? null : { line: c.line, start, end: c[`${field}End`] };
  }
  return spans;
}

/** Start of the whitespace-delimited token that ends just before `end`. */
function tokenStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9) break;
    i--;
  }
  return i;
}

/**
 * The number of a field: null when there is none, or when it is beyond 2^53, for which readUint
 * gives NaN. Such a field is treated as absent: a NaN kept in the record would become null in
 * JSON and poison the tracker's arithmetic (found by the fuzzer: `seq 9999999999999999`).
 */
function readNumber(text: string, pos: number): { value: number; end: number } | null {
  const r = readUint(text, pos);
  return r && !Number.isNaN(r.value) ? r : null;
}

/** A run of digits as a number, or null beyond 2^53 (`TS val <500 digits>` is Infinity). */
function safeNumber(digits: string): number | null {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

function allDigits(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) if (!isDigit(token.charCodeAt(i))) return false;
  return true;
}

/**
 * Finds the TCP segment on a line: `SRC > DST: Flags [..]…`, the quiet form `SRC > DST: tcp N`,
 * or `SRC > DST: [|tcp]`. Other `A > B:` pairs on the line (the outer flow of a tunnel, the
 * addresses before an IPv6 extension header) are skipped; the TCP flow is the inner one.
 */
export function findTcpSegment(text: string, line: number): TcpMatch | null {
  let from = 0;
  let previousPair: { src: string; dst: string } | null = null;
  // The first `]` at or after a position, remembered from one arrow to the next (they only move
  // forward): searching afresh for every `A > B: Flags [` scanned a long line without `]` to its
  // end once per arrow, quadratic in the line length (found by the fuzzer).
  let bracketFrom = -1;
  let bracketAt = -1;
  const nextBracket = (pos: number): number => {
    if (bracketFrom < 0 || pos < bracketFrom || (bracketAt >= 0 && bracketAt < pos)) {
      bracketFrom = pos;
      bracketAt = text.indexOf(']', pos);
    }
    return bracketAt;
  };
  for (;;) {
    const arrow = text.indexOf(' > ', from);
    if (arrow < 0) return null;
    from = arrow + 3;
    const srcStart = tokenStart(text, arrow);
    if (srcStart === arrow) continue;
    let dstEnd = text.indexOf(' ', arrow + 3);
    if (dstEnd < 0) dstEnd = text.length;
    if (text.charCodeAt(dstEnd - 1) !== 58 /* : */ || dstEnd - 1 <= arrow + 3) continue;
    const srcToken = text.slice(srcStart, arrow);
    const dstToken = text.slice(arrow + 3, dstEnd - 1);
    let body = dstEnd + 1;
    // master prints `DST:  [|tcp]` (two spaces) when the header is cut right after the ports.
    if (text.charCodeAt(body) === 32) body++;
    const segment = parseBody(text, body, line, nextBracket);
    if (!segment) {
      previousPair = { src: srcToken, dst: dstToken };
      continue;
    }
    let src: Endpoint;
    let dst: Endpoint;
    if (allDigits(srcToken) && allDigits(dstToken)) {
      const srcHost = previousPair?.src ?? '';
      const dstHost = previousPair?.dst ?? '';
      src = shared(sharedEndpoints, `${srcHost} ${srcToken}`, () =>
        portOnlyEndpoint(srcHost, srcToken),
      );
      dst = shared(sharedEndpoints, `${dstHost} ${dstToken}`, () =>
        portOnlyEndpoint(dstHost, dstToken),
      );
    } else {
      src = shared(sharedEndpoints, srcToken, () => parseEndpoint(srcToken));
      dst = shared(sharedEndpoints, dstToken, () => parseEndpoint(dstToken));
    }
    const srcSpan: Span = { line, start: srcStart, end: arrow };
    const dstSpan: Span = { line, start: arrow + 3, end: dstEnd - 1 };
    segment.columns.srcStart = srcSpan.start;
    segment.columns.srcEnd = srcSpan.end;
    segment.columns.dstStart = dstSpan.start;
    segment.columns.dstEnd = dstSpan.end;
    return { src, dst, srcSpan, dstSpan, segment };
  }
}

/** Parses the TCP body starting at `pos`, or returns null when it is not a TCP body. */
function parseBody(
  text: string,
  pos: number,
  line: number,
  nextBracket: (pos: number) => number,
): TcpSegment | null {
  if (text.startsWith('Flags [', pos)) {
    const close = nextBracket(pos + 7);
    if (close < 0) return null;
    const flags = parseFlags(text.slice(pos + 7, close));
    if (!flags) return null;
    const segment = emptySegment(line);
    segment.hasFlags = true;
    segment.flags = flags;
    segment.columns.flagsStart = pos;
    segment.columns.flagsEnd = close + 1;
    parseFields(text, close + 1, segment);
    return segment;
  }
  if (text.startsWith('tcp ', pos)) {
    const n = readNumber(text, pos + 4);
    if (!n) return null;
    const segment = emptySegment(line);
    segment.length = n.value;
    segment.columns.lengthStart = pos;
    segment.columns.lengthEnd = n.end;
    const rest = text.slice(n.end).trim();
    segment.trailer = rest.length > 0 ? rest : null;
    segment.truncated = rest.includes('[|tcp]');
    return segment;
  }
  if (text.startsWith('[|tcp]', pos)) {
    const segment = emptySegment(line);
    segment.truncated = true;
    return segment;
  }
  return null;
}

/** Splits `text` from `pos` at top-level ", " separators (brackets and braces nest). */
function topLevelParts(text: string, pos: number): Array<{ start: number; end: number }> {
  const parts: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = pos;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
    else if (c === 44 /* , */ && depth === 0 && text.charCodeAt(i + 1) === 32) {
      parts.push({ start, end: i });
      start = i + 2;
      // Everything after `length N` is the trailer, commas included.
      if (text.startsWith('length ', start)) break;
    }
  }
  parts.push({ start, end: text.length });
  return parts;
}

function parseFields(text: string, pos: number, segment: TcpSegment): void {
  if (text.indexOf('[|tcp]', pos) >= 0 || text.indexOf('[bad opt]', pos) >= 0)
    segment.truncated = true;
  // Fields follow the flags as ", name value".
  if (!text.startsWith(', ', pos)) {
    const rest = text.slice(pos).trim();
    if (rest.length > 0) segment.trailer = rest;
    return;
  }
  for (const part of topLevelParts(text, pos + 2)) {
    if (text.startsWith('seq ', part.start)) {
      const a = readNumber(text, part.start + 4);
      if (!a) continue;
      segment.seq = a.value;
      if (text.charCodeAt(a.end) === 58 /* : */) {
        const b = readNumber(text, a.end + 1);
        if (b) segment.seqEnd = b.value;
      }
      segment.columns.seqStart = part.start;
      segment.columns.seqEnd = part.end;
    } else if (text.startsWith('ack ', part.start)) {
      const a = readNumber(text, part.start + 4);
      if (!a) continue;
      segment.ack = a.value;
      segment.columns.ackStart = part.start;
      segment.columns.ackEnd = part.end;
    } else if (text.startsWith('win ', part.start)) {
      const a = readNumber(text, part.start + 4);
      if (!a) continue;
      segment.win = a.value;
      segment.columns.winStart = part.start;
      segment.columns.winEnd = part.end;
    } else if (text.startsWith('urg ', part.start)) {
      const a = readNumber(text, part.start + 4);
      if (a) segment.urg = a.value;
    } else if (text.startsWith('cksum ', part.start)) {
      segment.checksum = text.slice(part.start + 6, part.end);
    } else if (text.startsWith('options [', part.start)) {
      segment.options = parseOptions(text.slice(part.start + 9, optionsEnd(text, part)));
      segment.columns.optionsStart = part.start;
      segment.columns.optionsEnd = part.end;
    } else if (text.startsWith('length ', part.start)) {
      const a = readNumber(text, part.start + 7);
      if (!a) continue;
      segment.length = a.value;
      segment.columns.lengthStart = part.start;
      segment.columns.lengthEnd = a.end;
      const trailer = text.slice(a.end).replace(/^:/, '').trim();
      segment.trailer = trailer.length > 0 ? trailer : null;
    }
  }
}

/** End of the option list inside an `options [...]` part; the bracket may be left unclosed. */
function optionsEnd(text: string, part: { start: number; end: number }): number {
  let end = part.end;
  while (end > part.start && text.charCodeAt(end - 1) === 32) end--;
  return text.charCodeAt(end - 1) === 93 /* ] */ ? end - 1 : end;
}

/** Splits an option list at commas that are not followed by a space and are not nested. */
export function parseOptions(list: string): TcpOption[] {
  const options: TcpOption[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 44 && depth === 0 && (i === list.length || list.charCodeAt(i + 1) !== 32)) {
      const text = list.slice(start, i).trim();
      if (text.length > 0) options.push(sharedOption(text));
      start = i + 1;
    }
  }
  return options;
}

/** Timestamps and SACK blocks differ on every packet; the other options repeat. */
function sharedOption(text: string): TcpOption {
  if (text.startsWith('TS ') || text.startsWith('sack ')) return parseOption(text);
  return shared(sharedOptions, text, () => parseOption(text));
}

function parseOption(text: string): TcpOption {
  const space = text.indexOf(' ');
  const name = space < 0 ? text : text.slice(0, space);
  const arg = space < 0 ? '' : text.slice(space + 1);
  const num = (s: string): number | null => {
    const r = readUint(s, 0);
    return r && !Number.isNaN(r.value) ? r.value : null;
  };
  switch (name) {
    case 'mss': {
      const value = num(arg);
      if (value !== null) return { kind: 'mss', value, text };
      break;
    }
    case 'wscale': {
      const value = num(arg);
      if (value !== null) return { kind: 'wscale', value, text };
      break;
    }
    case 'sackOK':
      return { kind: 'sackOK', text };
    case 'nop':
      return { kind: 'nop', text };
    case 'eol':
      return { kind: 'eol', text };
    case 'TS': {
      const m = /^val (\d+) ecr (\d+)/.exec(arg);
      const val = m ? safeNumber(m[1]!) : null;
      const ecr = m ? safeNumber(m[2]!) : null;
      if (val !== null && ecr !== null) return { kind: 'timestamp', val, ecr, text };
      break;
    }
    case 'sack': {
      const blocks: Array<[number, number]> = [];
      const re = /\{(\d+):(\d+)\}/g;
      for (let m = re.exec(arg); m; m = re.exec(arg)) {
        const left = safeNumber(m[1]!);
        const right = safeNumber(m[2]!);
        if (left !== null && right !== null) blocks.push([left, right]);
      }
      return { kind: 'sack', blocks, text };
    }
  }
  return { kind: 'other', name, text };
}
