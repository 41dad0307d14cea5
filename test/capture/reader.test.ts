import * as assert from 'node:assert/strict';
import {
  CaptureReader,
  detectCaptureFormat,
  readCapture,
  renderTcpdumpText,
} from '../../server/src/capture';
import { ascii, concat, ethernet, ipv4, pcapFile, PcapngBuilder, tcp, u16, u32 } from './builders';

const frame = (seq: number): Uint8Array =>
  ethernet(
    0x0800,
    ipv4({
      src: '10.1.1.1',
      dst: '10.1.1.2',
      proto: 6,
      payload: tcp({ sport: 1000, dport: 2000, seq, flags: 'S' }),
    }),
  );
const FRAME_LEN = frame(0).length; // 54

suite('capture reader: format detection', () => {
  test('pcap (both byte orders, µs and ns magic) and pcapng (both byte orders)', () => {
    assert.equal(detectCaptureFormat(Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1])), 'pcap');
    assert.equal(detectCaptureFormat(Uint8Array.from([0xa1, 0xb2, 0xc3, 0xd4])), 'pcap');
    assert.equal(detectCaptureFormat(Uint8Array.from([0x4d, 0x3c, 0xb2, 0xa1])), 'pcap');
    assert.equal(detectCaptureFormat(Uint8Array.from([0xa1, 0xb2, 0x3c, 0x4d])), 'pcap');
    assert.equal(detectCaptureFormat(new PcapngBuilder(true).shb().bytes()), 'pcapng');
    assert.equal(detectCaptureFormat(new PcapngBuilder(false).shb().bytes()), 'pcapng');
  });

  test('text, short input and a bare 0a0d0d0a are not captures', () => {
    assert.equal(detectCaptureFormat(Uint8Array.from(ascii('08:30:30.518185 IP 10.0.0.1'))), null);
    assert.equal(detectCaptureFormat(Uint8Array.from([0xd4, 0xc3])), null);
    assert.equal(
      detectCaptureFormat(Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8])),
      null,
    );
  });
});

suite('capture reader: pcap', () => {
  test('header and records, little-endian µs', () => {
    const cap = readCapture(
      pcapFile({
        linkType: 1,
        snaplen: 65535,
        records: [
          { sec: 100, frac: 999999, data: frame(1) },
          { sec: 101, frac: 5, data: frame(2), origLen: 1500 },
        ],
      }),
    );
    assert.equal(cap.format, 'pcap');
    assert.equal(cap.error, null);
    assert.deepEqual(cap.linkTypes, [1]);
    assert.deepEqual(cap.interfaces, [
      {
        id: 0,
        linkType: 1,
        snapLength: 65535,
        name: null,
        timestampUnitsPerSecond: 1e6,
        timestampOffset: 0,
      },
    ]);
    assert.equal(cap.packets.length, 2);
    const [a, b] = cap.packets;
    assert.deepEqual(
      {
        index: a!.index,
        offset: a!.offset,
        caplen: a!.capturedLength,
        len: a!.originalLength,
        ts: a!.timestamp,
      },
      {
        index: 0,
        offset: 24,
        caplen: FRAME_LEN,
        len: FRAME_LEN,
        ts: { seconds: 100, micros: 999999, nanos: 999999000 },
      },
    );
    assert.equal(b!.offset, 24 + 16 + FRAME_LEN);
    assert.equal(b!.originalLength, 1500);
    assert.deepEqual([...b!.data], [...frame(2)]);
  });

  test('big-endian nanosecond file: µs are truncated, ns kept', () => {
    const cap = readCapture(
      pcapFile({
        linkType: 1,
        little: false,
        nano: true,
        records: [{ sec: 7, frac: 123456789, data: frame(1) }],
      }),
    );
    assert.equal(cap.interfaces[0]!.timestampUnitsPerSecond, 1e9);
    assert.deepEqual(cap.packets[0]!.timestamp, { seconds: 7, micros: 123456, nanos: 123456789 });
  });

  test('a record longer than the snapshot length is cut to it, as libpcap does', () => {
    const cap = readCapture(
      pcapFile({
        linkType: 1,
        snaplen: 40,
        records: [
          { sec: 0, frac: 0, data: frame(1) },
          { sec: 0, frac: 1, data: frame(2) },
        ],
      }),
    );
    assert.equal(cap.error, null);
    assert.deepEqual(
      cap.packets.map((p) => [p.capturedLength, p.data.length, p.originalLength]),
      [
        [40, 40, FRAME_LEN],
        [40, 40, FRAME_LEN],
      ],
    );
  });

  test('truncated file: the packets before the cut and an error naming its offset', () => {
    const whole = pcapFile({
      linkType: 1,
      records: [1, 2, 3].map((s) => ({ sec: s, frac: 0, data: frame(s) })),
    });
    const record = 16 + FRAME_LEN;
    const inBody = readCapture(whole.subarray(0, 24 + 2 * record + 16 + 10));
    assert.equal(inBody.packets.length, 2);
    assert.deepEqual(inBody.error, {
      offset: 24 + 2 * record,
      message: `packet record 3: truncated dump file; tried to read ${FRAME_LEN} captured bytes, only got 10`,
    });
    const inHeader = readCapture(whole.subarray(0, 24 + record + 5));
    assert.equal(inHeader.packets.length, 1);
    assert.deepEqual(inHeader.error, {
      offset: 24 + record,
      message: 'packet record 2: truncated dump file; tried to read 16 header bytes, only got 5',
    });
    const inFileHeader = readCapture(whole.subarray(0, 10));
    assert.equal(inFileHeader.format, 'pcap');
    assert.deepEqual(inFileHeader.error, {
      offset: 0,
      message: 'file header: truncated dump file; tried to read 24 file header bytes, only got 10',
    });
  });

  test('corrupt files: unsupported version, absurd captured length', () => {
    const bad = pcapFile({ linkType: 1, records: [] });
    bad.set(u16(3, true), 4);
    assert.deepEqual(readCapture(bad).error, {
      offset: 0,
      message: 'file header: unsupported pcap savefile version 3.4',
    });
    const huge = concat(
      pcapFile({ linkType: 1, records: [] }),
      u32(0, true),
      u32(0, true),
      u32(300000, true),
      u32(300000, true),
    );
    const cap = readCapture(huge);
    assert.deepEqual(cap.error, {
      offset: 24,
      message:
        'packet record 1: invalid packet capture length 300000, bigger than snaplen of 262144',
    });
  });

  test('not a capture at all, and empty input', () => {
    const text = readCapture(
      Uint8Array.from(ascii('08:30:30.518185 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S]')),
    );
    assert.equal(text.format, null);
    assert.deepEqual(text.error, {
      offset: 0,
      message: 'not a pcap or pcapng file (unknown magic number)',
    });
    assert.deepEqual(readCapture(new Uint8Array(0)).error, {
      offset: 0,
      message: 'file is too short (0 bytes) to be a pcap or pcapng file',
    });
  });

  test('maxPackets stops early without an error', () => {
    const whole = pcapFile({
      linkType: 1,
      records: [1, 2, 3].map((s) => ({ sec: s, frac: 0, data: frame(s) })),
    });
    const cap = readCapture(whole, { maxPackets: 2 });
    assert.equal(cap.packets.length, 2);
    assert.equal(cap.error, null);
  });
});

suite('capture reader: pcapng', () => {
  test('interfaces with if_name, if_tsresol and if_tsoffset; SPB; unknown blocks skipped', () => {
    const cap = readCapture(
      new PcapngBuilder()
        .shb()
        .idb({ linkType: 1, name: 'eth0' })
        .idb({ linkType: 113, tsresol: 9, tsoffset: 1000 })
        .raw(0x80000001, [1, 2, 3, 4, 5])
        .epb(0, 1500000n, frame(1))
        .epb(1, 2000000001n, Uint8Array.from([0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 8, 0]))
        .spb(frame(3))
        .bytes(),
    );
    assert.equal(cap.format, 'pcapng');
    assert.equal(cap.error, null);
    assert.deepEqual(cap.linkTypes, [1, 113]);
    assert.deepEqual(
      cap.interfaces.map((i) => [i.name, i.linkType, i.timestampUnitsPerSecond, i.timestampOffset]),
      [
        ['eth0', 1, 1e6, 0],
        [null, 113, 1e9, 1000],
      ],
    );
    assert.deepEqual(
      cap.packets.map((p) => [p.interfaceId, p.linkType, p.timestamp]),
      [
        [0, 1, { seconds: 1, micros: 500000, nanos: 500000000 }],
        [1, 113, { seconds: 1002, micros: 0, nanos: 1 }],
        [0, 1, { seconds: 0, micros: 0, nanos: 0 }],
      ],
    );
  });

  test('sections in different byte orders; interface numbers restart per section', () => {
    const le = new PcapngBuilder(true).shb().idb({ linkType: 1 }).epb(0, 1n, frame(1)).bytes();
    const be = new PcapngBuilder(false)
      .shb()
      .idb({ linkType: 101 })
      .epb(0, 2n, frame(2).subarray(14))
      .bytes();
    const cap = readCapture(concat(le, be));
    assert.equal(cap.error, null);
    assert.deepEqual(
      cap.packets.map((p) => [p.interfaceId, p.linkType]),
      [
        [0, 1],
        [1, 101],
      ],
    );
    assert.deepEqual(renderTcpdumpText(cap, { timestamps: 'none' }), [
      'IP 10.1.1.1.1000 > 10.1.1.2.2000: Flags [S], seq 1, win 65535, length 0',
      'IP 10.1.1.1.1000 > 10.1.1.2.2000: Flags [S], seq 2, win 65535, length 0',
    ]);
  });

  test('errors: packet before any interface, unknown interface, trailer mismatch, truncation', () => {
    const noIdb = readCapture(new PcapngBuilder().shb().epb(0, 0n, frame(1)).bytes());
    assert.deepEqual(noIdb.error, {
      offset: 28,
      message:
        'block 2: the capture file has a packet block before any Interface Description Blocks',
    });
    const unknownIface = readCapture(
      new PcapngBuilder().shb().idb({ linkType: 1 }).epb(3, 0n, frame(1)).bytes(),
    );
    assert.match(unknownIface.error!.message, /a packet arrived on interface 3/);

    const good = new PcapngBuilder()
      .shb()
      .idb({ linkType: 1 })
      .epb(0, 0n, frame(1))
      .epb(0, 0n, frame(2))
      .bytes();
    const mangled = good.slice();
    mangled[good.length - 1] = 0x40; // last block's trailing length (little-endian high byte)
    const cap = readCapture(mangled);
    assert.equal(cap.packets.length, 1);
    assert.match(
      cap.error!.message,
      /block 4: block total length in header and trailer don't match/,
    );

    const cut = readCapture(good.subarray(0, good.length - 7));
    assert.equal(cut.packets.length, 1);
    assert.match(
      cut.error!.message,
      /^block 4: truncated pcapng dump file; tried to read \d+ bytes, only got \d+$/,
    );
    assert.equal(cut.error!.offset, good.length - (12 + 20 + 56));

    const onlyShb = readCapture(new PcapngBuilder().shb().bytes());
    assert.match(onlyShb.error!.message, /no Interface Description Blocks/);
  });
});

suite('capture reader: never throws, whatever the bytes', () => {
  /** Deterministic xorshift PRNG, so failures can be reproduced. */
  function rng(seed: number): () => number {
    let x = seed >>> 0 || 1;
    return () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 0x100000000;
    };
  }

  test('random truncations and byte flips of valid captures', () => {
    const base = [
      pcapFile({
        linkType: 1,
        records: [1, 2, 3, 4].map((s) => ({ sec: s, frac: 0, data: frame(s) })),
      }),
      pcapFile({
        linkType: 276,
        records: [
          {
            sec: 1,
            frac: 0,
            data: concat(
              u16(0x0800),
              [0, 0],
              u32(1),
              u16(1),
              [0, 6],
              [1, 2, 3, 4, 5, 6, 0, 0],
              frame(1).subarray(14),
            ),
          },
        ],
      }),
      new PcapngBuilder()
        .shb()
        .idb({ linkType: 1, tsresol: 9 })
        .epb(0, 5n, frame(1))
        .spb(frame(2))
        .bytes(),
    ];
    const random = rng(42);
    for (const file of base) {
      for (let round = 0; round < 300; round++) {
        const bytes = file.slice(0, 1 + Math.floor(random() * file.length));
        const flips = Math.floor(random() * 6);
        for (let k = 0; k < flips; k++)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        const cap = readCapture(bytes);
        const lines = renderTcpdumpText(cap);
        assert.ok(
          lines.every((l) => !l.includes('internal error')),
          lines.join('\n'),
        );
      }
    }
  });

  test('the caller may reuse its buffer after push (the reader copies what it keeps)', () => {
    const file = pcapFile({
      linkType: 1,
      records: [1, 2, 3].map((s) => ({ sec: s, frac: 0, data: frame(s) })),
    });
    const reader = new CaptureReader();
    const buffer = new Uint8Array(50);
    const packets = [];
    for (let off = 0; off < file.length; off += buffer.length) {
      const part = file.subarray(off, off + buffer.length);
      buffer.set(part);
      packets.push(...reader.push(buffer.subarray(0, part.length)));
      buffer.fill(0xee);
    }
    assert.equal(reader.end(), null);
    assert.deepEqual(packets, readCapture(file).packets);
  });

  test('chunked input: every split point gives the same packets and error', () => {
    const file = pcapFile({
      linkType: 1,
      records: [1, 2].map((s) => ({ sec: s, frac: 0, data: frame(s) })),
    });
    const cut = file.subarray(0, file.length - 3);
    const whole = readCapture(cut);
    for (let split = 0; split <= cut.length; split++) {
      const reader = new CaptureReader();
      const packets = [...reader.push(cut.subarray(0, split)), ...reader.push(cut.subarray(split))];
      assert.deepEqual(reader.end(), whole.error);
      assert.deepEqual(packets, whole.packets);
    }
  });
});
