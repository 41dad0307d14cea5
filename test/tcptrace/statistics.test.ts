import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirectionStats } from '../../server/src/analysis';
import { analyze } from '../../server/src/analysis';
import { repoRoot } from '../support/paths';

/** tcptrace -l per-direction fields, as recorded by scripts/compare-tcptrace/generate-expected.sh. */
interface TcptraceConnection {
  a: string;
  b: string;
  a2b: Record<string, string>;
  b2a: Record<string, string>;
}

const expectedDir = path.join(repoRoot, 'test', 'tcptrace', 'expected');

/**
 * Known, explained differences. In both captures a forged segment (a FIN 1000 bytes ahead, a SYN
 * with a new ISN) sits in the client's stream; tcptrace counts one sequence number of it as a
 * unique byte, tcpdump-lens does not count a segment the receiver never accepts.
 */
const KNOWN: Record<string, string[]> = {
  'fin-unexpected-seq': ['a2b unique bytes sent'],
  'syn-in-established': ['a2b unique bytes sent'],
};

/** `10.0.0.1:80` or `::1:80` → port. */
const portOf = (endpoint: string) => endpoint.slice(endpoint.lastIndexOf(':') + 1);

/** Our statistics in tcptrace's words. Times in ms with tcptrace's one decimal. */
function asTcptrace(d: DirectionStats): Record<string, string> {
  const ms = (s: number | null) => (s === null ? '0.0' : (s * 1000).toFixed(1));
  return {
    'total packets': String(d.packets),
    'ack pkts sent': String(d.ackPackets),
    'pure acks sent': String(d.pureAcks),
    'unique bytes sent': String(d.uniqueBytes),
    'actual data pkts': String(d.dataPackets),
    'actual data bytes': String(d.dataBytes),
    'rexmt data pkts': String(d.retransmittedPackets),
    'rexmt data bytes': String(d.retransmittedBytes),
    'SYN/FIN pkts sent': `${d.syns}/${d.fins}`,
    'zero win adv': String(d.zeroWindowAdvertisements),
    'max segm size': String(d.maxSegment ?? 0),
    'min segm size': String(d.minSegment ?? 0),
    'RTT min': ms(d.rtt.min),
    'RTT max': ms(d.rtt.max),
    throughput: String(Math.round(d.throughput ?? 0)),
  };
}

const FIELDS = [
  'total packets',
  'ack pkts sent',
  'pure acks sent',
  'unique bytes sent',
  'actual data pkts',
  'actual data bytes',
  'rexmt data pkts',
  'rexmt data bytes',
  'SYN/FIN pkts sent',
  'zero win adv',
  'max segm size',
  'min segm size',
  'RTT min',
  'RTT max',
  'throughput',
];

suite('statistics agree with tcptrace -l on the same captures', () => {
  for (const file of fs.readdirSync(expectedDir).sort()) {
    const scenario = file.replace(/\.json$/, '');
    test(scenario, function () {
      const expected = JSON.parse(
        fs.readFileSync(path.join(expectedDir, file), 'utf8'),
      ) as TcptraceConnection[];
      const text = fs.readFileSync(
        path.join(repoRoot, 'test', 'baseline', 'fixtures', scenario, 'n.tcpdump'),
        'utf8',
      );
      const connections = analyze(text).connections;
      if (expected.length === 0) {
        // tcptrace 6.6.7 cannot read Linux cooked v2 (-i any) captures.
        this.skip();
      }
      const seen = new Map<string, number>();
      for (const t of expected) {
        // The n-th connection tcptrace reports on a 4-tuple is our n-th connection on it.
        const ports = [portOf(t.a), portOf(t.b)].sort().join(' ');
        const nth = seen.get(ports) ?? 0;
        seen.set(ports, nth + 1);
        const c = connections.filter(
          (x) =>
            [String(x.clientEndpoint.portNumber), String(x.serverEndpoint.portNumber)]
              .sort()
              .join(' ') === ports,
        )[nth];

        assert.ok(c, `connection ${t.a} ${t.b}`);
        const aIsClient = portOf(t.a) === String(c.clientEndpoint.portNumber);
        const ours = {
          a2b: asTcptrace(aIsClient ? c.verdict.stats.client : c.verdict.stats.server),
          b2a: asTcptrace(aIsClient ? c.verdict.stats.server : c.verdict.stats.client),
        };
        for (const dir of ['a2b', 'b2a'] as const) {
          for (const field of FIELDS) {
            const theirs = t[dir][field];
            if (theirs === undefined || KNOWN[scenario]?.includes(`${dir} ${field}`)) continue;
            if (field === 'throughput') {
              // tcptrace rounds the duration it divides by; allow 1 %.
              const a = Number(ours[dir][field]);
              const b = Number(theirs);
              assert.ok(
                Math.abs(a - b) <= Math.max(1, b * 0.01),
                `${dir} ${field}: ours ${a}, tcptrace ${b}`,
              );
            } else {
              assert.equal(ours[dir][field], theirs, `c${c.id} ${dir} ${field}`);
            }
          }
        }
      }
    });
  }
});
