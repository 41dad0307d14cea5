import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/analysis/parse/document';

const kinds = (text: string) => parseDocument(text).lines.map((l) => l.kind);

suite('document: every line is kept and classified', () => {
  test('capture banner, packets, non-TCP packets, footer, blank lines', () => {
    const doc = parseDocument(
      [
        'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
        '08:30:30.518184 IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [S], seq 1, win 64240, length 0',
        '08:30:32.152305 ARP, Request who-has 10.253.0.1 tell 10.253.0.2, length 28',
        '08:30:32.162000 IP 10.253.0.2.43966 > 10.253.0.1.53: UDP, length 56',
        '08:30:32.162883 IP6 fd99::2 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fd99::1, length 32',
        '',
        '4 packets captured',
        '4 packets received by filter',
        '0 packets dropped by kernel',
      ].join('\n'),
    );
    assert.deepEqual(
      doc.lines.map((l) => l.kind),
      [
        'capture-info',
        'packet',
        'packet',
        'packet',
        'packet',
        'blank',
        'capture-info',
        'capture-info',
        'capture-info',
      ],
    );
    assert.deepEqual(
      doc.packets.map((p) => p.protocol),
      ['tcp', 'arp', 'udp', 'icmp6'],
    );
  });

  test('-v IPv4: the TCP header is on the indented second line', () => {
    const doc = parseDocument(
      [
        '    1  2020-06-10 09:21:03.720289 IP (tos 0x0, ttl 64, id 39720, offset 0, flags [DF], proto TCP (6), length 60)',
        '    192.168.1.11.33779 > 209.87.249.18.53: Flags [S], cksum 0x0c41 (correct), seq 603899916, win 64240, length 0',
        '    2  2020-06-10 09:21:03.728000 IP (tos 0x0, ttl 64, id 39721, offset 0, flags [DF], proto TCP (6), length 52)',
        '    209.87.249.18.53 > 192.168.1.11.33779: Flags [S.], cksum 0x1 (correct), seq 5, ack 603899917, win 100, length 0',
      ].join('\n'),
    );
    assert.deepEqual(
      doc.lines.map((l) => [l.kind, l.packet]),
      [
        ['packet', 1],
        ['packet-continuation', 1],
        ['packet', 2],
        ['packet-continuation', 2],
      ],
    );
    assert.equal(doc.packets[0]!.frameNumber, 1);
    assert.equal(doc.packets[0]!.headerLine, 1);
    assert.equal(doc.packets[0]!.endLine, 1);
    assert.equal(doc.packets[1]!.tcp!.flags.text, 'S.');
  });

  test('-i any: interface name and direction; -e: link header without the IP word', () => {
    const doc = parseDocument(
      [
        '08:30:30.518184 tdv0  Out IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [S], seq 1, win 64240, length 0',
        '08:30:30.518199 lo    In  IP 10.253.0.2.80 > 10.253.0.1.37982: Flags [S.], seq 9, ack 2, win 65483, length 0',
        '08:30:30.518185 be:fb:88:d7:b5:1b > 36:e3:01:65:d4:d9, ethertype 802.1Q (0x8100), length 78: vlan 100, p 0, ethertype IPv4 (0x0800), 10.253.0.1.37982 > 10.253.0.2.80: Flags [.], ack 1, win 63, length 0',
      ].join('\n'),
    );
    assert.deepEqual(
      doc.packets.map((p) => [p.interfaceName, p.captureDirection, p.ipVersion]),
      [
        ['tdv0', 'Out', 4],
        ['lo', 'In', 4],
        [null, null, 4],
      ],
    );
    assert.equal(doc.packets[2]!.src!.port, '37982');
  });

  test('hex dumps and -A payload belong to the packet above', () => {
    assert.deepEqual(
      kinds(
        [
          '12:00:00.000000 IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [P.], seq 1:19, ack 1, win 512, length 18',
          '\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001  E..<.h@.@.!R....',
          '12:00:00.000100 IP 127.0.0.1.80 > 127.0.0.1.55920: Flags [P.], seq 1:10, ack 19, win 512, length 9',
          'E..<.h@.@.!R.........p.P7X.~.........!....@....',
          'GET / HTTP/1.1',
          '',
          'Host: localhost',
        ].join('\n'),
      ),
      ['packet', 'hex-dump', 'packet', 'ascii-payload', 'ascii-payload', 'blank', 'ascii-payload'],
    );
  });

  test('-AA payload starts after the link header; stray text after an empty segment is unrecognised', () => {
    assert.deepEqual(
      kinds(
        [
          '12:00:00.000000 IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [.], ack 1, win 512, length 0',
          '..............E..4.j@.@.!X.........p.P7X..7z.... .7......',
          '12:00:00.000100 IP 127.0.0.1.80 > 127.0.0.1.55920: Flags [.], ack 1, win 512, length 0',
          'connection reset by peer',
        ].join('\n'),
      ),
      ['packet', 'ascii-payload', 'packet', 'unrecognised'],
    );
  });

  test('-t output: packets start with the protocol word', () => {
    const doc = parseDocument(
      'IP 10.253.0.1.37982 > 10.253.0.2.80: Flags [S], seq 1, win 64240, length 0\nIP 10.253.0.2.80 > 10.253.0.1.37982: Flags [R.], seq 0, ack 2, win 0, length 0\n',
    );
    assert.equal(doc.packets.length, 2);
    assert.equal(doc.packets[0]!.timestamp, null);
  });

  test('-ttttt deltas are told apart from -ttt ones', () => {
    const line = (d: string) =>
      ` 00:00:0${d} IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [.], ack 1, win 1, length 0`;
    const first = parseDocument([line('0.000000'), line('0.100000'), line('0.200000')].join('\n'));
    assert.deepEqual(
      first.packets.map((p) => p.timestamp!.format),
      ['delta-first', 'delta-first', 'delta-first'],
    );
    const previous = parseDocument(
      [line('0.000000'), line('0.200000'), line('0.100000')].join('\n'),
    );
    assert.equal(previous.packets[2]!.timestamp!.format, 'delta-previous');
  });

  test('CRLF, CR and a byte-order mark are accepted', () => {
    const crlf = parseDocument(
      '\ufeff12:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 1, win 1, length 0\r\n\r\n',
    );
    assert.deepEqual(
      crlf.lines.map((l) => l.kind),
      ['packet', 'blank'],
    );
    assert.equal(crlf.packets[0]!.src!.host, '10.0.0.1');
  });

  test('a line that is not tcpdump output is unrecognised, with a reason, and nothing is dropped', () => {
    const doc = parseDocument(
      'hello world\n12:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 1, win 1, length 0\n\tGET /\n',
    );
    assert.equal(doc.lines.length, 3);
    assert.equal(doc.lines[0]!.kind, 'unrecognised');
    assert.match(doc.lines[0]!.reason!, /timestamp/);
    assert.equal(doc.lines[2]!.kind, 'decode');
    const orphan = parseDocument('\tindented first line\n');
    assert.equal(orphan.lines[0]!.kind, 'unrecognised');
    assert.match(orphan.lines[0]!.reason!, /no packet line before it/);
  });

  test('an ICMP error quoting a TCP header stays ICMP', () => {
    const doc = parseDocument(
      [
        '12:00:00.000000 IP (tos 0xc0, ttl 64, id 1, offset 0, flags [none], proto ICMP (1), length 88)',
        '    10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 tcp port 80 unreachable, length 68',
        '\tIP (tos 0x0, ttl 64, id 2, offset 0, flags [DF], proto TCP (6), length 60)',
        '    10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0',
      ].join('\n'),
    );
    assert.equal(doc.packets.length, 1);
    assert.equal(doc.packets[0]!.protocol, 'icmp');
  });
});
