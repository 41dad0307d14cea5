// Text protocols (util-print.c `txtproto_print`, no -v): `PROTO: first line` for HTTP, RTSP,
// FTP, SMTP and WHOIS. HTTP and RTSP only print lines that start with a known method or whose
// second token is a 3-digit status code.

import type { Nd } from '../nd';

const MAX_TOKEN = 128;

const HTTP_METHODS = [
  'GET',
  'PUT',
  'COPY',
  'HEAD',
  'LOCK',
  'MOVE',
  'POLL',
  'POST',
  'BCOPY',
  'BMOVE',
  'MKCOL',
  'TRACE',
  'LABEL',
  'MERGE',
  'DELETE',
  'SEARCH',
  'UNLOCK',
  'REPORT',
  'UPDATE',
  'NOTIFY',
  'BDELETE',
  'CONNECT',
  'OPTIONS',
  'CHECKIN',
  'PROPFIND',
  'CHECKOUT',
  'CCM_POST',
  'SUBSCRIBE',
  'PROPPATCH',
  'BPROPFIND',
  'BPROPPATCH',
  'UNCHECKOUT',
  'MKACTIVITY',
  'MKWORKSPACE',
  'UNSUBSCRIBE',
  'RPC_CONNECT',
  'VERSION-CONTROL',
  'BASELINE-CONTROL',
];

const RTSP_METHODS = [
  'DESCRIBE',
  'ANNOUNCE',
  'GET_PARAMETER',
  'OPTIONS',
  'PAUSE',
  'PLAY',
  'RECORD',
  'REDIRECT',
  'SETUP',
  'SET_PARAMETER',
  'TEARDOWN',
];

const isPrint = (c: number): boolean => c >= 0x20 && c <= 0x7e;

/** fetch_token: [index after the token and its trailing blanks, token] or null. */
function fetchToken(nd: Nd, p: number, idx: number, len: number): [number, string] | null {
  let token = '';
  for (; idx < len; idx++) {
    if (!nd.ttest(p + idx, 1)) return null;
    const c = nd.u8(p + idx);
    if (c & 0x80) return null;
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!isPrint(c)) return null;
    if (token.length + 2 > MAX_TOKEN + 1) return null;
    token += String.fromCharCode(c);
  }
  if (token.length === 0) return null;
  for (; idx < len; idx++) {
    if (!nd.ttest(p + idx, 1)) break;
    const c = nd.u8(p + idx);
    if (c === 0x0d || c === 0x0a) break;
    if (!isPrint(c)) break;
    if (c !== 0x20 && c !== 0x09) break;
  }
  return [idx, token];
}

/** print_txt_line for the first line (non-verbose form). */
function printFirstLine(nd: Nd, prefix: string, p: number, len: number): void {
  let idx = 0;
  while (idx < len) {
    const c = nd.u8(p + idx);
    if (c === 0x0a) break;
    if (c === 0x0d) {
      if (idx + 1 >= len) return;
      if (nd.u8(p + idx + 1) === 0x0a) break;
      return;
    }
    if (!isPrint(c) && c !== 0x09) return;
    idx++;
  }
  let text = '';
  for (let i = 0; i < idx; i++) text += String.fromCharCode(nd.data[p + i]!);
  nd.print(prefix + text);
  if (idx >= len) nd.printTrunc();
}

function txtproto(nd: Nd, p: number, len: number, methods: string[] | null): void {
  let printThis = methods === null;
  if (methods) {
    let t = fetchToken(nd, p, 0, len);
    if (t) {
      const upper = t[1].toUpperCase();
      if (methods.includes(upper)) printThis = true;
      t = fetchToken(nd, p, t[0], len);
      if (t && /^[0-9]{3}$/.test(t[1])) printThis = true;
    }
  }
  nd.print(nd.protocol.toUpperCase());
  if (printThis) printFirstLine(nd, ': ', p, len);
}

export function textProtocolPrint(
  nd: Nd,
  protocol: 'http' | 'rtsp' | 'ftp' | 'smtp' | 'whois',
  p: number,
  len: number,
): void {
  nd.protocol = protocol;
  nd.print(': ');
  const methods = protocol === 'http' ? HTTP_METHODS : protocol === 'rtsp' ? RTSP_METHODS : null;
  txtproto(nd, p, len, methods);
}
