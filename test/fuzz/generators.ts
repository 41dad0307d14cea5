// Scale cases: inputs whose size, not their shape, is the test. They are built with plain string
// concatenation in chunks (no per-line arrays of a million strings), so generating a million
// lines takes well under a second.

export interface ScaleCase {
  name: string;
  /** What the case holds, for the log. */
  describe: string;
  /** Build the input for `n` units (connections, repetitions, lines, characters…). */
  build(n: number): string;
  /** Units in the long run and in the short (CI) run. */
  long: number;
  short: number;
  /** The long-run size is big enough that the second (determinism) run is skipped. */
  singleRunAtLong?: boolean;
}

/** Concatenates `n` generated lines, joining in blocks to keep memory and time linear. */
function lines(n: number, line: (i: number) => string): string {
  const blocks: string[] = [];
  let block: string[] = [];
  for (let i = 0; i < n; i++) {
    block.push(line(i));
    if (block.length === 10_000) {
      blocks.push(block.join('\n'));
      block = [];
    }
  }
  if (block.length > 0) blocks.push(block.join('\n'));
  return blocks.join('\n') + '\n';
}

/** `HH:MM:SS.ffffff` for microsecond `us` since 08:00:00 (wraps past midnight like tcpdump). */
function clock(us: number): string {
  const total = Math.floor(us / 1e6) + 8 * 3600;
  const h = Math.floor(total / 3600) % 24;
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const p2 = (v: number) => String(v).padStart(2, '0');
  return `${p2(h)}:${p2(m)}:${p2(s)}.${String(us % 1e6).padStart(6, '0')}`;
}

/** A distinct IPv4 client address for `i` (16 million of them). */
function host(i: number): string {
  return `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
}

const FLAG_CYCLE = ['S', 'S.', '.', 'P.', 'F.', 'R.'];

export const scaleCases: ScaleCase[] = [
  {
    name: 'scale:distinct-connections',
    describe: 'one packet on each of N distinct connections (N client hosts → one server)',
    long: 1_000_000,
    short: 10_000,
    singleRunAtLong: true,
    build: (n) =>
      lines(n, (i) => {
        const flags = FLAG_CYCLE[i % FLAG_CYCLE.length]!;
        const seq = flags === 'S' ? `seq ${(i * 2654435761) >>> 0}, ` : '';
        const ack = flags === 'S' ? '' : `ack ${(i * 40503) >>> 0}, `;
        return `${clock(i)} IP ${host(i)}.${1024 + (i % 60000)} > 192.168.0.1.80: Flags [${flags}], ${seq}${ack}win 64240, length 0`;
      }),
  },
  {
    name: 'scale:repeated-packet',
    describe: 'one data segment (seq 1:46, ack 1, length 45) repeated N times',
    long: 1_000_000,
    short: 5_000,
    singleRunAtLong: true,
    build: (n) =>
      '08:57:36.776497 IP 127.0.0.1.33156 > 127.0.0.1.48080: Flags [P.], seq 1:46, ack 1, win 512, options [nop,nop,TS val 1 ecr 2], length 45\n'.repeat(
        n,
      ),
  },
  {
    name: 'scale:repeated-syn',
    describe: 'one SYN repeated N times (SYN retransmissions)',
    long: 1_000_000,
    short: 10_000,
    singleRunAtLong: true,
    build: (n) =>
      '08:57:36.776467 IP 127.0.0.1.33156 > 127.0.0.1.48080: Flags [S], seq 2346624525, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n'.repeat(
        n,
      ),
  },
  {
    name: 'scale:repeated-ack',
    describe: 'one pure ACK repeated N times (duplicate ACKs)',
    long: 1_000_000,
    short: 10_000,
    singleRunAtLong: true,
    build: (n) =>
      '08:57:36.776497 IP 127.0.0.1.33156 > 127.0.0.1.48080: Flags [.], ack 1, win 512, length 0\n'.repeat(
        n,
      ),
  },
  {
    name: 'scale:one-host-many-ports',
    describe: 'N SYNs from one host to one server port (ports reused cyclically), no answer',
    long: 200_000,
    short: 4_000,
    build: (n) =>
      lines(
        n,
        (i) =>
          `${clock(i * 10)} IP 10.0.0.1.${1024 + (i % 64000)} > 10.0.0.2.80: Flags [S], seq ${i}, win 64240, length 0`,
      ),
  },
  {
    name: 'scale:port-sweep',
    describe: 'N SYNs from one host to N ports of one server within seconds',
    long: 60_000,
    short: 5_000,
    build: (n) =>
      lines(
        n,
        (i) =>
          `${clock(i)} IP 10.0.0.1.40000 > 10.0.0.2.${1 + (i % 65535)}: Flags [S], seq ${i}, win 1024, length 0`,
      ),
  },
  {
    name: 'scale:many-port-scans',
    describe: 'N SYNs, 20 ports per host pair: N/20 port-scan findings',
    long: 400_000,
    short: 5_000,
    build: (n) =>
      lines(n, (i) => {
        const pair = Math.floor(i / 20);
        const net = `10.${(pair >>> 16) & 255}.${(pair >>> 8) & 255}.${pair & 255}`;
        return `${clock(i)} IP ${net}.40000 > 192.${(pair >>> 8) & 255}.${pair & 255}.2.${1 + (i % 20)}: Flags [S], seq ${i}, win 1024, length 0`;
      }),
  },
  {
    name: 'scale:long-transfer',
    describe: 'one connection: handshake, then N data segments each acknowledged, then close',
    long: 500_000,
    short: 10_000,
    build: (n) => {
      const c = 'IP 10.0.0.1.40000 > 10.0.0.2.80';
      const s = 'IP 10.0.0.2.80 > 10.0.0.1.40000';
      const head = [
        `${clock(0)} ${c}: Flags [S], seq 1000, win 64240, options [mss 1460,wscale 7], length 0`,
        `${clock(1)} ${s}: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,wscale 7], length 0`,
        `${clock(2)} ${c}: Flags [.], ack 1, win 502, length 0`,
      ].join('\n');
      const body = lines(n, (i) => {
        const t = clock(10 + i * 2);
        const from = 1 + (i >>> 1) * 1000;
        return i % 2 === 0
          ? `${t} ${c}: Flags [P.], seq ${from}:${from + 1000}, ack 1, win 502, length 1000`
          : `${t} ${s}: Flags [.], ack ${from + 1000}, win 509, length 0`;
      });
      const end = 1 + Math.ceil(n / 2) * 1000;
      const tail = [
        `${clock(10 + n * 2)} ${c}: Flags [F.], seq ${end}, ack 1, win 502, length 0`,
        `${clock(11 + n * 2)} ${s}: Flags [F.], seq 1, ack ${end + 1}, win 509, length 0`,
        `${clock(12 + n * 2)} ${c}: Flags [.], ack 2, win 502, length 0`,
      ].join('\n');
      return `${head}\n${body}${tail}\n`;
    },
  },
  {
    name: 'scale:hex-dump-continuations',
    describe: 'one packet followed by N indented hex-dump lines',
    long: 1_000_000,
    short: 20_000,
    build: (n) =>
      '08:57:36.776497 IP 127.0.0.1.33156 > 127.0.0.1.48080: Flags [P.], seq 1:46, ack 1, win 512, length 45\n' +
      '\t0x0000:  4500 0061 d3c2 4000 4006 68d2 7f00 0001  E..a..@.@.h.....\n'.repeat(n),
  },
  {
    name: 'scale:empty-lines',
    describe: 'N line ends of mixed styles and nothing else',
    long: 5_000_000,
    short: 100_000,
    build: (n) => '\n\r\n\r'.repeat(Math.ceil(n / 3)),
  },
  {
    name: 'scale:huge-tcp-line',
    describe: 'one TCP line whose options list is N characters long',
    long: 10_000_000,
    short: 1_000_000,
    build: (n) =>
      `08:57:36.776467 IP 127.0.0.1.33156 > 127.0.0.1.48080: Flags [S], seq 1, win 65495, options [${'nop,'.repeat(Math.ceil(n / 4))}mss 1460], length 0\n`,
  },
  {
    name: 'scale:huge-arrow-line',
    describe: 'one line of N characters made of `a > b: Flags [` with no closing bracket',
    long: 10_000_000,
    short: 1_000_000,
    build: (n) => 'a.1 > b.2: Flags ['.repeat(Math.ceil(n / 18)),
  },
];
