import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis, Connection, TcpState } from '../../server/src/analysis';
import { analyze } from '../../server/src/analysis';
import { repoRoot } from '../support/paths';
import { parseSs } from '../support/ss';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

interface ScenarioExpectation {
  description: string;
  expected: {
    connections: number;
    handshake?: string[];
    close?: string[];
    finalState?: Array<{ client: TcpState; server: TcpState }>;
  };
}

function scenarios(): string[] {
  if (!fs.existsSync(fixturesDir)) return [];
  return fs
    .readdirSync(fixturesDir)
    .filter((d) => fs.existsSync(path.join(fixturesDir, d, 'scenario.json')))
    .sort();
}

function variants(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tcpdump'))
    .sort();
}

/** What must not depend on how tcpdump printed the capture. */
function signature(a: Analysis) {
  return {
    packets: a.tcp.map((t) => [
      t.connection,
      t.direction,
      t.step,
      t.stateAfter.client,
      t.stateAfter.server,
      [...t.findings].sort().join(','),
    ]),
    // Host names differ between -n and name-resolved output; port numbers and roles do not.
    connections: a.connections.map((c) => [
      c.clientEndpoint.portNumber,
      c.serverEndpoint.portNumber,
      c.clientEvidence,
      c.handshake,
      c.close,
      c.activeCloser,
      c.finalState,
    ]),
  };
}

/** `ss` names states with dashes and abbreviations. */
const SS_STATES: Record<string, TcpState> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RCVD',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  CLOSING: 'CLOSING',
};

/** Socket state ss reported for the endpoint `local` talking to `peer`, or null if it had no socket. */
function ssState(rows: ReturnType<typeof parseSs>, local: string, peer: string): TcpState | null {
  const row = rows.find((r) => r.local === local && r.peer === peer);
  return row ? (SS_STATES[row.state] ?? null) : null;
}

/**
 * States an endpoint can be in at the last packet while ss no longer lists its socket: closed,
 * never seen, or left by a timer that puts nothing on the wire (connect() giving up in SYN_SENT,
 * TIME_WAIT expiring).
 */
const GONE_WITHOUT_A_PACKET = new Set<TcpState>(['CLOSED', 'UNKNOWN', 'SYN_SENT', 'TIME_WAIT']);

function numericEndpoint(text: string): string {
  const dot = text.lastIndexOf('.');
  const host = text.slice(0, dot);
  return `${host.includes(':') ? `[${host}]` : host}:${text.slice(dot + 1)}`;
}

suite('scenarios: real loopback captures give the right connections, steps and states', () => {
  for (const scenario of scenarios()) {
    const dir = path.join(fixturesDir, scenario);
    const spec = JSON.parse(
      fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8'),
    ) as ScenarioExpectation;
    const reference = analyze(fs.readFileSync(path.join(dir, 'n.tcpdump'), 'utf8'));

    test(`${scenario}: ${spec.description}`, () => {
      assert.equal(
        reference.connections.length,
        spec.expected.connections,
        'number of connections',
      );
      const pick = <K extends keyof Connection>(k: K) => reference.connections.map((c) => c[k]);
      if (spec.expected.handshake) assert.deepEqual(pick('handshake'), spec.expected.handshake);
      if (spec.expected.close) assert.deepEqual(pick('close'), spec.expected.close);
      if (spec.expected.finalState) assert.deepEqual(pick('finalState'), spec.expected.finalState);
      assert.equal(
        reference.lines.filter((l) => l.kind === 'unrecognised').length,
        0,
        'no unrecognised line',
      );
    });

    const ssFile = path.join(dir, 'ss.txt');
    if (fs.existsSync(ssFile)) {
      test(`${scenario}: final states agree with ss -tan at the end of the capture`, () => {
        const rows = parseSs(fs.readFileSync(ssFile, 'utf8'));
        // Only the last connection on a 4-tuple can still own a socket; earlier ones (port reuse) have ended.
        const lastOnTuple = new Map(
          reference.connections.map((c) => [`${c.client} ${c.server}`, c]),
        );
        for (const c of reference.connections) {
          if (lastOnTuple.get(`${c.client} ${c.server}`) !== c) {
            assert.ok(
              ['CLOSED', 'TIME_WAIT'].includes(c.finalState.client),
              `c${c.id} ended before its ports were reused`,
            );
            continue;
          }
          const client = numericEndpoint(c.client);
          const server = numericEndpoint(c.server);
          const seen = {
            client: ssState(rows, client, server),
            server: ssState(rows, server, client),
          };
          for (const role of ['client', 'server'] as const) {
            const ours = c.finalState[role];
            if (seen[role] === null) {
              assert.ok(
                GONE_WITHOUT_A_PACKET.has(ours),
                `${role} of c${c.id} is ${ours} but ss lists no socket`,
              );
            } else assert.equal(ours, seen[role], `${role} of c${c.id}`);
          }
        }
      });
    }

    const others = variants(dir).filter((v) => v !== 'n.tcpdump' && v !== 'q.tcpdump');
    if (others.length > 0) {
      test(`${scenario}: every rendering (${others.length} variants) gives the same analysis`, () => {
        const expected = signature(reference);
        for (const v of others) {
          const actual = signature(analyze(fs.readFileSync(path.join(dir, v), 'utf8')));
          assert.deepEqual(actual, expected, `variant ${v}`);
        }
      });
    }
  }
});
