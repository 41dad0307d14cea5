import type {
  CaptureDirection,
  Endpoint,
  PacketRecord,
  Protocol,
  TcpSegment,
  Timestamp,
} from '../types';
import { parseEndpoint } from './endpoint';
import type { TcpMatch } from './tcpSegment';
import { findTcpSegment } from './tcpSegment';
import { isDigit, isTrimmedSpace } from './text';
import { readTimestamp } from './timestamp';

/** The first line of a packet, as far as one line tells. */
export interface PacketHead {
  /** The packet's record, numbered by the document (`packet` is 0 until then). */
  record: PacketRecord;
  /** An IPv4 `-v` header announcing TCP: the segment follows on the next line. */
  tcpOnNextLine: boolean;
}

export type LineParse =
  | { type: 'blank' }
  | { type: 'capture-info' }
  | ({ type: 'packet' } & PacketHead)
  /** Indented (space or tab) line: belongs to the packet above. */
  | {
      type: 'indented';
      kind: 'hex-dump' | 'decode';
      tcp: TcpMatch | null;
      tcpOnNextLine: boolean;
    }
  /** Column-0 line that starts no packet: payload or decoder output if a packet precedes it. */
  | { type: 'column0'; tcp: TcpMatch | null; reason: string };

const CAPTURE_INFO =
  /^(?:listening on |reading from file |tcpdump: |dropped privs to |Warning: |(?:\^C)?\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface)))/;

/** Words that can start a packet line when timestamps are off (`-t`). */
const PACKET_START_WORD =
  /^(?:IP6?|ARP|RARP|STP|LLDP|CDP|MPLS|IPOIB|PPPoE(?:-D)?|IPX|EAPOL|LLC|llc|vlan|ethertype|NULL|loopback|unknown|AppleTalk|DECnet|CFM|LACP|PPP|GRE|CHDLC)[ ,(:]/;
const MAC_ADDRESS = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}[ ,]/;
/** `-i any`: `%-5s %-3s ` interface name and direction (LINUX_SLL2). */
const ANY_INTERFACE = /^(\S+) +(In|Out|B|M|P) +(?=\S)/;
/** Linux cooked v1 with -e: `Out 00:16:3e:27:78:a2 ethertype …`. */
const SLL1_DIRECTION = /^(In|Out|B|M|P) (?=[0-9a-f]{2}(?::[0-9a-f]{2})+ )/;
const CAPTURE_LENGTHS = /^caplen \d+ len \d+ /;
const HEX_DUMP = /^\s+0x[0-9a-f]+:\s/;

/**
 * An IPv4 `-v` header announcing TCP: `(tos 0x<hex>`, then `proto TCP (6)` before the first `)`
 * (what /\(tos 0x[0-9a-f]+[^)]*proto TCP \(6\)/ matches). Scanned by hand: that regex runs from
 * every `(tos 0x` to the next `)`, quadratic on a long line of unclosed headers (a 250 kB line
 * took 2 s, 1 MB 40 s; found by the fuzzer).
 */
function announcesTcp(text: string): boolean {
  let close = -1;
  for (let from = 0; ;) {
    const start = text.indexOf('(tos 0x', from);
    if (start < 0) return false;
    from = start + 1;
    let end = start + 7;
    while (end < text.length && isLowerHex(text.charCodeAt(end))) end++;
    if (end === start + 7) continue;
    // Candidates only move forward: the first `)` after the previous one is reused while ahead.
    if (close < end) close = text.indexOf(')', end);
    if (close < 0) return false;
    if (close - 12 >= end && text.startsWith('proto TCP (6)', close - 12)) return true;
  }
}

function isLowerHex(code: number): boolean {
  return isDigit(code) || (code >= 97 && code <= 102);
}
const TUNNEL_WORDS = /: (?:Geneve|VXLAN|GREv\d|gre|WCCP|IP-in-IP|GTP|IPIP)\b/;

/**
 * The tunnel word of the first `: <word>` from `from` on, when it comes before the TCP flow's
 * source at `srcStart` (the flow is then the inner one). Lines with no `: ` before the flow, most
 * of them, are not searched further.
 */
function tunnelBefore(text: string, from: number, srcStart: number): string | null {
  const colon = text.indexOf(': ', from);
  if (colon < 0 || colon >= srcStart) return null;
  const match = TUNNEL_WORDS.exec(from === 0 ? text : text.slice(from));
  return match && match.index + from < srcStart ? match[0].slice(2) : null;
}

/** Reads the `-#` prefix: `%5u` then two spaces. */
function readFrameNumber(text: string): { value: number; end: number } | null {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  const digitsStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === digitsStart || !text.startsWith('  ', i)) return null;
  // `%5u` right-aligns: a short number is padded to width 5.
  if (digitsStart > 0 && i !== 5) return null;
  // tcpdump counts packets in 32 bits; hundreds of digits (Infinity) are not a packet number.
  const value = Number(text.slice(digitsStart, i));
  if (!Number.isSafeInteger(value)) return null;
  return { value, end: i + 2 };
}

function protocolOf(rest: string): Protocol {
  if (/^(?:ARP|RARP)\b|ethertype (?:ARP|Reverse ARP)/.test(rest)) return 'arp';
  if (/ICMP6|proto ICMPv6|next-header ICMPv6/.test(rest)) return 'icmp6';
  if (/: ICMP\b|proto ICMP \(1\)/.test(rest)) return 'icmp';
  if (/: UDP\b|proto UDP \(17\)|next-header UDP/.test(rest)) return 'udp';
  if (/^IP6\b|ethertype IPv6/.test(rest)) return 'ip6';
  if (/^IP\b|ethertype IPv4/.test(rest)) return 'ip';
  return 'other';
}

function isWordChar(code: number): boolean {
  return (
    isDigit(code) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 /* _ */
  );
}

function wordCharAt(text: string, i: number, before: number): boolean {
  return i < before && isWordChar(text.charCodeAt(i));
}

/**
 * The IP version the text before `before` names: `IP6` (a whole word) or `IPv6` anywhere says 6,
 * else `IP` (a whole word) or `IPv4` says 4 (what /\bIP6\b|IPv6/, then /\bIP\b|IPv4/ find in
 * that prefix), -1 when none. Scanned in place: the prefix is not copied.
 */
function namedIpVersion(text: string, before: number): 4 | 6 | -1 {
  let four = false;
  for (let i = text.indexOf('IP'); i >= 0 && i + 2 <= before; i = text.indexOf('IP', i + 1)) {
    const wordStart = i === 0 || !isWordChar(text.charCodeAt(i - 1));
    const next = i + 2 < before ? text.charCodeAt(i + 2) : -1;
    if (next === 54 /* 6 */ && wordStart && !wordCharAt(text, i + 3, before)) return 6;
    if (next === 118 /* v */ && i + 4 <= before) {
      const version = text.charCodeAt(i + 3);
      if (version === 54) return 6;
      if (version === 52 /* 4 */) four = true;
    }
    if (wordStart && !wordCharAt(text, i + 2, before)) four = true;
  }
  return four ? 4 : -1;
}

function ipVersionOf(text: string, before: number, host: string | null): 4 | 6 | null {
  const named = namedIpVersion(text, before);
  if (named !== -1) return named;
  if (host === null || host === '') return null;
  return host.includes(':') ? 6 : /^\d+\.\d+\.\d+\.\d+$/.test(host) ? 4 : null;
}

/** First `A > B:` on a non-TCP line, for context (UDP, ICMP…). */
function firstEndpoints(rest: string): { src: Endpoint; dst: Endpoint } | null {
  const m = /(?:^|\s)(\S+) > (\S+?):(?:\s|$)/.exec(rest);
  if (!m) return null;
  return { src: parseEndpoint(m[1]!), dst: parseEndpoint(m[2]!) };
}

/** A packet's record, its fields always created in this order (one shape for all). */
function packetRecord(
  line: number,
  protocol: Protocol,
  frameNumber: number | null,
  timestamp: Timestamp | null,
  interfaceName: string | null,
  captureDirection: CaptureDirection | null,
  ipVersion: 4 | 6 | null,
  src: Endpoint | null,
  dst: Endpoint | null,
  tunnel: string | null,
  tcp: TcpSegment | null,
  summary: string,
): PacketRecord {
  return {
    packet: 0,
    line,
    endLine: line,
    headerLine: line,
    protocol,
    frameNumber,
    timestamp,
    interfaceName,
    captureDirection,
    ipVersion,
    src,
    dst,
    tunnel,
    tcp,
    summary,
  };
}

function parseHead(
  text: string,
  line: number,
  pos: number,
  frame: number | null,
  ts: Timestamp | null,
): LineParse {
  let rest = text.slice(pos);
  let interfaceName: string | null = null;
  let captureDirection: CaptureDirection | null = null;
  // Most lines start with `IP`: neither an `-i any` interface nor an SLL direction.
  const any = rest.startsWith('IP') ? null : ANY_INTERFACE.exec(rest);
  if (any && !MAC_ADDRESS.test(rest)) {
    interfaceName = any[1]!;
    captureDirection = any[2] as CaptureDirection;
    rest = rest.slice(any[0].length);
  } else if (!rest.startsWith('IP')) {
    const sll1 = SLL1_DIRECTION.exec(rest);
    if (sll1) {
      captureDirection = sll1[1] as CaptureDirection;
      rest = rest.slice(sll1[0].length);
    }
  }
  const tcp = findTcpSegment(text);
  if (tcp) {
    const srcStart = tcp.segment.pairStart;
    const record = packetRecord(
      line,
      'tcp',
      frame,
      ts,
      interfaceName,
      captureDirection,
      ipVersionOf(text, srcStart, tcp.src.host),
      tcp.src,
      tcp.dst,
      tunnelBefore(text, text.length - rest.length, srcStart),
      tcp.segment,
      '',
    );
    return { type: 'packet', record, tcpOnNextLine: false };
  }
  const v4Tcp = announcesTcp(rest);
  const ends = v4Tcp ? null : firstEndpoints(rest);
  const protocol = v4Tcp ? 'tcp' : protocolOf(rest);
  const record = packetRecord(
    line,
    protocol,
    frame,
    ts,
    interfaceName,
    captureDirection,
    v4Tcp
      ? 4
      : protocol === 'ip6' || protocol === 'icmp6'
        ? 6
        : protocol === 'arp'
          ? null
          : ipVersionOf(text, text.length, ends?.src.host ?? null),
    ends?.src ?? null,
    ends?.dst ?? null,
    null,
    null,
    // A TCP packet's line is its summary: a slice kept per packet would only repeat it.
    v4Tcp ? '' : rest,
  );
  return { type: 'packet', record, tcpOnNextLine: v4Tcp };
}

export interface LineContext {
  /** The document's packets carry timestamps (true), do not (false), or no packet was seen yet. */
  timestamps: boolean | null;
  /** The document's packets carry `-#` numbers. */
  frameNumbers: boolean | null;
}

const BLANK: LineParse = { type: 'blank' };

/** The line is empty or all white space (`text.trim() === ''`, without the copy). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isTrimmedSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Classifies one line. Never throws; anything unexpected becomes `column0` with a reason. */
export function parseLine(text: string, line: number, ctx: LineContext): LineParse {
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  if (isBlank(text)) return BLANK;

  const frame =
    ctx.frameNumbers === false ? null : readFrameNumber(start ? text.slice(start) : text);
  let pos = frame ? frame.end + start : start;
  // `--lengths` (tcpdump 4.99.5+) prints the captured and wire lengths before the timestamp.
  const lengths = text.startsWith('caplen ', pos)
    ? CAPTURE_LENGTHS.exec(text.slice(pos, pos + 40))
    : null;
  if (lengths) pos += lengths[0].length;
  const first = text.charCodeAt(pos);

  if (!frame && (first === 9 /* tab */ || (first === 32 && !readTimestamp(text, pos)))) {
    const tcp = findTcpSegment(text);
    return {
      type: 'indented',
      kind: HEX_DUMP.test(text) ? 'hex-dump' : 'decode',
      tcp,
      tcpOnNextLine: !tcp && announcesTcp(text),
    };
  }

  const ts = readTimestamp(text, pos);
  if (ts) {
    pos = ts.end;
    if (text.charCodeAt(pos) === 32) pos++;
    return parseHead(text, line, pos, frame?.value ?? null, ts);
  }
  const rest = text.slice(pos);
  if (!frame && CAPTURE_INFO.test(rest)) return { type: 'capture-info' };
  const timestampsExpected = ctx.timestamps === true;
  if (
    !timestampsExpected &&
    (PACKET_START_WORD.test(rest) || MAC_ADDRESS.test(rest) || ANY_INTERFACE.test(rest))
  ) {
    // With -t there is no timestamp: a known link or network word starts the packet.
    if (frame || ctx.frameNumbers !== true) {
      return parseHead(text, line, pos, frame?.value ?? null, null);
    }
  }
  const tcp = findTcpSegment(text);
  return {
    type: 'column0',
    tcp,
    reason: timestampsExpected
      ? 'no timestamp at the start of the line, and it does not continue a packet'
      : 'does not start with a timestamp or a link/network protocol name tcpdump prints',
  };
}
