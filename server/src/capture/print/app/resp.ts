// Redis RESP (print-resp.c, port 6379): `: RESP "GET" "key"`, with tcpdump's pipelining,
// inline commands and its ` null` / ` empty` / ` length too large` / ` [|resp]` forms.

import { fnPrintChar } from '../format';
import type { Nd } from '../nd';

const INT_MAX = 2147483647;

/** RESP_PRINT_SEGMENT: ` "text"`; false when the capture ends inside the text. */
function segment(nd: Nd, p: number, len: number): boolean {
  nd.print(' "');
  let n = len;
  let s = p;
  while (n > 0 && s < nd.snapend) {
    n--;
    nd.print(fnPrintChar(nd.u8(s)));
    s++;
  }
  if (n !== 0) return false;
  nd.print('"');
  return true;
}

/** FIND_CRLF: index of the next CR LF, or -1 (truncated). Updates nothing. */
function findCrlf(nd: Nd, p: number, len: number): [number, number] | null {
  for (;;) {
    if (len < 2) return null;
    if (!nd.ttest(p, 2)) return null;
    if (nd.u8(p) === 0x0d && nd.u8(p + 1) === 0x0a) return [p, len];
    p++;
    len--;
  }
}

/** resp_get_length: [value or error code, new position]. */
function getLength(nd: Nd, p: number, len: number): [number, number] {
  if (len === 0) return [-2, p];
  let tooLarge = false;
  let neg = false;
  if (nd.u8(p) === 0x2d) {
    neg = true;
    p++;
    len--;
  }
  let result = 0;
  let sawDigit = false;
  for (;;) {
    if (len === 0) return [-2, p];
    const c = nd.u8(p);
    if (!(c >= 0x30 && c <= 0x39)) {
      if (!sawDigit) return [-5, p + 1];
      break;
    }
    const d = c - 0x30;
    if (result > Math.floor(INT_MAX / 10)) tooLarge = true;
    else {
      result *= 10;
      if (result === Math.floor(INT_MAX / 10) * 10 && d > INT_MAX % 10) tooLarge = true;
      else result += d;
    }
    p++;
    len--;
    sawDigit = true;
  }
  if (nd.u8(p) !== 0x0d) return [-5, p + 1];
  p++;
  len--;
  if (len === 0) return [-2, p];
  if (nd.u8(p) !== 0x0a) return [-5, p + 1];
  p++;
  if (neg) {
    if (tooLarge || result !== 1) return [-4, p];
    result = -1;
  }
  return [tooLarge ? -3 : result, p];
}

function stringErrorInteger(nd: Nd, bp: number, length: number): number {
  const start = bp + 1;
  const found = findCrlf(nd, start, length - 1);
  if (!found) return -1;
  const len = found[0] - start;
  if (!segment(nd, start, len)) return -1;
  return 1 + len + 2;
}

function lengthProblem(nd: Nd, code: number): boolean {
  switch (code) {
    case -1:
      nd.print(' null');
      return true;
    case -2:
      return false;
    case -3:
      nd.print(' length too large');
      return true;
    case -4:
      nd.print(' length negative and not -1');
      return true;
    default:
      nd.print(' invalid');
      return true;
  }
}

function bulkString(nd: Nd, bp: number, length: number): number {
  let cur = length - 1;
  let p = bp + 1;
  const [len, end] = getLength(nd, p, cur);
  cur -= end - p;
  p = end;
  if (len >= 0) {
    if (len === 0) nd.print(' empty');
    else {
      if (cur < len) return -1;
      if (!nd.ttest(p, len)) return -1;
      if (!segment(nd, p, len)) return -1;
      p += len;
      cur -= len;
    }
    const found = findCrlf(nd, p, cur);
    if (!found) return -1;
    p = found[0] + 2;
    cur = found[1] - 2;
  } else if (!lengthProblem(nd, len)) return -1;
  return length - cur;
}

function array(nd: Nd, bp: number, length: number): number {
  let cur = length - 1;
  let p = bp + 1;
  const [count, end] = getLength(nd, p, cur);
  cur -= end - p;
  p = end;
  if (count > 0) {
    for (let i = 0; i < count; i++) {
      const used = parse(nd, p, cur);
      if (used < 0) return -1;
      p += used;
      cur -= used;
    }
  } else if (count === 0) nd.print(' empty');
  else if (!lengthProblem(nd, count)) return -1;
  return length - cur;
}

/** CONSUME_CR_OR_LF; returns the new [position, length] or null (truncated). */
function consumeCrOrLf(nd: Nd, p: number, len: number): [number, number] | null {
  let found = false;
  for (;;) {
    if (len === 0 || !nd.ttest(p, 1)) {
      if (found) return [p, len];
      return null;
    }
    const c = nd.u8(p);
    if (c !== 0x0d && c !== 0x0a) return [p, len];
    found = true;
    p++;
    len--;
  }
}

function inline(nd: Nd, bp: number, length: number): number {
  let cur = length;
  let p = bp;
  // Skip leading CR/LF; running out of data before any other byte means truncation.
  const lead = consumeCrOrLf(nd, p, cur);
  if (!lead) return -1;
  [p, cur] = lead;
  let q = p;
  for (;;) {
    if (cur < 1) return -1;
    const c = nd.u8(q);
    if (c === 0x0d || c === 0x0a) break;
    q++;
    cur--;
  }
  if (!segment(nd, p, q - p)) return -1;
  const tail = consumeCrOrLf(nd, q, cur);
  if (!tail) return -1;
  cur = tail[1];
  return length - cur;
}

function parse(nd: Nd, bp: number, length: number): number {
  if (length < 1) return -1;
  switch (nd.u8(bp)) {
    case 0x2b:
    case 0x3a:
    case 0x2d:
      return stringErrorInteger(nd, bp, length);
    case 0x24:
      return bulkString(nd, bp, length);
    case 0x2a:
      return array(nd, bp, length);
    default:
      return inline(nd, bp, length);
  }
}

export function respPrint(nd: Nd, bp: number, length: number): void {
  nd.protocol = 'resp';
  nd.print(': RESP');
  while (length > 0) {
    const used = parse(nd, bp, length);
    if (used < 0) {
      nd.printTrunc();
      return;
    }
    bp += used;
    length -= used;
  }
}
