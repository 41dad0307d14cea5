import type { Endpoint, Span, TcpField, TcpFlags, TcpOption, TcpSegment } from '../types';
import { fitted, remember, sharedByText } from '../compact';
import { parseEndpoint, portOnlyEndpoint } from './endpoint';
import { detached, isDigit, readUint, trimmedSlice, uintEnd } from './text';

export interface TcpMatch {
  src: Endpoint;
  dst: Endpoint;
  segment: TcpSegment;
}

const FLAG_LETTERS = 'FSRP.UEWe';

/**
 * Captures print a handful of distinct values for flags, endpoints and most options, repeated on
 * every packet: parsed values are shared (and never modified) so a large document holds one
 * object per distinct value. The caches are bounded (`remember`).
 */
const sharedFlags = new Map<string, TcpFlags | null>();
/** Flags by their letters read as digits (index in FLAG_LETTERS + 1), found without a copy. */
const sharedFlagsByCode = new Map<number, TcpFlags>();
const sharedEndpoints = new Map<string, Endpoint>();
const sharedOptions = new Map<string, TcpOption>();

export function parseFlags(text: string): TcpFlags | null {
  return sharedByText(sharedFlags, text, readFlags);
}

/** Longest run of letters whose code stays an exact integer. */
const MAX_CODED_FLAGS = 15;

/** Index of a flag letter in FLAG_LETTERS, -1 for any other character. */
function flagLetterIndex(code: number): number {
  switch (code) {
    case 70 /* F */:
      return 0;
    case 83 /* S */:
      return 1;
    case 82 /* R */:
      return 2;
    case 80 /* P */:
      return 3;
    case 46 /* . */:
      return 4;
    case 85 /* U */:
      return 5;
    case 69 /* E */:
      return 6;
    case 87 /* W */:
      return 7;
    case 101 /* e */:
      return 8;
    default:
      return -1;
  }
}

/** The flags printed from `start` to `end` (`parseFlags` of that text, without the copy). */
function flagsAt(text: string, start: number, end: number): TcpFlags | null {
  let code = 0;
  if (end - start > MAX_CODED_FLAGS) return parseFlags(text.slice(start, end));
  for (let i = start; i < end; i++) {
    const letter = flagLetterIndex(text.charCodeAt(i));
    // `none`, the empty set and what is not a flag letter take the general way.
    if (letter < 0) return parseFlags(text.slice(start, end));
    code = code * 10 + letter + 1;
  }
  if (code === 0) return parseFlags('');
  const hit = sharedFlagsByCode.get(code);
  if (hit !== undefined) return hit;
  return remember(sharedFlagsByCode, code, parseFlags(text.slice(start, end))!);
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

/** The options of a segment that prints none (most of them), shared: never added to. */
export const NO_OPTIONS: TcpOption[] = Object.freeze([]) as unknown as TcpOption[];

/**
 * Where the fields of the line being read were printed. Only a hover or a jump needs them, for
 * one line at a time (`headerSpans` reads that line again), so a document's segments do not keep
 * them: one object per packet would be the largest part of an analysis.
 */
const columns = newColumns();

/** Column ranges of the printed fields, -1 where the field was not printed. */
type TcpColumns = Record<`${TcpField}Start` | `${TcpField}End`, number>;

function newColumns(): TcpColumns {
  return {
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
  };
}

function emptySegment(): TcpSegment {
  return {
    hasFlags: false,
    flags: UNPRINTED_FLAGS,
    seq: null,
    seqEnd: null,
    ack: null,
    win: null,
    urg: null,
    options: NO_OPTIONS,
    length: null,
    checksum: null,
    trailer: null,
    truncated: false,
    pairStart: -1,
    pairEnd: -1,
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

/**
 * Where the fields of the TCP header on a line were printed, as spans (null for fields the line
 * does not print); null when the line holds no TCP header. Reads the line again.
 */
export function headerSpans(text: string, line: number): Record<TcpField, Span | null> | null {
  Object.assign(columns, newColumns());
  if (!findTcpSegment(text)) return null;
  const spans = {} as Record<TcpField, Span | null>;
  for (const field of TCP_FIELDS) {
    const start = columns[`${field}Start`];
    spans[field] = start < 0 ? null : { line, start, end: columns[`${field}End`] };
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

/** A run of digits as a number, or null beyond 2^53 (`TS val <500 digits>` is Infinity). */
function safeNumber(digits: string): number | null {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** The text from `start` to `end` is a non-empty run of digits. */
function allDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

// The first `]` at or after a position, remembered from one arrow to the next of a line (they
// only move forward): searching afresh for every `A > B: Flags [` scanned a long line without
// `]` to its end once per arrow, quadratic in the line length (found by the fuzzer).
let bracketFrom = -1;
let bracketAt = -1;

function nextBracket(text: string, pos: number): number {
  if (bracketFrom < 0 || pos < bracketFrom || (bracketAt >= 0 && bracketAt < pos)) {
    bracketFrom = pos;
    bracketAt = text.indexOf(']', pos);
  }
  return bracketAt;
}

/** The shared endpoint of a token that is a string of its own (`detached`): the cache keeps it. */
function sharedEndpoint(token: string): Endpoint {
  let e = sharedEndpoints.get(token);
  if (e === undefined) e = remember(sharedEndpoints, token, parseEndpoint(token));
  return e;
}

/**
 * Endpoint tokens seen lately, by a hash of their characters: a packet's endpoints were nearly
 * always on an earlier line, and are found here by comparing characters in place, without copying
 * the token out of the line or looking it up among every endpoint of the document.
 */
const RECENT_ENDPOINTS = 4096;
const HASHED_CHARS = 8;
const recentTokens = new Array<string>(RECENT_ENDPOINTS).fill('');
const recentEndpoints = new Array<Endpoint | null>(RECENT_ENDPOINTS).fill(null);

/** The shared endpoint printed from `start` to `end`. */
function endpointAt(text: string, start: number, end: number): Endpoint {
  // Endpoints differ mostly in their last characters (port, last octet): those make the hash.
  let hash = end - start;
  for (let i = Math.max(start, end - HASHED_CHARS); i < end; i++)
    hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  const slot = (hash ^ (hash >>> 12)) & (RECENT_ENDPOINTS - 1);
  const known = recentTokens[slot]!;
  const knownEndpoint = recentEndpoints[slot]!;
  if (knownEndpoint !== null && known.length === end - start && text.startsWith(known, start))
    return knownEndpoint;
  const token = detached(text.slice(start, end));
  const endpoint = sharedEndpoint(token);
  recentTokens[slot] = token;
  recentEndpoints[slot] = endpoint;
  return endpoint;
}

function sharedPortOnlyEndpoint(host: string, port: string): Endpoint {
  const key = `${host} ${port}`;
  let e = sharedEndpoints.get(key);
  if (e === undefined)
    e = remember(sharedEndpoints, detached(key), portOnlyEndpoint(detached(host), detached(port)));
  return e;
}

/**
 * Finds the TCP segment on a line: `SRC > DST: Flags [..]…`, the quiet form `SRC > DST: tcp N`,
 * or `SRC > DST: [|tcp]`. Other `A > B:` pairs on the line (the outer flow of a tunnel, the
 * addresses before an IPv6 extension header) are skipped; the TCP flow is the inner one.
 */
export function findTcpSegment(text: string): TcpMatch | null {
  let from = 0;
  // The tokens of the last pair that was not TCP: ports-only pairs borrow their hosts.
  let previousSrc: string | null = null;
  let previousDst: string | null = null;
  bracketFrom = -1;
  bracketAt = -1;
  for (;;) {
    const arrow = text.indexOf(' > ', from);
    if (arrow < 0) return null;
    from = arrow + 3;
    const srcStart = tokenStart(text, arrow);
    if (srcStart === arrow) continue;
    let dstEnd = text.indexOf(' ', arrow + 3);
    if (dstEnd < 0) dstEnd = text.length;
    if (text.charCodeAt(dstEnd - 1) !== 58 /* : */ || dstEnd - 1 <= arrow + 3) continue;
    let body = dstEnd + 1;
    // master prints `DST:  [|tcp]` (two spaces) when the header is cut right after the ports.
    if (text.charCodeAt(body) === 32) body++;
    const segment = parseBody(text, body);
    if (!segment) {
      previousSrc = text.slice(srcStart, arrow);
      previousDst = text.slice(arrow + 3, dstEnd - 1);
      continue;
    }
    let src: Endpoint;
    let dst: Endpoint;
    if (allDigits(text, srcStart, arrow) && allDigits(text, arrow + 3, dstEnd - 1)) {
      src = sharedPortOnlyEndpoint(previousSrc ?? '', text.slice(srcStart, arrow));
      dst = sharedPortOnlyEndpoint(previousDst ?? '', text.slice(arrow + 3, dstEnd - 1));
    } else {
      src = endpointAt(text, srcStart, arrow);
      dst = endpointAt(text, arrow + 3, dstEnd - 1);
    }
    segment.pairStart = srcStart;
    segment.pairEnd = dstEnd - 1;
    columns.srcStart = srcStart;
    columns.srcEnd = arrow;
    columns.dstStart = arrow + 3;
    columns.dstEnd = dstEnd - 1;
    return { src, dst, segment };
  }
}

/** Parses the TCP body starting at `pos`, or returns null when it is not a TCP body. */
function parseBody(text: string, pos: number): TcpSegment | null {
  if (text.startsWith('Flags [', pos)) {
    const close = nextBracket(text, pos + 7);
    if (close < 0) return null;
    const flags = flagsAt(text, pos + 7, close);
    if (!flags) return null;
    const segment = emptySegment();
    segment.hasFlags = true;
    segment.flags = flags;
    columns.flagsStart = pos;
    columns.flagsEnd = close + 1;
    parseFields(text, close + 1, segment);
    return segment;
  }
  if (text.startsWith('tcp ', pos)) {
    const length = readUint(text, pos + 4);
    if (length < 0) return null;
    const segment = emptySegment();
    segment.length = length;
    columns.lengthStart = pos;
    columns.lengthEnd = uintEnd;
    const rest = trimmedSlice(text, uintEnd, text.length);
    segment.trailer = rest.length > 0 ? rest : null;
    segment.truncated = rest.includes('[|tcp]');
    return segment;
  }
  if (text.startsWith('[|tcp]', pos)) {
    const segment = emptySegment();
    segment.truncated = true;
    return segment;
  }
  return null;
}

/** `[|tcp]` or `[bad opt]` follows `pos`: one scan for their `[`, not one per mark. */
function marksCutHeader(text: string, pos: number): boolean {
  for (let i = text.indexOf('[', pos); i >= 0; i = text.indexOf('[', i + 1))
    if (text.startsWith('[|tcp]', i) || text.startsWith('[bad opt]', i)) return true;
  return false;
}

/**
 * Reads the fields after the flags, `, name value` parts split at top-level ", " separators
 * (brackets and braces nest; everything after `length N` is the trailer, commas included). Each
 * part is read where it stands, without collecting the parts first.
 */
function parseFields(text: string, pos: number, segment: TcpSegment): void {
  if (marksCutHeader(text, pos)) segment.truncated = true;
  if (!text.startsWith(', ', pos)) {
    const rest = trimmedSlice(text, pos, text.length);
    if (rest.length > 0) segment.trailer = rest;
    return;
  }
  let depth = 0;
  let start = pos + 2;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
    else if (c === 44 /* , */ && depth === 0 && text.charCodeAt(i + 1) === 32) {
      readField(text, start, i, segment);
      start = i + 2;
      if (text.startsWith('length ', start)) break;
    }
  }
  readField(text, start, text.length, segment);
}

/** Reads one `name value` part, from `start` to `end`, into the segment. */
function readField(text: string, start: number, end: number, segment: TcpSegment): void {
  switch (text.charCodeAt(start)) {
    case 115 /* s */: {
      if (!text.startsWith('seq ', start)) return;
      const seq = readUint(text, start + 4);
      if (seq < 0) return;
      segment.seq = seq;
      if (text.charCodeAt(uintEnd) === 58 /* : */) {
        const seqEnd = readUint(text, uintEnd + 1);
        if (seqEnd >= 0) segment.seqEnd = seqEnd;
      }
      columns.seqStart = start;
      columns.seqEnd = end;
      return;
    }
    case 97 /* a */: {
      if (!text.startsWith('ack ', start)) return;
      const ack = readUint(text, start + 4);
      if (ack < 0) return;
      segment.ack = ack;
      columns.ackStart = start;
      columns.ackEnd = end;
      return;
    }
    case 119 /* w */: {
      if (!text.startsWith('win ', start)) return;
      const win = readUint(text, start + 4);
      if (win < 0) return;
      segment.win = win;
      columns.winStart = start;
      columns.winEnd = end;
      return;
    }
    case 117 /* u */: {
      if (!text.startsWith('urg ', start)) return;
      const urg = readUint(text, start + 4);
      if (urg >= 0) segment.urg = urg;
      return;
    }
    case 99 /* c */:
      if (text.startsWith('cksum ', start)) segment.checksum = text.slice(start + 6, end);
      return;
    case 111 /* o */:
      if (!text.startsWith('options [', start)) return;
      segment.options = optionsIn(text, start + 9, optionsEnd(text, start, end));
      columns.optionsStart = start;
      columns.optionsEnd = end;
      return;
    case 108 /* l */: {
      if (!text.startsWith('length ', start)) return;
      const length = readUint(text, start + 7);
      if (length < 0) return;
      segment.length = length;
      columns.lengthStart = start;
      columns.lengthEnd = uintEnd;
      // One leading ':' is dropped (`length 20: HTTP`), then the rest trimmed.
      const from = text.charCodeAt(uintEnd) === 58 ? uintEnd + 1 : uintEnd;
      const trailer = trimmedSlice(text, from, text.length);
      segment.trailer = trailer.length > 0 ? trailer : null;
      return;
    }
  }
}

/** End of the option list inside an `options [...]` part; the bracket may be left unclosed. */
function optionsEnd(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return text.charCodeAt(end - 1) === 93 /* ] */ ? end - 1 : end;
}

/** Splits an option list at commas that are not followed by a space and are not nested. */
export function parseOptions(list: string): TcpOption[] {
  return optionsIn(list, 0, list.length);
}

/** The options listed in `text` from `from` to `to`, read in place. */
function optionsIn(text: string, from: number, to: number): TcpOption[] {
  const options: TcpOption[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 44;
    if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 44 && depth === 0 && (i + 1 >= to || text.charCodeAt(i + 1) !== 32)) {
      const option = trimmedSlice(text, start, i);
      if (option.length > 0) options.push(sharedOption(option));
      start = i + 1;
    }
  }
  return fitted(options);
}

/** Timestamps and SACK blocks differ on every packet; the other options repeat. */
function sharedOption(text: string): TcpOption {
  if (text.startsWith('TS ')) return timestampOption(text);
  if (text.startsWith('sack ')) return parseOption(text);
  return sharedByText(sharedOptions, text, parseOption);
}

/** `TS val N ecr N…`, read by hand: it comes on nearly every packet. */
function timestampOption(text: string): TcpOption {
  if (text.startsWith('val ', 3)) {
    const val = readUint(text, 7);
    if (val >= 0 && text.startsWith(' ecr ', uintEnd)) {
      const ecr = readUint(text, uintEnd + 5);
      if (ecr >= 0) return { kind: 'timestamp', val, ecr, text };
    }
  }
  return { kind: 'other', name: 'TS', text };
}

function parseOption(text: string): TcpOption {
  const space = text.indexOf(' ');
  const name = space < 0 ? text : text.slice(0, space);
  const arg = space < 0 ? '' : text.slice(space + 1);
  const num = (s: string): number | null => {
    const value = readUint(s, 0);
    return value >= 0 ? value : null;
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
