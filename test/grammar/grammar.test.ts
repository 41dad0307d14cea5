import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { assertBaseline } from '../support/baseline';
import { repoRoot } from '../support/paths';
import type { Token } from './tokenize';
import { loadGrammar, snapshot, tokenizeLines } from './tokenize';

/** Real captures covering every output shape the grammar handles. */
const SNAPSHOT_FIXTURES = [
  'samples/http-session.tcpdump',
  'test/baseline/fixtures/normal-3way-close/num.tcpdump',
  'test/baseline/fixtures/normal-3way-close/v.tcpdump',
  'test/baseline/fixtures/normal-3way-close/e.tcpdump',
  'test/baseline/fixtures/normal-3way-close/X.tcpdump',
  'test/baseline/fixtures/normal-3way-close/names.tcpdump',
  'test/baseline/fixtures/normal-3way-close/with-banner.tcpdump',
  'test/baseline/fixtures/normal-3way-close/q.tcpdump',
  'test/baseline/fixtures/any-interface/n.tcpdump',
  'test/baseline/fixtures/ipv6/v.tcpdump',
  'test/baseline/fixtures/dup-ack-retrans-rtt/n.tcpdump',
];

function scopesOf(tokens: Token[], text: string): string[] {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `token "${text}" in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}

suite('grammar: TextMate scopes', () => {
  let g: IGrammar;
  suiteSetup(async () => {
    g = await loadGrammar();
  });

  test('timestamp, endpoints, ports, flags, fields and options', () => {
    const line =
      '08:30:30.518184 IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [S.], seq 3878452649, ack 1, win 64240, options [mss 1460,sackOK,TS val 1801391928 ecr 0,nop,wscale 10], length 0';
    const [tokens] = tokenizeLines(g, [line]);
    assert.deepEqual(scopesOf(tokens!, '08:30:30.518184'), ['constant.numeric.timestamp.tcpdump']);
    assert.deepEqual(scopesOf(tokens!, '10.253.0.1'), ['variable.other.address.source.tcpdump']);
    assert.deepEqual(scopesOf(tokens!, '37982'), ['constant.numeric.port.source.tcpdump']);
    assert.deepEqual(scopesOf(tokens!, '10.253.0.2'), [
      'variable.other.address.destination.tcpdump',
    ]);
    assert.deepEqual(scopesOf(tokens!, 'S'), ['entity.name.function.flag.syn.tcpdump']);
    const flagDots = tokens!.filter((t) => t.text === '.' && t.scopes[0]!.includes('flag'));
    assert.deepEqual(
      flagDots.map((t) => t.scopes),
      [['support.constant.flag.ack.tcpdump']],
    );
    assert.deepEqual(scopesOf(tokens!, '3878452649'), ['constant.numeric.integer.seq.tcpdump']);
    assert.deepEqual(scopesOf(tokens!, 'win'), ['support.type.property-name.win.tcpdump']);
    assert.deepEqual(scopesOf(tokens!, 'wscale'), ['entity.other.attribute-name.option.tcpdump']);
  });

  test('each flag letter has its own scope: SYN, FIN and RST differ', () => {
    const [fin, rst] = tokenizeLines(g, [
      '10:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [FP.], seq 1:2, ack 1, win 1, length 1',
      '10:00:00.000000 IP 10.0.0.2.2 > 10.0.0.1.1: Flags [R], seq 1, win 0, length 0',
    ]);
    assert.deepEqual(scopesOf(fin!, 'F'), ['keyword.control.flag.fin.tcpdump']);
    assert.deepEqual(scopesOf(fin!, 'P'), ['storage.modifier.flag.psh.tcpdump']);
    assert.deepEqual(scopesOf(rst!, 'R'), ['invalid.illegal.flag.rst.tcpdump']);
  });

  test('-# numbers, -i any interface and direction, IPv6, names and service ports', () => {
    const [num, any, v6] = tokenizeLines(g, [
      '    1  2005-07-06 03:57:35.938066 IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [S], seq 1, win 1, length 0',
      '08:30:30.518184 tdv0  Out IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [S], seq 1, win 1, length 0',
      '08:30:30.518630 IP6 server6.example.http-alt > client6.example.46712: Flags [.], ack 1, win 512, length 0',
    ]);
    assert.deepEqual(scopesOf(num!, '    1'), ['constant.numeric.integer.packet-number.tcpdump']);
    assert.deepEqual(scopesOf(num!, '2005-07-06 03:57:35.938066'), [
      'constant.numeric.timestamp.tcpdump',
    ]);
    assert.deepEqual(scopesOf(any!, 'tdv0'), ['entity.name.tag.interface.tcpdump']);
    assert.deepEqual(scopesOf(any!, 'Out'), ['keyword.other.capture-direction.tcpdump']);
    assert.deepEqual(scopesOf(v6!, 'IP6'), ['keyword.other.protocol.tcpdump']);
    assert.deepEqual(scopesOf(v6!, 'server6.example'), ['variable.other.address.source.tcpdump']);
    assert.deepEqual(scopesOf(v6!, 'http-alt'), ['constant.numeric.port.source.tcpdump']);
  });

  test('non-TCP keywords, hex dumps, capture messages, application trailers', () => {
    const [arp, hex, banner, trailer] = tokenizeLines(g, [
      '08:30:32.152305 ARP, Request who-has 10.253.0.1 tell 10.253.0.2, length 28',
      '\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001  E..<.h@.@.!R....',
      'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
      '08:30:30.518630 IP 10.0.0.1.1 > 10.0.0.2.80: Flags [P.], seq 1:85, ack 1, win 63, length 84: HTTP: GET /index.html HTTP/1.1',
    ]);
    assert.deepEqual(scopesOf(arp!, 'ARP'), ['keyword.other.protocol.tcpdump']);
    assert.deepEqual(scopesOf(hex!, '0x0000'), ['constant.numeric.hex.offset.tcpdump']);
    assert.deepEqual(scopesOf(hex!, '  4500 003c 1b68 4000 4006 2152 7f00 0001'), [
      'constant.numeric.hex.bytes.tcpdump',
    ]);
    assert.deepEqual(scopesOf(hex!, 'E..<.h@.@.!R....'), ['string.unquoted.ascii-dump.tcpdump']);
    assert.deepEqual(banner![0]!.scopes, ['comment.line.capture-info.tcpdump']);
    assert.deepEqual(scopesOf(trailer!, 'HTTP: GET /index.html HTTP/1.1'), [
      'string.unquoted.payload.tcpdump',
    ]);
  });

  for (const relative of SNAPSHOT_FIXTURES) {
    test(`snapshot: ${relative}`, () => {
      const file = path.join(repoRoot, relative);
      const lines = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l, i, a) => i < a.length - 1 || l.length > 0);
      const name = relative.replace(/^test\/baseline\/fixtures\//, '').replace(/[/.]/g, '_');
      assertBaseline(
        path.join(repoRoot, 'test', 'grammar', 'snapshots', `${name}.snap`),
        snapshot(lines, tokenizeLines(g, lines)),
      );
    });
  }
});

suite('grammar: link-layer lengths are not payload', () => {
  test('-e: the endpoints after "length N:" keep their scopes', async () => {
    const g = await loadGrammar();
    const [line] = tokenizeLines(g, [
      '08:30:30.518185 be:fb:88:d7:b5:1b > 36:e3:01:65:d4:d9, ethertype IPv4 (0x0800), length 74: 10.253.0.1.37982 > 10.253.0.2.80: Flags [S], seq 1, win 64240, length 0',
    ]);
    assert.ok(line!.every((t) => !t.scopes.includes('string.unquoted.payload.tcpdump')));
    assert.deepEqual(line!.find((t) => t.text === '10.253.0.1')!.scopes, [
      'variable.other.address.source.tcpdump',
    ]);
  });
});
