// A large tcpdump text for the benchmark, built from real captures: the packets of some baseline
// fixtures (normal close, RST abort, duplicate ACK with retransmission, zero window), replayed as
// many connections with their own client ports, interleaved in time, with an idle pause now and
// then. Deterministic: the same size always gives the same text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../test/support/paths';

const TEMPLATES = [
  'normal-3way-close',
  'normal-4way-close',
  'rst-abort',
  'dup-ack-retrans',
  'zero-window',
];
const LINE = /^(\d{2}):(\d{2}):(\d{2}\.\d{6}) IP (\S+)\.(\d+) > (\S+)\.(\d+): (.*)$/;

interface TemplatePacket {
  /** Seconds since the template's first packet. */
  t: number;
  fromClient: boolean;
  rest: string;
}

interface Template {
  clientHost: string;
  serverHost: string;
  serverPort: string;
  packets: TemplatePacket[];
}

function readTemplate(name: string): Template {
  const text = fs.readFileSync(
    path.join(repoRoot, 'test', 'baseline', 'fixtures', name, 'n.tcpdump'),
    'utf8',
  );
  const packets: TemplatePacket[] = [];
  let t0: number | null = null;
  let client: string | null = null;
  let clientHost = '';
  let serverHost = '';
  let serverPort = '';
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const t = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    t0 ??= t;
    const src = `${m[4]}.${m[5]}`;
    if (client === null) {
      client = src;
      clientHost = m[4]!;
      serverHost = m[6]!;
      serverPort = m[7]!;
    }
    packets.push({ t: t - t0, fromClient: src === client, rest: m[8]! });
  }
  return { clientHost, serverHost, serverPort, packets };
}

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600) % 24;
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds - Math.floor(seconds / 60) * 60;
  const micro = Math.round(s * 1e6);
  const whole = Math.floor(micro / 1e6);
  const frac = micro - whole * 1e6;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(whole).padStart(2, '0')}.${String(frac).padStart(6, '0')}`;
}

/** At least `packets` TCP packet lines (whole connections), sorted by time. */
export function makeCapture(packets: number): string {
  const templates = TEMPLATES.map(readTemplate);
  const lines: Array<{ t: number; seq: number; text: string }> = [];
  let start = 9 * 3600;
  let n = 0;
  for (let conn = 0; n < packets; conn++) {
    const tpl =
      templates[conn % 7 === 3 ? 2 : conn % 11 === 5 ? 3 : conn % 13 === 7 ? 4 : conn % 2]!;
    const port = String(20000 + (conn % 40000));
    const client = `${tpl.clientHost}.${port}`;
    const server = `${tpl.serverHost}.${tpl.serverPort}`;
    for (const p of tpl.packets) {
      const t = start + p.t;
      const [a, b] = p.fromClient ? [client, server] : [server, client];
      lines.push({ t, seq: lines.length, text: `${clock(t)} IP ${a} > ${b}: ${p.rest}` });
      n++;
    }
    // Connections overlap: a new one starts every 3 ms; every 700th is followed by a pause.
    start += conn % 700 === 699 ? 12.4 : 0.003;
  }
  lines.sort((x, y) => x.t - y.t || x.seq - y.seq);
  return `${lines.map((l) => l.text).join('\n')}\n`;
}
