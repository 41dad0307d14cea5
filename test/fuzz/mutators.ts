// Text mutators: each takes real tcpdump text from the corpus and breaks it in one way (bytes
// flipped, TCP fields deleted or repeated, lines cut, numbers out of range, huge lines, binary
// garbage, NUL, lone surrogates, BOM, mixed line ends…). A mutator returns the whole document
// handed to analyze().
import type { TextCorpus } from './corpus';
import type { Rng } from './prng';

export interface MutationContext {
  corpus: TextCorpus;
  /** Size of a "huge" line in characters (10 MB in the long run, less in CI). */
  hugeLine: number;
}

export interface TextMutator {
  name: string;
  /** Relative frequency among the random cases. */
  weight: number;
  make(rng: Rng, ctx: MutationContext): string;
}

// ---------------------------------------------------------------- building blocks

const LINE_ENDS = ['\n', '\r\n', '\r', '\n\r', '\r\r\n'] as const;

function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** A piece of real text: a whole document, a window of one, or lines drawn from everywhere. */
function baseLines(rng: Rng, ctx: MutationContext): string[] {
  const { corpus } = ctx;
  switch (rng.int(4)) {
    case 0: {
      const lines = splitLines(rng.pick(corpus.documents));
      if (lines.length <= 200) return lines;
      const start = rng.int(lines.length - 100);
      return lines.slice(start, start + rng.range(20, 200));
    }
    case 1: {
      const lines = splitLines(rng.pick(corpus.documents));
      const start = rng.int(lines.length);
      return lines.slice(start, start + rng.range(1, 40));
    }
    case 2:
      return Array.from({ length: rng.range(1, 60) }, () => rng.pick(corpus.tcpLines));
    default:
      return Array.from({ length: rng.range(1, 60) }, () =>
        rng.chance(0.6) ? rng.pick(corpus.tcpLines) : rng.pick(corpus.lines),
      );
  }
}

function join(rng: Rng, lines: string[]): string {
  const end = rng.chance(0.8) ? '\n' : rng.pick(LINE_ENDS);
  return lines.join(end) + (rng.chance(0.7) ? end : '');
}

/** Applies `f` to a few lines (at least one) of a base document. */
function mutateSomeLines(
  rng: Rng,
  ctx: MutationContext,
  f: (line: string, rng: Rng) => string,
): string {
  const lines = baseLines(rng, ctx);
  const n = rng.small(Math.max(1, lines.length));
  for (let k = 0; k < n; k++) {
    const i = rng.int(lines.length);
    lines[i] = f(lines[i]!, rng);
  }
  return join(rng, lines);
}

function insertAt(text: string, pos: number, piece: string): string {
  return text.slice(0, pos) + piece + text.slice(pos);
}

function repeatTo(piece: string, size: number): string {
  return piece.repeat(Math.max(1, Math.ceil(size / Math.max(1, piece.length)))).slice(0, size);
}

// ---------------------------------------------------------------- the TCP line grammar

interface TcpLineParts {
  /** Everything up to and including `Flags [..]` (or the `: ` before the body). */
  head: string;
  /** The `, name value` fields after the flags, without their leading ", ". */
  fields: string[];
}

/** Splits a TCP line into its head and top-level `, ` fields (brackets nest), as tcpdump prints them. */
export function tcpLineParts(line: string): TcpLineParts | null {
  const flags = line.indexOf('Flags [');
  if (flags < 0) return null;
  const close = line.indexOf(']', flags);
  if (close < 0) return null;
  const head = line.slice(0, close + 1);
  const fields: string[] = [];
  let depth = 0;
  let start = close + 1;
  if (!line.startsWith(', ', start))
    return { head, fields: line.length > start ? [line.slice(start)] : [] };
  start += 2;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0 && line[i + 1] === ' ') {
      fields.push(line.slice(start, i));
      start = i + 2;
    }
  }
  fields.push(line.slice(start));
  return { head, fields };
}

function joinTcpLine(p: TcpLineParts): string {
  return p.fields.length === 0 ? p.head : `${p.head}, ${p.fields.join(', ')}`;
}

/** Head tokens: timestamp, interface, `IP`, `SRC`, `>`, `DST:`, `Flags`, `[..]`. */
function headTokens(head: string): string[] {
  return head.split(' ');
}

const FLAG_TEXTS = [
  'S',
  'S.',
  '.',
  'P.',
  'F.',
  'R',
  'R.',
  'FP.',
  'SEW',
  'none',
  '',
  'SSSS',
  'X',
  '.UEWe',
  'S.E',
  '[',
];

const FIELD_SAMPLES = [
  'seq 1:46',
  'seq 0',
  'ack 1',
  'win 65535',
  'urg 1',
  'options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]',
  'options [nop,nop,sack 1 {100:200}]',
  'options [',
  'options []',
  'length 0',
  'length 45: HTTP: GET / HTTP/1.1',
  'cksum 0x1234 (incorrect -> 0x4321)',
  '[|tcp]',
  'length',
  'seq',
  'ack',
];

function fieldDelete(line: string, rng: Rng): string {
  const p = tcpLineParts(line);
  if (!p) {
    const t = line.split(' ');
    if (t.length > 1) t.splice(rng.int(t.length), 1);
    return t.join(' ');
  }
  switch (rng.int(4)) {
    case 0:
    case 1:
      if (p.fields.length > 0)
        p.fields.splice(rng.int(p.fields.length), rng.small(p.fields.length));
      return joinTcpLine(p);
    case 2: {
      // A token of the head: timestamp, `IP`, an address, `>`, the flags…
      const t = headTokens(p.head);
      t.splice(rng.int(t.length), 1);
      return joinTcpLine({ head: t.join(' '), fields: p.fields });
    }
    default: {
      // An option inside `options [...]`.
      const i = p.fields.findIndex((f) => f.startsWith('options ['));
      if (i < 0) return joinTcpLine({ head: p.head, fields: p.fields.slice(1) });
      const inner = p.fields[i]!.slice(9, -1).split(',');
      inner.splice(rng.int(inner.length), 1);
      p.fields[i] = `options [${inner.join(',')}]`;
      return joinTcpLine(p);
    }
  }
}

function fieldDuplicate(line: string, rng: Rng): string {
  const p = tcpLineParts(line);
  if (!p) {
    const t = line.split(' ');
    const i = rng.int(t.length);
    t.splice(i, 0, ...Array<string>(rng.small(4)).fill(t[i]!));
    return t.join(' ');
  }
  switch (rng.int(4)) {
    case 0:
    case 1: {
      if (p.fields.length === 0) return `${line}, ${rng.pick(FIELD_SAMPLES)}`;
      const i = rng.int(p.fields.length);
      const copies = Array<string>(rng.small(8)).fill(p.fields[i]!);
      p.fields.splice(rng.chance(0.5) ? i : p.fields.length, 0, ...copies);
      return joinTcpLine(p);
    }
    case 2: {
      // The same field again with another value (`seq 1:46, seq 99`), or a foreign field.
      p.fields.splice(rng.int(p.fields.length + 1), 0, rng.pick(FIELD_SAMPLES));
      return joinTcpLine(p);
    }
    default: {
      // The whole `SRC > DST: Flags [..]` again (a tunnel, or a doubled header).
      const flags = p.head.lastIndexOf(' > ');
      const srcStart = p.head.lastIndexOf(' ', flags - 1) + 1;
      const pair = p.head.slice(srcStart);
      return joinTcpLine({
        head: `${p.head}${rng.chance(0.5) ? ' ' : ', '}${pair}`,
        fields: p.fields,
      });
    }
  }
}

function fieldShuffle(line: string, rng: Rng): string {
  const p = tcpLineParts(line);
  if (!p) return line.split(' ').reverse().join(' ');
  for (let i = p.fields.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p.fields[i], p.fields[j]] = [p.fields[j]!, p.fields[i]!];
  }
  if (rng.chance(0.3)) {
    const flags = /Flags \[[^\]]*\]/.exec(p.head);
    if (flags) p.head = p.head.replace(flags[0], `Flags [${rng.pick(FLAG_TEXTS)}]`);
  }
  return joinTcpLine(p);
}

// ---------------------------------------------------------------- nasty values

/** Numbers tcpdump never prints: beyond 2^32, beyond 2^53, negative, 500 digits, signs, exponents. */
export function nastyNumber(rng: Rng): string {
  switch (rng.int(14)) {
    case 0:
      return '4294967296';
    case 1:
      return String(4294967296 + rng.int(1_000_000_000));
    case 2:
      return '4294967295';
    case 3:
      return '9007199254740993';
    case 4:
      return `-${rng.range(1, 4294967296)}`;
    case 5:
      return '1' + '0'.repeat(rng.range(20, 499));
    case 6:
      return Array.from({ length: 500 }, () => rng.int(10)).join('');
    case 7:
      return '0'.repeat(rng.range(2, 600)) + String(rng.int(100));
    case 8:
      return `${rng.int(100)}e${rng.range(10, 400)}`;
    case 9:
      return rng.pick(['NaN', 'Infinity', '-0', '+1', '0x10', '1.5', '-', '']);
    case 10:
      return '9'.repeat(rng.range(16, 40));
    case 11:
      return String(2 ** 31 + rng.int(2 ** 31));
    case 12:
      return '18446744073709551616';
    default:
      return '-' + '9'.repeat(rng.range(10, 500));
  }
}

function numbersOutOfRange(line: string, rng: Rng): string {
  const runs = [...line.matchAll(/\d+/g)];
  if (runs.length === 0) return `${line} seq ${nastyNumber(rng)}`;
  const chosen = runs.filter(() => rng.chance(0.3));
  if (chosen.length === 0) chosen.push(rng.pick(runs));
  // Built from pieces: replacing one run at a time would copy a long line once per number.
  const parts: string[] = [];
  let at = 0;
  for (const m of chosen) {
    parts.push(line.slice(at, m.index), nastyNumber(rng));
    at = m.index + m[0].length;
  }
  parts.push(line.slice(at));
  return parts.join('');
}

const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800', '\ud83d', '\ude00'];
const ODD_CHARS = [
  '\u0000',
  '\ufeff',
  '\ufffd',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\t',
  '\v',
  '\f',
  '\u001b[31m',
  '\u0301',
  '\u{1f600}',
  '\uffff',
];

const DICTIONARY = [
  ' > ',
  ': ',
  'Flags [',
  'Flags [S], ',
  ']',
  '[',
  '{',
  '}',
  ', ',
  ',',
  'seq ',
  'ack ',
  'win ',
  'urg ',
  'length ',
  'options [',
  'sack 1 {',
  'TS val ',
  ' ecr ',
  'IP ',
  'IP6 ',
  'tcp ',
  '[|tcp]',
  '(tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)',
  '(tos 0x',
  'proto TCP (6)',
  '08:57:36.776467 ',
  ' 00:00:00.000001 ',
  '-00:00:00.000001 ',
  '1700000000.123456 ',
  '2024-01-01 08:57:36.776467 ',
  '[timestamp overflow] ',
  '    1  ',
  'caplen 60 len 60 ',
  'lo    In  ',
  'eth0  Out ',
  'Out 00:16:3e:27:78:a2 ethertype IPv4 (0x0800), length 74: ',
  '00:11:22:33:44:55 > 66:77:88:99:aa:bb, ethertype IPv4 (0x0800), length 74: ',
  '\t0x0000:  4500 003c ',
  'E..<..@.@.',
  'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
  'listening on lo, link-type EN10MB',
  '127.0.0.1.33156',
  '::1.80',
  'fe80::1%eth0.443',
  'host.example.http',
  ': VXLAN, ',
  ': GREv0, ',
  ' (invalid us)',
  '    ',
  '.',
  ':',
];

function dictionaryInsert(line: string, rng: Rng): string {
  let out = line;
  for (let k = rng.small(6); k > 0; k--) {
    const piece = rng.pick(DICTIONARY);
    const pos = rng.int(out.length + 1);
    out = rng.chance(0.7)
      ? insertAt(out, pos, piece)
      : out.slice(0, pos) + piece + out.slice(pos + rng.int(12));
  }
  return out;
}

// ---------------------------------------------------------------- the mutators

function bitFlipUtf8(rng: Rng, ctx: MutationContext): string {
  const bytes = Buffer.from(join(rng, baseLines(rng, ctx)), 'utf8');
  if (bytes.length === 0) return '';
  const flips = rng.small(64);
  for (let k = 0; k < flips; k++) {
    const i = rng.int(bytes.length);
    switch (rng.int(4)) {
      case 0:
        bytes[i] = bytes[i]! ^ (1 << rng.int(8));
        break;
      case 1:
        bytes[i] = rng.int(256);
        break;
      case 2:
        bytes[i] = rng.pick([
          0x00, 0x80, 0xbf, 0xc0, 0xc3, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xff, 0x0a, 0x0d,
        ]);
        break;
      default:
        bytes[i] = bytes[i]! | 0x80;
    }
  }
  // The CLI reads text as UTF-8: invalid sequences become U+FFFD.
  return bytes.toString('utf8');
}

function codeUnitFlip(rng: Rng, ctx: MutationContext): string {
  const text = join(rng, baseLines(rng, ctx));
  if (text.length === 0) return String.fromCharCode(rng.int(0x10000));
  const units = text.split('');
  for (let k = rng.small(64); k > 0; k--) {
    const i = rng.int(units.length);
    units[i] = String.fromCharCode(
      rng.chance(0.5) ? units[i]!.charCodeAt(0) ^ (1 << rng.int(16)) : rng.int(0x10000),
    );
  }
  return units.join('');
}

/** For a sample of lines, every prefix (and every suffix) of the line, each after its packet line. */
function cutEveryPosition(rng: Rng, ctx: MutationContext): string {
  // Corpus lines are at most a few hundred characters; a longer one is cut to keep cases small.
  const line = (rng.chance(0.8) ? rng.pick(ctx.corpus.tcpLines) : rng.pick(ctx.corpus.lines)).slice(
    0,
    600,
  );
  const context = rng.pick(ctx.corpus.tcpLines);
  const out: string[] = [];
  const fromEnd = rng.chance(0.3);
  const withContext = rng.chance(0.5);
  for (let i = 0; i <= line.length; i++) {
    if (withContext) out.push(context);
    out.push(fromEnd ? line.slice(i) : line.slice(0, i));
  }
  return join(rng, out);
}

/** Lines broken in two (a line end inside a token), or glued together. */
function splitAndGlue(rng: Rng, ctx: MutationContext): string {
  const lines = baseLines(rng, ctx);
  for (let k = rng.small(lines.length + 2); k > 0; k--) {
    const i = rng.int(lines.length);
    const line = lines[i]!;
    if (rng.chance(0.6)) {
      const pos = rng.int(line.length + 1);
      lines.splice(i, 1, line.slice(0, pos), line.slice(pos));
    } else if (i + 1 < lines.length) {
      lines.splice(i, 2, line + rng.pick(['', ' ', '\t']) + lines[i + 1]!);
    }
  }
  return join(rng, lines);
}

function mixedLineEnds(rng: Rng, ctx: MutationContext): string {
  const lines = baseLines(rng, ctx);
  if (rng.chance(0.1)) return rng.pick(LINE_ENDS).repeat(rng.range(1, 50));
  let out = '';
  for (const line of lines) {
    out += line;
    out += rng.chance(0.1) ? rng.pick(LINE_ENDS).repeat(rng.range(2, 4)) : rng.pick(LINE_ENDS);
  }
  if (rng.chance(0.3)) out = out.replace(/[\r\n]+$/, '');
  if (rng.chance(0.2)) out = rng.pick(LINE_ENDS) + out;
  return out;
}

function bom(rng: Rng, ctx: MutationContext): string {
  const lines = baseLines(rng, ctx);
  const where = rng.int(4);
  if (where === 0) return '\ufeff' + join(rng, lines);
  if (where === 1)
    return join(
      rng,
      lines.map((l) => (rng.chance(0.5) ? '\ufeff' + l : l)),
    );
  if (where === 2) {
    // A UTF-16 or UTF-32 file read as UTF-8.
    const enc = rng.pick(['utf16le', 'ucs2', 'latin1'] as const);
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(join(rng, lines), enc)]);
    return bytes.toString('utf8');
  }
  return mutateSomeLines(rng, ctx, (l, r) => insertAt(l, r.int(l.length + 1), '\ufeff'));
}

function nulBytes(rng: Rng, ctx: MutationContext): string {
  return mutateSomeLines(rng, ctx, (line, r) => {
    switch (r.int(4)) {
      case 0:
        return line.replace(/ /g, () => (r.chance(0.3) ? '\0' : ' '));
      case 1:
        return '\0'.repeat(r.small(64)) + line;
      case 2:
        return line + '\0'.repeat(r.small(4096));
      default:
        return insertAt(line, r.int(line.length + 1), '\0');
    }
  });
}

function surrogates(rng: Rng, ctx: MutationContext): string {
  return mutateSomeLines(rng, ctx, (line, r) => {
    let out = line;
    for (let k = r.small(8); k > 0; k--) {
      const piece = r.chance(0.7) ? r.pick(SURROGATES) : r.pick(ODD_CHARS);
      const pos = r.int(out.length + 1);
      out = r.chance(0.5)
        ? insertAt(out, pos, piece)
        : out.slice(0, pos) + piece + out.slice(pos + 1);
    }
    return out;
  });
}

function whitespace(rng: Rng, ctx: MutationContext): string {
  return mutateSomeLines(rng, ctx, (line, r) => {
    switch (r.int(5)) {
      case 0:
        return line.replace(/ /g, () => r.pick([' ', '  ', '\t', '\u00a0', ' ']));
      case 1:
        return r.pick([' ', '\t', '    ', '        ']) + line;
      case 2:
        return line + ' '.repeat(r.small(200));
      case 3:
        return line.trimStart();
      default:
        return line.replace(/ /g, '');
    }
  });
}

function binaryGarbage(rng: Rng, ctx: MutationContext): string {
  const size = rng.small(1 << 16);
  const bytes = Buffer.from(rng.bytes(size));
  if (rng.chance(0.3)) for (let i = 0; i < bytes.length; i++) if (rng.chance(0.5)) bytes[i] = 0;
  const garbage = rng.chance(0.7) ? bytes.toString('utf8') : bytes.toString('latin1');
  if (rng.chance(0.5)) return garbage;
  const lines = baseLines(rng, ctx);
  lines.splice(rng.int(lines.length + 1), 0, garbage);
  return join(rng, lines);
}

function splice(rng: Rng, ctx: MutationContext): string {
  const lines = [...baseLines(rng, ctx), ...baseLines(rng, ctx)];
  switch (rng.int(4)) {
    case 0:
      for (let i = lines.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      break;
    case 1:
      lines.reverse();
      break;
    case 2: {
      const i = rng.int(lines.length);
      lines.splice(i, 0, ...Array<string>(rng.small(200)).fill(lines[i]!));
      break;
    }
    default:
      // Indented continuation lines with no packet before them.
      lines.unshift(...lines.filter((l) => /^\s/.test(l)).slice(0, 20));
  }
  return join(rng, lines);
}

/** One very long line built from pieces of the TCP grammar (catches superlinear scanning). */
function hugeLine(rng: Rng, ctx: MutationContext): string {
  const size = rng.range(Math.floor(ctx.hugeLine / 4), ctx.hugeLine);
  const line = rng.pick(ctx.corpus.tcpLines);
  let body: string;
  switch (rng.int(8)) {
    case 0:
      body = repeatTo(rng.pick(DICTIONARY), size);
      break;
    case 1: {
      const pieces = Array.from({ length: rng.range(2, 5) }, () => rng.pick(DICTIONARY));
      body = repeatTo(pieces.join(''), size);
      break;
    }
    case 2: {
      const at = line.indexOf('options [');
      body = `${at < 0 ? `${line}, options [` : line.slice(0, at + 9)}${repeatTo('nop,', size)}]`;
      break;
    }
    case 3:
      body = `${line}: ${repeatTo('A', size)}`;
      break;
    case 4:
      body = repeatTo(rng.pick(['0', '9', ' ', '\t', 'a', '\0', '.', '\ud800']), size);
      break;
    case 5:
      body = repeatTo(`${line} `, size);
      break;
    case 6:
      body = Buffer.from(rng.bytes(size))
        .toString('latin1')
        .replace(/[\r\n]/g, ' ');
      break;
    default: {
      // A `-v` header whose parenthesis never closes, then a TCP body.
      body = repeatTo('(tos 0x0 ', size) + rng.pick(['', ')', ' proto TCP (6)', line]);
    }
  }
  // The line is read differently as a packet line (timestamp first), an indented
  // continuation, or column-0 text: the same body goes behind each of these starts.
  const prefix = rng.pick(HUGE_LINE_STARTS);
  const lines = rng.chance(0.5)
    ? [prefix + body]
    : [...baseLines(rng, ctx).slice(0, 5), prefix + body, line];
  return join(rng, lines);
}

const HUGE_LINE_STARTS = [
  '',
  '08:57:36.776467 IP ',
  '08:57:36.776467 ',
  '\t',
  '    ',
  '1700000000.123456 IP6 ',
  '    1  08:57:36.776467 IP ',
  'IP ',
];

export const textMutators: TextMutator[] = [
  { name: 'bit-flip-utf8', weight: 8, make: bitFlipUtf8 },
  { name: 'code-unit-flip', weight: 5, make: codeUnitFlip },
  { name: 'field-delete', weight: 8, make: (r, c) => mutateSomeLines(r, c, fieldDelete) },
  { name: 'field-duplicate', weight: 8, make: (r, c) => mutateSomeLines(r, c, fieldDuplicate) },
  { name: 'field-shuffle', weight: 4, make: (r, c) => mutateSomeLines(r, c, fieldShuffle) },
  { name: 'cut-every-position', weight: 6, make: cutEveryPosition },
  { name: 'split-and-glue', weight: 4, make: splitAndGlue },
  {
    name: 'numbers-out-of-range',
    weight: 8,
    make: (r, c) => mutateSomeLines(r, c, numbersOutOfRange),
  },
  { name: 'dictionary', weight: 6, make: (r, c) => mutateSomeLines(r, c, dictionaryInsert) },
  { name: 'surrogates', weight: 4, make: surrogates },
  { name: 'nul-bytes', weight: 3, make: nulBytes },
  { name: 'bom', weight: 2, make: bom },
  { name: 'line-ends', weight: 3, make: mixedLineEnds },
  { name: 'whitespace', weight: 3, make: whitespace },
  { name: 'binary-garbage', weight: 3, make: binaryGarbage },
  { name: 'splice', weight: 3, make: splice },
  { name: 'huge-line', weight: 1, make: hugeLine },
];

/** Several line-level mutations stacked on one document. */
function havoc(rng: Rng, ctx: MutationContext): string {
  const lineOps = [fieldDelete, fieldDuplicate, fieldShuffle, numbersOutOfRange, dictionaryInsert];
  let lines = baseLines(rng, ctx);
  for (let k = rng.range(2, 6); k > 0; k--) {
    const i = rng.int(lines.length);
    lines[i] = rng.pick(lineOps)(lines[i]!, rng);
  }
  let text = join(rng, lines);
  if (rng.chance(0.3)) text = text.replace(/\n/g, () => rng.pick(LINE_ENDS));
  if (rng.chance(0.2)) text = insertAt(text, rng.int(text.length + 1), rng.pick(SURROGATES));
  if (rng.chance(0.2)) {
    lines = splitLines(text);
    text = lines.map((l) => (rng.chance(0.1) ? '\ufeff' + l : l)).join('\n');
  }
  return text;
}

textMutators.push({ name: 'havoc', weight: 6, make: havoc });
