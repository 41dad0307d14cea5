// Hand-made captures and the exact lines tcpdump 4.99.3 prints for them.
//
// Every `expected` array below was checked against the real program:
// `npx tsx scripts/capture-compare/verify-cases.ts` writes each capture to a temporary file
// and runs `tcpdump -nn [flags] -r FILE` with the case's TZ. The tests themselves never run
// tcpdump.

import type { RenderOptions } from '../../server/src/capture';
import {
  arp,
  ascii,
  concat,
  ethernet,
  icmp6Echo,
  icmpEcho,
  ip6Fragment,
  ip6Options,
  ipv4,
  ipv6,
  MAC_A,
  MAC_B,
  nullLink,
  pcapFile,
  PcapngBuilder,
  sll,
  sll2,
  tcp,
  u16,
  u32,
  udp,
  type Bytes,
  type PcapRecord,
  type TcpSpec,
} from './builders';

export interface RenderCase {
  name: string;
  file: Bytes;
  /** tcpdump flags besides `-nn -r FILE`, for verify-cases.ts. */
  flags: string[];
  /** TZ for tcpdump; the same zone is given to the renderer. */
  tz: string;
  options: RenderOptions;
  expected: string[];
}

// ------------------------------------------------------------------ a short HTTP exchange

const C = '10.0.0.1';
const S = '10.0.0.2';
const ISN_C = 1000;
const ISN_S = 4000000000;

const SYN_OPTIONS = [
  ...[2, 4, ...u16(1460)],
  ...[4, 2],
  ...[8, 10, ...u32(111), ...u32(0)],
  ...[1],
  ...[3, 3, 7],
];
const TS = (val: number, ecr: number): number[] => [1, 1, 8, 10, ...u32(val), ...u32(ecr)];
const GET = ascii('GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n');
const OK = ascii('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');

/** [from client?, TCP segment] for a complete connection on port 80. */
const HTTP_SEGMENTS: Array<[boolean, TcpSpec]> = [
  [true, { sport: 40000, dport: 80, seq: ISN_C, flags: 'S', win: 64240, options: SYN_OPTIONS }],
  [
    false,
    {
      sport: 80,
      dport: 40000,
      seq: ISN_S,
      ack: ISN_C + 1,
      flags: 'S.',
      win: 65160,
      options: SYN_OPTIONS,
    },
  ],
  [
    true,
    {
      sport: 40000,
      dport: 80,
      seq: ISN_C + 1,
      ack: ISN_S + 1,
      flags: '.',
      win: 502,
      options: TS(112, 111),
    },
  ],
  [
    true,
    {
      sport: 40000,
      dport: 80,
      seq: ISN_C + 1,
      ack: ISN_S + 1,
      flags: 'P.',
      win: 502,
      options: TS(113, 111),
      payload: GET,
    },
  ],
  [
    false,
    {
      sport: 80,
      dport: 40000,
      seq: ISN_S + 1,
      ack: ISN_C + 1 + GET.length,
      flags: 'P.',
      win: 509,
      options: TS(200, 113),
      payload: OK,
    },
  ],
  [
    true,
    {
      sport: 40000,
      dport: 80,
      seq: ISN_C + 1 + GET.length,
      ack: ISN_S + 1 + OK.length,
      flags: 'F.',
      win: 502,
      options: TS(114, 200),
    },
  ],
  [
    false,
    {
      sport: 80,
      dport: 40000,
      seq: ISN_S + 1 + OK.length,
      ack: ISN_C + 2 + GET.length,
      flags: 'F.',
      win: 509,
      options: TS(201, 114),
    },
  ],
  [
    true,
    {
      sport: 40000,
      dport: 80,
      seq: ISN_C + 2 + GET.length,
      ack: ISN_S + 2 + OK.length,
      flags: '.',
      win: 502,
      options: TS(115, 201),
    },
  ],
];

function httpPackets(): Bytes[] {
  return HTTP_SEGMENTS.map(([fromClient, seg]) =>
    ipv4({ src: fromClient ? C : S, dst: fromClient ? S : C, proto: 6, payload: tcp(seg) }),
  );
}

const T0 = 1700000000; // 2023-11-14 22:13:20 UTC

function records(frames: Bytes[], fracStep = 1500, nano = false): PcapRecord[] {
  return frames.map((data, i) => ({
    sec: T0 + i,
    frac: (i * fracStep + 7) * (nano ? 1000 : 1),
    data,
  }));
}

const HTTP_LINES = [
  'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
  'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
  'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 112 ecr 111], length 0',
  'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:38, ack 1, win 502, options [nop,nop,TS val 113 ecr 111], length 37: HTTP: GET /index.html HTTP/1.1',
  'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:39, ack 38, win 509, options [nop,nop,TS val 200 ecr 113], length 38: HTTP: HTTP/1.1 200 OK',
  'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 38, ack 39, win 502, options [nop,nop,TS val 114 ecr 200], length 0',
  'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 39, ack 39, win 509, options [nop,nop,TS val 201 ecr 114], length 0',
  'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 40, win 502, options [nop,nop,TS val 115 ecr 201], length 0',
];

const times = (stamps: string[], lines: string[]): string[] =>
  lines.map((l, i) => `${stamps[i]}${l}`);
const DEFAULT_TIMES = [0, 1, 2, 3, 4, 5, 6, 7].map(
  (i) => `22:13:${String(20 + i).padStart(2, '0')}.${String(i * 1500 + 7).padStart(6, '0')} `,
);

const ethHttp = (): Bytes[] => httpPackets().map((p) => ethernet(0x0800, p));

const rawHttp = (): Bytes[] => httpPackets();
const withTimes = (lines: string[]): string[] => times(DEFAULT_TIMES, lines);

/** A data segment from the client whose TCP options are `options` (padded by the caller). */
function clientSegment(options: number[], flags = '.', payload: number[] = []): Bytes {
  return ipv4({
    src: C,
    dst: S,
    proto: 6,
    payload: tcp({
      sport: 40000,
      dport: 5000,
      seq: 77,
      ack: 88,
      flags,
      win: 100,
      options,
      payload,
    }),
  });
}

const one = (frame: Bytes, linkType = 1, snaplen?: number, origLen?: number): Bytes =>
  pcapFile({ linkType, snaplen, records: [{ sec: T0, frac: 7, data: frame, origLen }] });

export const CASES: RenderCase[] = [
  {
    name: 'pcap little-endian µs, Ethernet, IPv4 TCP handshake, HTTP, close',
    file: pcapFile({ linkType: 1, records: records(ethHttp()) }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: withTimes(HTTP_LINES),
  },
  {
    name: 'pcap big-endian ns magic, read at µs precision',
    file: pcapFile({
      linkType: 1,
      little: false,
      nano: true,
      records: records(ethHttp(), 1500, true),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: withTimes(HTTP_LINES),
  },
  {
    name: 'pcap big-endian ns magic, --nano',
    file: pcapFile({
      linkType: 1,
      little: false,
      nano: true,
      records: records(ethHttp().slice(0, 2), 1500, true),
    }),
    flags: ['--nano'],
    tz: 'UTC',
    options: { nano: true },
    expected: [
      '22:13:20.000007000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'µs file with --nano pads with zeros',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 1)) }),
    flags: ['--nano'],
    tz: 'UTC',
    options: { nano: true },
    expected: [
      '22:13:20.000007000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: '-S absolute sequence numbers',
    file: pcapFile({ linkType: 1, records: records(ethHttp()) }),
    flags: ['-S'],
    tz: 'UTC',
    options: { absoluteSequence: true },
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:22.003007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 4000000001, win 502, options [nop,nop,TS val 112 ecr 111], length 0',
      '22:13:23.004507 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1001:1038, ack 4000000001, win 502, options [nop,nop,TS val 113 ecr 111], length 37: HTTP: GET /index.html HTTP/1.1',
      '22:13:24.006007 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 4000000001:4000000039, ack 1038, win 509, options [nop,nop,TS val 200 ecr 113], length 38: HTTP: HTTP/1.1 200 OK',
      '22:13:25.007507 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1038, ack 4000000039, win 502, options [nop,nop,TS val 114 ecr 200], length 0',
      '22:13:26.009007 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 4000000039, ack 1039, win 509, options [nop,nop,TS val 201 ecr 114], length 0',
      '22:13:27.010507 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 4000000040, win 502, options [nop,nop,TS val 115 ecr 201], length 0',
    ],
  },
  {
    name: '-tttt in a time zone east of UTC',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 2)) }),
    flags: ['-tttt'],
    tz: 'Asia/Kolkata',
    options: { timestamps: 'date-time' },
    expected: [
      '2023-11-15 03:43:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '2023-11-15 03:43:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'default timestamp in a time zone west of UTC (crosses midnight)',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 2)) }),
    flags: [],
    tz: 'America/New_York',
    options: {},
    expected: [
      '17:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '17:13:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: '-tt epoch',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 2)) }),
    flags: ['-tt'],
    tz: 'UTC',
    options: { timestamps: 'epoch' },
    expected: [
      '1700000000.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '1700000001.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: '-t',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 2)) }),
    flags: ['-t'],
    tz: 'UTC',
    options: { timestamps: 'none' },
    expected: [
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: '-ttt delta since previous',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 3)) }),
    flags: ['-ttt'],
    tz: 'UTC',
    options: { timestamps: 'delta-previous' },
    expected: [
      ' 00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      ' 00:00:01.001500 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      ' 00:00:01.001500 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 112 ecr 111], length 0',
    ],
  },
  {
    name: '-ttttt delta since first, -# packet numbers',
    file: pcapFile({ linkType: 1, records: records(ethHttp().slice(0, 3)) }),
    flags: ['-ttttt', '-#'],
    tz: 'UTC',
    options: { timestamps: 'delta-first', packetNumbers: true },
    expected: [
      '    1   00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '    2   00:00:01.001500 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '    3   00:00:02.003000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 112 ecr 111], length 0',
    ],
  },
  {
    name: '802.1Q VLAN and QinQ tags are not shown without -e',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(0x0800, rawHttp()[0]!, [100]),
        ethernet(0x0800, rawHttp()[1]!, [200, 2001]),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'Linux cooked v1 (SLL)',
    file: pcapFile({
      linkType: 113,
      records: records([sll(4, 0x0800, rawHttp()[0]!), sll(0, 0x0800, rawHttp()[1]!)]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'Linux cooked v2 (SLL2, -i any): interface name and direction',
    file: pcapFile({
      linkType: 276,
      records: records([
        sll2(1, 0, 0x0800, rawHttp()[0]!),
        sll2(1, 4, 0x0800, rawHttp()[1]!),
        sll2(99999, 3, 0x0800, rawHttp()[2]!),
        sll2(99999, 1, 0x0806, arp(1, MAC_A, C, '00:00:00:00:00:00', S)),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 lo    In  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 lo    Out IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:22.003007 ?     P   IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 112 ecr 111], length 0',
      '22:13:23.004507 ?     B   ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
    ],
  },
  {
    name: 'raw IP (LINKTYPE_RAW 101) with IPv4 and IPv6',
    file: pcapFile({
      linkType: 101,
      records: records([
        rawHttp()[0]!,
        ipv6(
          'fd00::1',
          'fd00::2',
          6,
          tcp({ sport: 1234, dport: 8080, seq: 5, flags: 'S', win: 100 }),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 IP6 fd00::1.1234 > fd00::2.8080: Flags [S], seq 5, win 100, length 0',
    ],
  },
  {
    name: 'LINKTYPE_IPV4 (228), in a pcapng file',
    file: new PcapngBuilder()
      .shb()
      .idb({ linkType: 228 })
      .epb(0, 1700000000000007n, rawHttp()[0]!)
      .bytes(),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'LINKTYPE_IPV6 (229)',
    file: one(ipv6('::1', '::1', 6, tcp({ sport: 1, dport: 2, seq: 9, flags: 'R', win: 0 })), 229),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: ['22:13:20.000007 IP6 ::1.1 > ::1.2: Flags [R], seq 9, win 0, length 0'],
  },
  {
    name: 'BSD NULL loopback: host and swapped byte order, IPv6 families 24/28/30',
    file: pcapFile({
      linkType: 0,
      records: records([
        nullLink(2, rawHttp()[0]!, true),
        nullLink(2, rawHttp()[1]!, false),
        nullLink(24, ipv6('::1', '::1', 6, tcp({ sport: 1, dport: 2, seq: 9, flags: 'S' }))),
        nullLink(28, ipv6('::1', '::1', 6, tcp({ sport: 1, dport: 3, seq: 9, flags: 'S' }))),
        nullLink(30, ipv6('::1', '::1', 6, tcp({ sport: 1, dport: 4, seq: 9, flags: 'S' }))),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:22.003007 IP6 ::1.1 > ::1.2: Flags [S], seq 9, win 65535, length 0',
      '22:13:23.004507 IP6 ::1.1 > ::1.3: Flags [S], seq 9, win 65535, length 0',
      '22:13:24.006007 IP6 ::1.1 > ::1.4: Flags [S], seq 9, win 65535, length 0',
    ],
  },
  {
    name: 'OpenBSD LOOP (108), family in network order',
    file: one(nullLink(2, rawHttp()[0]!, false), 108),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'IPv6 hop-by-hop and destination options before TCP',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x86dd,
          ipv6(
            'fd00::1',
            'fd00::2',
            0,
            concat(ip6Options(6), tcp({ sport: 33000, dport: 443, seq: 1, flags: 'S' })),
          ),
        ),
        ethernet(
          0x86dd,
          ipv6(
            'fd00::1',
            'fd00::2',
            60,
            concat(ip6Options(6), tcp({ sport: 33000, dport: 443, seq: 1, flags: 'S' })),
          ),
        ),
        ethernet(
          0x86dd,
          ipv6(
            'fd00::1',
            'fd00::2',
            0,
            concat(
              ip6Options(60),
              ip6Options(6),
              tcp({ sport: 33000, dport: 443, seq: 1, flags: 'S' }),
            ),
          ),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP6 fd00::1 > fd00::2: HBH 33000 > 443: Flags [S], seq 1, win 65535, length 0',
      '22:13:21.001507 IP6 fd00::1 > fd00::2: DSTOPT 33000 > 443: Flags [S], seq 1, win 65535, length 0',
      '22:13:22.003007 IP6 fd00::1 > fd00::2: HBH DSTOPT 33000 > 443: Flags [S], seq 1, win 65535, length 0',
    ],
  },
  {
    name: 'IPv6 fragment header: first fragment decoded, later fragment not',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x86dd,
          ipv6(
            'fd00::1',
            'fd00::2',
            44,
            concat(ip6Fragment(6, 0, true, 7), tcp({ sport: 1, dport: 2, seq: 3, flags: 'S' })),
          ),
        ),
        ethernet(
          0x86dd,
          ipv6(
            'fd00::1',
            'fd00::2',
            44,
            concat(ip6Fragment(6, 185, false, 7), [1, 2, 3, 4, 5, 6, 7, 8]),
          ),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP6 fd00::1 > fd00::2: frag (0|20) 1 > 2: Flags [S], seq 3, win 65535, length 0',
      '22:13:21.001507 IP6 fd00::1 > fd00::2: frag (1480|8)',
    ],
  },
  {
    name: 'IPv4 options and fragments',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            options: [1, 1, 1, 0],
            payload: tcp({ sport: 1, dport: 2, seq: 3, flags: 'S' }),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            frag: 0x2000,
            id: 9,
            payload: tcp({
              sport: 1,
              dport: 2,
              seq: 3,
              ack: 4,
              flags: 'P.',
              payload: [1, 2, 3, 4],
            }),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            frag: 3,
            id: 9,
            payload: Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9]),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 17,
            frag: 0x2000,
            id: 10,
            payload: udp(5000, 5001, [1, 2, 3, 4, 5, 6, 7, 8]),
          }),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 3, win 65535, length 0',
      '22:13:21.001507 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [P.], seq 3:7, ack 4, win 65535, length 4',
      '22:13:22.003007 IP 10.0.0.1 > 10.0.0.2: ip-proto-6',
      '22:13:23.004507 IP 10.0.0.1.5000 > 10.0.0.2.5001: UDP, length 8',
    ],
  },
  {
    name: 'TCP options: SACK blocks relative to the peer, unknown, md5, TFO, UTO, eol',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({
            src: S,
            dst: C,
            proto: 6,
            payload: tcp({ sport: 5000, dport: 40000, seq: 5000, ack: 77, flags: '.', win: 10 }),
          }),
        ),
        ethernet(
          0x0800,
          clientSegment([1, 1, 5, 18, ...u32(5100), ...u32(5200), ...u32(5300), ...u32(5400)]),
        ),
        ethernet(0x0800, clientSegment([99, 4, 0xab, 0xcd, 1, 1, 1, 0])),
        ethernet(0x0800, clientSegment([19, 18, ...new Array<number>(16).fill(0x11), 0, 0])),
        ethernet(0x0800, clientSegment([34, 10, 1, 2, 3, 4, 5, 6, 7, 8, 254, 4, 0xf9, 0x89, 1, 0])),
        ethernet(0x0800, clientSegment([28, 4, 0x81, 0x2c, 0, 0, 0, 0])),
        ethernet(0x0800, clientSegment([2, 4, 5, 0xb4, 0, 9, 9, 9])),
        ethernet(0x0800, clientSegment([30, 12, 0x00, 0x81, 1, 2, 3, 4, 5, 6, 7, 8], 'S')),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.2.5000 > 10.0.0.1.40000: Flags [.], ack 77, win 10, length 0',
      '22:13:21.001507 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 4294962384, win 100, options [nop,nop,sack 2 {100:200}{300:400}], length 0',
      '22:13:22.003007 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 4294962384, win 100, options [unknown-99 0xabcd,nop,nop,nop,eol], length 0',
      "22:13:23.004507 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 4294962384, win 100, options [md5 shared secret not supplied with -M, can't check - 11111111111111111111111111111111,eol], length 0",
      '22:13:24.006007 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 4294962384, win 100, options [tfo  cookie 0102030405060708,exp-tfo cookiereq,nop,eol], length 0',
      '22:13:25.007507 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 4294962384, win 100, options [uto 0x812c 16534,eol], length 0',
      '22:13:26.009007 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 4294962384, win 100, options [mss 1460,eol], length 0',
      '22:13:27.010507 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [S], seq 77, win 100, options [mptcp 12 capable v0 csum {0x102030405060708}], length 0',
    ],
  },
  {
    name: 'TCP options: bad length and wrong length',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(0x0800, clientSegment([2, 1, 0, 0])),
        ethernet(0x0800, clientSegment([1, 1, 2, 40])),
        ethernet(0x0800, clientSegment([3, 4, 7, 0])),
        ethernet(0x0800, clientSegment([4, 3, 0, 0])),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 88, win 100, options [[bad opt]',
      '22:13:21.001507 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 1, win 100, options [nop,nop,[bad opt]]',
      '22:13:22.003007 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 1, win 100, options [wscale 7[len 4],eol], length 0',
      '22:13:23.004507 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [.], ack 1, win 100, options [sackOK[len 3],eol], length 0',
    ],
  },
  {
    name: 'truncated captures: in the TCP options, before the ports, in the payload',
    file: pcapFile({
      linkType: 1,
      snaplen: 60,
      records: [
        {
          sec: T0,
          frac: 1,
          data: ethernet(0x0800, rawHttp()[0]!).slice(0, 60),
          origLen: 14 + rawHttp()[0]!.length,
        },
        {
          sec: T0,
          frac: 2,
          data: ethernet(0x0800, rawHttp()[0]!).slice(0, 36),
          origLen: 14 + rawHttp()[0]!.length,
        },
        {
          sec: T0,
          frac: 3,
          data: ethernet(0x0800, rawHttp()[3]!).slice(0, 60),
          origLen: 14 + rawHttp()[3]!.length,
        },
      ],
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK, [|tcp]',
      '22:13:20.000002 IP 10.0.0.1 > 10.0.0.2: [|tcp]',
      '22:13:20.000003 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1001:1038, ack 4000000001, win 502, options [nop,nop,TS [|tcp]>',
    ],
  },
  {
    name: 'UDP, ICMP echo, ICMPv6 echo, ARP request and reply, unknown ethertype',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({ src: C, dst: S, proto: 17, payload: udp(5353 + 1, 9999, ascii('hello')) }),
        ),
        ethernet(
          0x0800,
          ipv4({ src: C, dst: S, proto: 1, payload: icmpEcho(true, 7, 1, [1, 2, 3, 4]) }),
        ),
        ethernet(
          0x0800,
          ipv4({ src: S, dst: C, proto: 1, payload: icmpEcho(false, 7, 1, [1, 2, 3, 4]) }),
        ),
        ethernet(0x86dd, ipv6('fd00::1', 'fd00::2', 58, icmp6Echo(true, 3, 4))),
        ethernet(0x0806, arp(1, MAC_A, C, '00:00:00:00:00:00', S)),
        ethernet(0x0806, arp(2, MAC_B, S, MAC_A, C)),
        ethernet(0x88b5, Uint8Array.from([1, 2, 3, 4, 5])),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.5354 > 10.0.0.2.9999: UDP, length 5',
      '22:13:21.001507 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 12',
      '22:13:22.003007 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 12',
      '22:13:23.004507 IP6 fd00::1 > fd00::2: ICMP6, echo request, id 3, seq 4, length 8',
      '22:13:24.006007 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
      '22:13:25.007507 ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:0b, length 28',
      '22:13:26.009007 02:00:00:00:00:0a > 02:00:00:00:00:0b, ethertype Unknown (0x88b5), length 19: ',
      '\t0x0000:  0102 0304 05                             .....',
    ],
  },
  {
    name: 'SSH banner and HTTP on 8080',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({
            src: S,
            dst: C,
            proto: 6,
            payload: tcp({
              sport: 22,
              dport: 50000,
              seq: 1,
              ack: 1,
              flags: 'P.',
              payload: ascii('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'),
            }),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            payload: tcp({
              sport: 50001,
              dport: 8080,
              seq: 1,
              ack: 1,
              flags: 'P.',
              payload: ascii('POST /api HTTP/1.1\r\n'),
            }),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            payload: tcp({
              sport: 50001,
              dport: 8080,
              seq: 1,
              ack: 1,
              flags: 'P.',
              payload: ascii('{"json": true}'),
            }),
          }),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.2.22 > 10.0.0.1.50000: Flags [P.], seq 1:33, ack 1, win 65535, length 32: SSH: SSH-2.0-OpenSSH_9.2p1 Debian-2',
      '22:13:21.001507 IP 10.0.0.1.50001 > 10.0.0.2.8080: Flags [P.], seq 1:21, ack 1, win 65535, length 20: HTTP: POST /api HTTP/1.1',
      '22:13:22.003007 IP 10.0.0.1.50001 > 10.0.0.2.8080: Flags [P.], seq 0:14, ack 1, win 65535, length 14: HTTP',
    ],
  },
  {
    name: 'invalid record header: len < caplen',
    file: pcapFile({
      linkType: 1,
      records: [{ sec: T0, frac: 1, data: ethernet(0x0800, rawHttp()[0]!), origLen: 20 }],
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: ['[Invalid header: len(20) < caplen(74)]'],
  },
  {
    name: 'IPv4 length checks: missing bytes, bad length, Ethernet padding',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            totalLength: 100,
            payload: tcp({ sport: 1, dport: 2, seq: 3, flags: 'S' }),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 6,
            totalLength: 10,
            payload: tcp({ sport: 1, dport: 2, seq: 3, flags: 'S' }),
          }),
        ),
        concat(
          ethernet(
            0x0800,
            ipv4({
              src: C,
              dst: S,
              proto: 6,
              payload: tcp({ sport: 1, dport: 2, seq: 3, ack: 1, flags: 'R.' }),
            }),
          ),
          [0, 0, 0, 0, 0, 0],
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP truncated-ip - 60 bytes missing! 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 3:63, win 65535, length 60',
      '22:13:21.001507 IP bad-len 10',
      '22:13:22.003007 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [R.], seq 3, ack 1, win 65535, length 0',
    ],
  },
  {
    name: 'RST with data runs the port decoder; HTTP continuation is just "HTTP"',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({
            src: S,
            dst: C,
            proto: 6,
            payload: tcp({
              sport: 80,
              dport: 40000,
              seq: 9,
              ack: 5,
              flags: 'R.',
              payload: ascii('reset'),
            }),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: S,
            dst: C,
            proto: 6,
            payload: tcp({
              sport: 80,
              dport: 40001,
              seq: 9,
              ack: 5,
              flags: 'P.',
              payload: ascii('HTTP/1.0 404 Not Found'),
            }),
          }),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 9:14, ack 5, win 65535, length 5: HTTP',
      '22:13:21.001507 IP 10.0.0.2.80 > 10.0.0.1.40001: Flags [P.], seq 9:31, ack 5, win 65535, length 22: HTTP: HTTP/1.0 404 Not Found [|http]',
    ],
  },
  {
    name: 'DNS over UDP: query, answer with CNAME and A, NXDomain',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x0800,
          ipv4({
            src: C,
            dst: S,
            proto: 17,
            payload: udp(
              33333,
              53,
              concat(
                u16(0x1234),
                u16(0x0100),
                u16(1),
                u16(0),
                u16(0),
                u16(0),
                [3, ...ascii('www'), 7, ...ascii('example'), 3, ...ascii('com'), 0],
                u16(1),
                u16(1),
              ),
            ),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: S,
            dst: C,
            proto: 17,
            payload: udp(
              53,
              33333,
              concat(
                u16(0x1234),
                u16(0x8180),
                u16(1),
                u16(2),
                u16(0),
                u16(0),
                [3, ...ascii('www'), 7, ...ascii('example'), 3, ...ascii('com'), 0],
                u16(1),
                u16(1),
                [0xc0, 12],
                u16(5),
                u16(1),
                u32(60),
                u16(6),
                [3, ...ascii('web'), 0xc0, 16],
                [0xc0, 45],
                u16(1),
                u16(1),
                u32(60),
                u16(4),
                [93, 184, 216, 34],
              ),
            ),
          }),
        ),
        ethernet(
          0x0800,
          ipv4({
            src: S,
            dst: C,
            proto: 17,
            payload: udp(
              53,
              33333,
              concat(
                u16(0x1235),
                u16(0x8183),
                u16(1),
                u16(0),
                u16(0),
                u16(0),
                [1, ...ascii('x'), 0],
                u16(28),
                u16(1),
              ),
            ),
          }),
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP 10.0.0.1.33333 > 10.0.0.2.53: 4660+ A? www.example.com. (33)',
      '22:13:21.001507 IP 10.0.0.2.53 > 10.0.0.1.33333: 4660 2/0/0 CNAME web.example.com., A 93.184.216.34 (67)',
      '22:13:22.003007 IP 10.0.0.2.53 > 10.0.0.1.33333: 4661 NXDomain 0/0/0 (19)',
    ],
  },
  {
    name: 'cooked captures: 802.1Q inside SLL/SLL2, unknown protocol type',
    file: pcapFile({
      linkType: 276,
      records: records([
        sll2(1, 4, 0x8100, concat(u16(100), u16(0x0800), rawHttp()[0]!)),
        sll2(1, 0, 0x88b5, Uint8Array.from([1, 2, 3])),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 lo    Out ethertype IPv4, IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507 lo    In  ifindex 1 02:00:00:00:00:0a ethertype Unknown (0x88b5), length 23: ',
      '\t0x0000:  0102 03                                  ...',
    ],
  },
  {
    name: 'SLL v1: 802.1Q tag and unknown protocol type',
    file: pcapFile({
      linkType: 113,
      records: records([
        sll(4, 0x8100, concat(u16(100), u16(0x0800), rawHttp()[0]!)),
        sll(0, 0x88b5, Uint8Array.from([1, 2, 3])),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 ethertype IPv4, IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:21.001507  In 02:00:00:00:00:0a ethertype Unknown (0x88b5), length 19: ',
      '\t0x0000:  0102 03                                  ...',
    ],
  },
  {
    name: 'IPv6 routing header (type 2) before TCP; 802.3 frame with SNAP-encapsulated IPv4',
    file: pcapFile({
      linkType: 1,
      records: records([
        ethernet(
          0x86dd,
          ipv6(
            'fd00::1',
            'fd00::2',
            43,
            concat(
              [6, 2, 2, 1, 0, 0, 0, 0],
              [0xfd, 0, ...new Array<number>(13).fill(0), 9],
              tcp({ sport: 7, dport: 8, seq: 1, flags: 'S' }),
            ),
          ),
        ),
        concat(
          [0x02, 0, 0, 0, 0, 0x0b, 0x02, 0, 0, 0, 0, 0x0a],
          u16(8 + rawHttp()[0]!.length),
          [0xaa, 0xaa, 0x03, 0, 0, 0],
          u16(0x0800),
          rawHttp()[0]!,
        ),
      ]),
    }),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.000007 IP6 fd00::1 > fd00::2: RT6 (len=2, type=2, segleft=1, [0]fd00::9) 7 > 8: Flags [S], seq 1, win 65535, length 0',
      '22:13:21.001507 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
  {
    name: 'pcapng, two interfaces with different if_tsresol, if_tsoffset, SPB and an unknown block',
    file: new PcapngBuilder()
      .shb()
      .idb({ linkType: 1, name: 'eth0' })
      .idb({ linkType: 1, tsresol: 9, tsoffset: 100 })
      .raw(0x0bad, [1, 2, 3, 4])
      .epb(0, BigInt(T0) * 1000000n + 123456n, ethernet(0x0800, rawHttp()[0]!))
      .epb(1, BigInt(T0 - 100) * 1000000000n + 123456789n, ethernet(0x0800, rawHttp()[1]!))
      .spb(ethernet(0x0800, rawHttp()[2]!))
      .bytes(),
    flags: [],
    tz: 'UTC',
    options: {},
    expected: [
      '22:13:20.123456 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '22:13:20.123456 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4000000000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
      '00:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 112 ecr 111], length 0',
    ],
  },
  {
    name: 'pcapng big-endian, binary if_tsresol (2^-10), --nano',
    file: new PcapngBuilder(false)
      .shb()
      .idb({ linkType: 1, tsresol: 0x80 | 10 })
      .epb(0, BigInt(T0) * 1024n + 512n, ethernet(0x0800, rawHttp()[0]!))
      .bytes(),
    flags: ['--nano'],
    tz: 'UTC',
    options: { nano: true },
    expected: [
      '22:13:20.500000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 111 ecr 0,nop,wscale 7], length 0',
    ],
  },
];
