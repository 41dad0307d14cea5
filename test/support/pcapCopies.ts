// Large captures made from a small real one: its packets again and again, each copy on ports of
// its own, so that every copy is a connection of its own.
import * as assert from 'node:assert/strict';

export interface CopyOptions {
  /** Every this many copies (from the first), one packet is sent twice: a retransmission. */
  retransmitEvery?: number;
  /** The 0-based packet of a copy that is sent twice. */
  retransmitted?: number;
}

/** The records (16-byte header and data) of a little-endian classic pcap, after its header. */
function records(pcap: Buffer): Buffer[] {
  assert.equal(pcap.readUInt32LE(0), 0xa1b2c3d4, 'a little-endian classic pcap');
  const found: Buffer[] = [];
  for (let offset = 24; offset < pcap.length;) {
    const length = pcap.readUInt32LE(offset + 8);
    found.push(pcap.subarray(offset, offset + 16 + length));
    offset += 16 + length;
  }
  return found;
}

/**
 * A pcap holding the packets of `pcap` (Ethernet, IPv4, TCP) `copies` times: copy k with both
 * ports raised by k and its times by k seconds. TCP checksums are left as they were: tcpdump's
 * text shows them only with -v.
 */
export function pcapCopies(pcap: Buffer, copies: number, options: CopyOptions = {}): Buffer {
  const packets = records(pcap);
  const out: Buffer[] = [pcap.subarray(0, 24)];
  for (let k = 0; k < copies; k++) {
    const twice = options.retransmitEvery !== undefined && k % options.retransmitEvery === 0;
    packets.forEach((record, i) => {
      const copy = Buffer.from(record);
      copy.writeUInt32LE(copy.readUInt32LE(0) + k, 0);
      const ip = 16 + 14;
      assert.equal(copy[ip]! >> 4, 4, 'IPv4');
      const tcp = ip + (copy[ip]! & 15) * 4;
      copy.writeUInt16BE((copy.readUInt16BE(tcp) + k) & 0xffff, tcp);
      copy.writeUInt16BE((copy.readUInt16BE(tcp + 2) + k) & 0xffff, tcp + 2);
      out.push(copy);
      if (twice && i === (options.retransmitted ?? 3)) {
        // Sent again 5 µs later: before the next packet of the copy, so times stay in order.
        const again = Buffer.from(copy);
        const micros = again.readUInt32LE(4) + 5;
        again.writeUInt32LE(again.readUInt32LE(0) + Math.floor(micros / 1e6), 0);
        again.writeUInt32LE(micros % 1e6, 4);
        out.push(again);
      }
    });
  }
  return Buffer.concat(out);
}
