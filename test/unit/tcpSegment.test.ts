import * as assert from 'node:assert/strict';
import type { Span, TcpField } from '../../server/src/analysis';
import {
  findTcpSegment,
  headerSpans,
  parseFlags,
  parseOptions,
} from '../../server/src/analysis/parse/tcpSegment';

const find = (line: string) => findTcpSegment(line);

suite('tcp segment: fields of a TCP line', () => {
  test('flags letters map to TCP flags in print order F S R P . U E W e', () => {
    const f = parseFlags('FSRP.UEWe')!;
    assert.deepEqual(
      [f.fin, f.syn, f.rst, f.psh, f.ack, f.urg, f.ece, f.cwr, f.ae],
      [true, true, true, true, true, true, true, true, true],
    );
    assert.equal(parseFlags('none')!.syn, false);
    assert.equal(parseFlags('T'), null, 'BGP-style flags are not TCP flags');
  });

  test('data segment: seq range, ack, win, options, length and application trailer', () => {
    const m = find(
      '08:30:30.518630 IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [P.], seq 1:85, ack 1, win 63, options [nop,nop,TS val 1801391928 ecr 4066868268], length 84: HTTP: GET /index.html HTTP/1.1',
    )!;
    assert.equal(m.src.host, '10.253.0.1');
    assert.equal(m.src.port, '37982');
    assert.equal(m.dst.portNumber, 80);
    const s = m.segment;
    assert.deepEqual(
      [s.flags.psh, s.flags.ack, s.seq, s.seqEnd, s.ack, s.win, s.length],
      [true, true, 1, 85, 1, 63, 84],
    );
    assert.equal(s.trailer, 'HTTP: GET /index.html HTTP/1.1');
    assert.deepEqual(
      s.options.map((o) => o.kind),
      ['nop', 'nop', 'timestamp'],
    );
  });

  test('SYN options: mss, sackOK, TS val/ecr, nop, wscale', () => {
    const s = find(
      '10.253.0.1.37982 > 10.253.0.2.80: Flags [S], seq 3878452649, win 64240, options [mss 1460,sackOK,TS val 1801391928 ecr 0,nop,wscale 10], length 0',
    )!.segment;
    assert.deepEqual(s.options, [
      { kind: 'mss', value: 1460, text: 'mss 1460' },
      { kind: 'sackOK', text: 'sackOK' },
      { kind: 'timestamp', val: 1801391928, ecr: 0, text: 'TS val 1801391928 ecr 0' },
      { kind: 'nop', text: 'nop' },
      { kind: 'wscale', value: 10, text: 'wscale 10' },
    ]);
    assert.equal(s.seq, 3878452649);
    assert.equal(s.seqEnd, null);
  });

  test('sack blocks, md5 text with a comma inside, unknown options', () => {
    const opts = parseOptions(
      "nop,nop,sack 2 {5282:5283}{6000:7000},md5 shared secret not supplied with -M, can't check - e751e2ba,unknown-161,eol",
    );
    assert.deepEqual(
      opts.map((o) => o.kind),
      ['nop', 'nop', 'sack', 'other', 'other', 'eol'],
    );
    assert.deepEqual((opts[2] as { blocks: unknown }).blocks, [
      [5282, 5283],
      [6000, 7000],
    ]);
    assert.equal(opts[3]!.text, "md5 shared secret not supplied with -M, can't check - e751e2ba");
  });

  test('-v checksum and the IPv6 address with port after the last dot', () => {
    const m = find(
      'fe80::a00:27ff:fe5e:d19e.34394 > fe80::ca5d:fd0d:cd8:1bb7.179: Flags [P.], cksum 0xa597 (correct), seq 2096048450:2096048529, ack 1967270673, win 506, length 79: BGP',
    )!;
    assert.equal(m.src.host, 'fe80::a00:27ff:fe5e:d19e');
    assert.equal(m.dst.port, '179');
    assert.equal(m.segment.checksum, '0xa597 (correct)');
    assert.equal(m.segment.trailer, 'BGP');
  });

  test('host names and service names', () => {
    const m = find(
      'IP6 server6.example.http-alt > client6.example.46712: Flags [.], ack 1, win 512, length 0',
    )!;
    assert.equal(m.src.host, 'server6.example');
    assert.equal(m.src.port, 'http-alt');
    assert.equal(m.src.portNumber, 8080);
  });

  test('the TCP flow of a tunnel is the inner one', () => {
    const m = find(
      'IP 20.0.0.1.22540 > 20.0.0.2.6081: Geneve, Flags [C], vni 0xa, options [8 bytes]: IP 30.0.0.1.22 > 30.0.0.2.51225: Flags [S.], seq 2910871522, ack 397610160, win 28960, length 0',
    )!;
    assert.equal(m.src.host, '30.0.0.1');
    assert.equal(m.dst.port, '51225');
  });

  test('IPv6 extension header: ports only, hosts from the address pair before it', () => {
    const m = find(
      'IP6 (flowlabel 0xa31ee, hlim 64, next-header HBH (0), payload length 0) 2604:1380:4091:ce00::d > 2604:1380:4091:ce00::b: HBH (jumbo: 80040)  41851 > 43913: Flags [P.], seq 592820498:592900498, ack 2512896041, win 2128, length 80000',
    )!;
    assert.equal(m.src.host, '2604:1380:4091:ce00::d');
    assert.equal(m.src.port, '41851');
    assert.equal(m.dst.port, '43913');
  });

  test('quiet form and truncation', () => {
    const q = find('IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0')!;
    assert.equal(q.segment.hasFlags, false);
    assert.equal(q.segment.length, 0);
    const t = find(
      'IP 199.204.31.89.80 > 172.16.133.41.52875: Flags [R.], seq 1617159969:1617160027, ack 1936660873, win 5785, length 58 [|tcp]',
    )!;
    assert.equal(t.segment.truncated, true);
    assert.equal(t.segment.length, 58);
    const cut = find('48.48.48.48.12336 > 48.48.48.48.12336:  [|tcp]')!;
    assert.equal(cut.segment.truncated, true);
  });

  test('ack sanity notes and options cut short do not break the fields', () => {
    const s = find(
      '192.168.100.2.2905 > 192.168.100.1.8080: Flags [none], cksum 0xf547 (correct), seq 760929856, [ack 2028584922 != 0 while ACK flag not set], win 512, length 0',
    )!.segment;
    assert.equal(s.ack, null);
    assert.equal(s.win, 512);
    const bad = find(
      '1.2.3.4.5 > 1.2.3.5.6: Flags [S], seq 1, win 2, options [mss 1452,nop,wscale 2,nop,nop,scps[bad opt]]',
    )!.segment;
    assert.equal(bad.truncated, true);
    assert.equal(bad.options[0]!.kind, 'mss');
  });

  test('non-TCP lines with "Flags [" are not TCP', () => {
    assert.equal(
      find('STP 802.1d, Config, Flags [none], bridge-id 8000.00:0c:29:aa:bb:cc.8001, length 35'),
      null,
    );
    assert.equal(find('IP 10.0.0.1.53 > 10.0.0.2.5353: 1234 A? www.example. (30)'), null);
  });
});

suite('tcp segment: where the fields were printed', () => {
  /** The text of each printed field, read back from the line through its span. */
  const printed = (line: string): Partial<Record<TcpField, string>> => {
    const spans = headerSpans(line, 7);
    assert.ok(spans, line);
    const out: Partial<Record<TcpField, string>> = {};
    for (const [field, span] of Object.entries(spans) as Array<[TcpField, Span | null]>) {
      if (!span) continue;
      assert.equal(span.line, 7);
      out[field] = line.slice(span.start, span.end);
    }
    return out;
  };

  test('every field of a data segment, and the pair the segment keeps', () => {
    const line =
      '08:30:30.518630 IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [P.], seq 1:85, ack 1, win 63, options [nop,nop,TS val 1801391928 ecr 4066868268], length 84: HTTP: GET /';
    assert.deepEqual(printed(line), {
      src: '10.253.0.1.37982',
      dst: '10.253.0.2.80',
      flags: 'Flags [P.]',
      seq: 'seq 1:85',
      ack: 'ack 1',
      win: 'win 63',
      options: 'options [nop,nop,TS val 1801391928 ecr 4066868268]',
      length: 'length 84',
    });
    const segment = find(line)!.segment;
    assert.equal(
      line.slice(segment.pairStart, segment.pairEnd),
      '10.253.0.1.37982 > 10.253.0.2.80',
    );
  });

  test('fields a line does not print have no span; the inner flow of a tunnel is the one', () => {
    assert.deepEqual(printed('IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0'), {
      src: '131.155.215.69.46656',
      dst: '137.116.81.94.80',
      length: 'tcp 0',
    });
    const tunnel = printed(
      'IP 20.0.0.1.22540 > 20.0.0.2.6081: Geneve, Flags [C], vni 0xa, options [8 bytes]: IP 30.0.0.1.22 > 30.0.0.2.51225: Flags [S.], seq 2910871522, ack 397610160, win 28960, length 0',
    );
    assert.equal(tunnel.src, '30.0.0.1.22');
    assert.equal(tunnel.flags, 'Flags [S.]');
  });

  test('a line without a TCP header has no spans, and asking leaves the next parse unchanged', () => {
    assert.equal(headerSpans('IP 10.0.0.1.53 > 10.0.0.2.5353: 1234 A? www.example. (30)', 0), null);
    const line = '1.2.3.4.5 > 1.2.3.5.6: Flags [S], seq 1, win 2, length 0';
    const before = find(line);
    printed(line);
    assert.deepEqual(find(line), before);
  });
});
