import type {
  CaptureDirection,
  Endpoint,
  PacketRecord,
  Protocol,
  TcpFlags,
  TcpOption,
  TcpSegment,
  Timestamp,
  TimestampFormat,
} from '../types';
import { NO_OPTIONS } from './tcpSegment';

/** Values seen, each given a small number once: endpoints, flags, options, names. */
class Interned<T> {
  readonly values: T[] = [];
  readonly #numbers = new Map<T, number>();
  // Packets repeat the last value more often than not: it is answered without a lookup.
  #last: T | undefined = undefined;
  #lastNumber = -1;

  has(value: T): boolean {
    return this.#numbers.has(value);
  }

  numberOf(value: T): number {
    if (this.#lastNumber >= 0 && value === this.#last) return this.#lastNumber;
    let n = this.#numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.#numbers.set(value, n);
    }
    this.#last = value;
    this.#lastNumber = n;
    return n;
  }

  /**
   * The numbers here of values numbered elsewhere (in another store), by their index there.
   * Objects copied from another thread are not the ones here: `keyOf` finds an equal one.
   */
  numbersOf(values: readonly T[], keyOf?: (value: T) => string): Int32Array {
    const byKey = keyOf ? new Map(this.values.map((v) => [keyOf(v), v])) : null;
    const numbers = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      numbers[i] = this.numberOf(byKey?.get(keyOf!(value)) ?? value);
    }
    return numbers;
  }
}

/** Tells equal flags and options apart from copies (few values, each made once). */
const valueKey = (value: unknown): string => JSON.stringify(value);
/** Tells equal endpoints apart from copies (the port's number is read from its text). */
const endpointKey = (e: Endpoint): string => `${e.host}\n${e.port}`;

/**
 * A store's packets as plain data another thread can be given (its columns move, not copied):
 * `PacketStore.append` adds them to a store there.
 */
export interface PacketStoreData {
  count: number;
  blocks: Block[];
  /** Packets kept whole, by index. */
  kept: Array<[number, PacketRecord]>;
  endpoints: Endpoint[];
  flags: TcpFlags[];
  options: TcpOption[];
  shapeOptions: OptionShape[];
  names: string[];
  trailers: string[];
  protocols: Protocol[];
  formats: TimestampFormat[];
  directions: Array<CaptureDirection | null>;
}

/**
 * The columns are kept in blocks of this many packets (a power of two), added as they fill: what
 * is stored is never copied, as it would be into arrays twice the size.
 */
const BLOCK_BITS = 14;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const IN_BLOCK = BLOCK_SIZE - 1;

/** Numbers in `#refs` per packet. */
const REFS = 6;
/** Distinct trailers kept at most; a packet with another is kept as its record. */
const TRAILERS_KEPT = 4096;

/** Bits of a packet's `bits` column. */
const HAS_TCP = 1;
const HAS_FLAGS = 2;
const TRUNCATED = 4;
const HAS_TIMESTAMP = 8;
/** The packet is kept as its record (in `#kept`). */
const KEPT = 16;

/** A null number in a Float64 column (the parser never makes NaN: numbers it cannot read are null). */
const NONE = NaN;
const numberOrNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
const stored = (value: number | null): number => (value === null ? NONE : value);
/** A number the columns give back as it was. */
const fits = (value: number | null): boolean => value === null || !Number.isNaN(value);

/** The options of a segment, by shape: shared options in order, null where its `TS` option was. */
type OptionShape = ReadonlyArray<TcpOption | null>;

/** The `TS` option's text as tcpdump prints it: rebuilt from its numbers, never kept. */
const timestampText = (val: number, ecr: number): string => `TS val ${val} ecr ${ecr}`;

interface EndpointPair {
  src: Endpoint | null;
  dst: Endpoint | null;
}

/** The buffers of a store's columns: what moves to another thread instead of being copied. */
export function columnBuffers(data: PacketStoreData): ArrayBuffer[] {
  return data.blocks.flatMap((b) =>
    [b.lines, b.refs, b.codes, b.numbers, b.timestampColumns].map((c) => c.buffer as ArrayBuffer),
  );
}

/** The columns of `BLOCK_SIZE` packets; a packet's fields are at its place in the block. */
export interface Block {
  /** First, last and header line. */
  readonly lines: Int32Array;
  /** Endpoints, flags, option shape, interface and trailer (-1 for none). */
  readonly refs: Int32Array;
  /** Protocol, timestamp format, capture direction, IP version and `bits`. */
  readonly codes: Uint8Array;
  /** Frame number, timestamp seconds, seq, seq end, ack, win, urg, length, TS val and ecr. */
  readonly numbers: Float64Array;
  /** Where the timestamp was printed. */
  readonly timestampColumns: Int32Array;
}

/** Copies `run` packets' columns from place `j` of one block to place `t` of another. */
function copyRun(from: Block, j: number, to: Block, t: number, run: number): void {
  to.lines.set(from.lines.subarray(j * 3, (j + run) * 3), t * 3);
  to.refs.set(from.refs.subarray(j * REFS, (j + run) * REFS), t * REFS);
  to.codes.set(from.codes.subarray(j * 5, (j + run) * 5), t * 5);
  to.numbers.set(from.numbers.subarray(j * 10, (j + run) * 10), t * 10);
  to.timestampColumns.set(from.timestampColumns.subarray(j * 2, (j + run) * 2), t * 2);
}

const newBlock = (): Block => ({
  lines: new Int32Array(BLOCK_SIZE * 3),
  refs: new Int32Array(BLOCK_SIZE * REFS),
  codes: new Uint8Array(BLOCK_SIZE * 5),
  numbers: new Float64Array(BLOCK_SIZE * 10),
  timestampColumns: new Int32Array(BLOCK_SIZE * 2),
});

/**
 * The packets of a document streamed from disk, kept compactly: the fields tracking reads go into
 * typed arrays (about 140 bytes a packet instead of some 700 for the records and what they point
 * to), and a packet's record is made again when its flow is tracked. Endpoints, flags and options
 * are shared values, kept once. A packet of an uncommon shape (a tunnel, a checksum, text after
 * the header other than a few repeated ones, SACK blocks, an unreadable option) is kept as its
 * record.
 */
export class PacketStore {
  #count = 0;
  readonly #blocks: Block[] = [];
  /** Packets kept whole, by index. */
  readonly #kept = new Map<number, PacketRecord>();
  /** What `tcpEndpoints` answers for compact packets, filled in again for each. */
  readonly #endpointPair: EndpointPair = { src: null, dst: null };

  readonly #endpoints = new Interned<Endpoint>();
  readonly #flags = new Interned<TcpFlags>();
  readonly #options = new Interned<TcpOption>();
  readonly #shapes = new Interned<string>();
  readonly #shapeOptions: OptionShape[] = [];
  readonly #names = new Interned<string>();
  readonly #trailers = new Interned<string>();
  readonly #protocols = new Interned<Protocol>();
  readonly #formats = new Interned<TimestampFormat>();
  readonly #directions = new Interned<CaptureDirection | null>();

  /** Packets kept as their records (the rest are in the columns). */
  get keptCount(): number {
    return this.#kept.size;
  }

  /** Packets stored. */
  get length(): number {
    return this.#count;
  }

  /** Stores the next packet (its ordinal must be one more than the last one's). */
  add(record: PacketRecord): void {
    if (this.#count === this.#blocks.length * BLOCK_SIZE) this.#blocks.push(newBlock());
    const i = this.#count++;
    if (this.#storeCompactly(i, record)) return;
    this.#kept.set(i, record);
    this.#blockOf(i).codes[(i & IN_BLOCK) * 5 + 4] = KEPT;
  }

  /**
   * The packets as plain data, to hand to another thread; their columns go with them (moved, not
   * copied), so this store is not used after.
   */
  data(): PacketStoreData {
    return {
      count: this.#count,
      blocks: this.#blocks,
      kept: [...this.#kept],
      endpoints: this.#endpoints.values,
      flags: this.#flags.values,
      options: this.#options.values,
      shapeOptions: this.#shapeOptions,
      names: this.#names.values,
      trailers: this.#trailers.values,
      protocols: this.#protocols.values,
      formats: this.#formats.values,
      directions: this.#directions.values,
    };
  }

  /**
   * Adds the packets of another store after these: a later part of the same document, read by
   * another thread from the line `lineShift` on (its lines and ordinals counted from 0 and 1).
   */
  append(data: PacketStoreData, lineShift: number): void {
    const packetShift = this.#count;
    const endpoints = this.#endpoints.numbersOf(data.endpoints, endpointKey);
    const flags = this.#flags.numbersOf(data.flags, valueKey);
    const names = this.#names.numbersOf(data.names);
    const trailers = this.#trailers.numbersOf(data.trailers);
    const protocols = this.#protocols.numbersOf(data.protocols);
    const formats = this.#formats.numbersOf(data.formats);
    const directions = this.#directions.numbersOf(data.directions);
    const options = this.#options.numbersOf(data.options, valueKey);
    const optionIndex = new Map(data.options.map((o, i) => [o, i]));
    const shapes = Int32Array.from(data.shapeOptions, (shape) =>
      this.#shapeNumber(
        shape.map((o) =>
          o === null ? null : this.#options.values[options[optionIndex.get(o)!]!]!,
        ),
      ),
    );
    const refMaps = [endpoints, endpoints, flags, shapes, names, trailers];
    const total = packetShift + data.count;
    while (this.#blocks.length * BLOCK_SIZE < total) this.#blocks.push(newBlock());
    // The columns are copied a run at a time (a run lies in one block of each), then their lines,
    // shared values and codes renumbered where they landed.
    for (let k = 0; k < data.count;) {
      const from = data.blocks[k >>> BLOCK_BITS]!;
      const j = k & IN_BLOCK;
      const to = this.#blockOf(packetShift + k);
      const t = (packetShift + k) & IN_BLOCK;
      const run = Math.min(BLOCK_SIZE - j, BLOCK_SIZE - t, data.count - k);
      copyRun(from, j, to, t, run);
      const { lines, refs, codes } = to;
      for (let x = t * 3; x < (t + run) * 3; x++) lines[x] = lines[x]! + lineShift;
      for (let x = t * REFS; x < (t + run) * REFS; x++) {
        const n = refs[x]!;
        if (n >= 0) refs[x] = refMaps[x % REFS]![n]!;
      }
      for (let c = t * 5; c < (t + run) * 5; c += 5) {
        codes[c] = protocols[codes[c]!]!;
        codes[c + 1] = formats[codes[c + 1]!]!;
        codes[c + 2] = directions[codes[c + 2]!]!;
      }
      k += run;
    }
    this.#count = total;
    for (const [k, record] of data.kept) {
      record.packet += packetShift;
      record.line += lineShift;
      record.endLine += lineShift;
      record.headerLine += lineShift;
      this.#kept.set(k + packetShift, record);
    }
  }

  #blockOf(index: number): Block {
    return this.#blocks[index >>> BLOCK_BITS]!;
  }

  /** The record of the packet at `index` (ordinal − 1), made afresh (kept ones as they were). */
  record(index: number): PacketRecord {
    const block = this.#blockOf(index);
    const j = index & IN_BLOCK;
    const codes = block.codes;
    const c = j * 5;
    const bits = codes[c + 4]!;
    if (bits & KEPT) return this.#kept.get(index)!;
    const refs = block.refs;
    const r = j * REFS;
    return {
      packet: index + 1,
      line: block.lines[j * 3]!,
      endLine: block.lines[j * 3 + 1]!,
      headerLine: block.lines[j * 3 + 2]!,
      protocol: this.#protocols.values[codes[c]!]!,
      frameNumber: numberOrNull(block.numbers[j * 10]!),
      timestamp: bits & HAS_TIMESTAMP ? this.#timestamp(block, j) : null,
      interfaceName: refs[r + 4]! < 0 ? null : this.#names.values[refs[r + 4]!]!,
      captureDirection: this.#directions.values[codes[c + 2]!]!,
      ipVersion: codes[c + 3] === 0 ? null : (codes[c + 3] as 4 | 6),
      src: refs[r]! < 0 ? null : this.#endpoints.values[refs[r]!]!,
      dst: refs[r + 1]! < 0 ? null : this.#endpoints.values[refs[r + 1]!]!,
      tunnel: null,
      tcp: bits & HAS_TCP ? this.#segment(block, j, bits) : null,
      summary: '',
    };
  }

  /** First line of each packet, by ordinal (index 0 unused, -1). */
  firstLines(): Int32Array {
    return this.#linesOf(0);
  }

  /** Last line of each packet, by ordinal (index 0 unused, -1). */
  lastLines(): Int32Array {
    return this.#linesOf(1);
  }

  /** Column 0 (first line) or 1 (last line) of `#lines` for every packet, by ordinal. */
  #linesOf(column: 0 | 1): Int32Array {
    const lines = new Int32Array(this.#count + 1);
    lines[0] = -1;
    for (let i = 0; i < this.#count; i++) {
      const kept = this.#isKept(i) ? this.#kept.get(i)! : null;
      lines[i + 1] = kept
        ? column === 0
          ? kept.line
          : kept.endLine
        : this.#blockOf(i).lines[(i & IN_BLOCK) * 3 + column]!;
    }
    return lines;
  }

  /**
   * The packet at `index` carries TCP, and both its endpoints (what grouping into flows reads):
   * for compact packets one object used again and again (read it, do not keep it).
   */
  tcpEndpoints(index: number): Readonly<EndpointPair> | null {
    if (this.#isKept(index)) {
      const kept = this.#kept.get(index)!;
      return kept.tcp ? kept : null;
    }
    const block = this.#blockOf(index);
    const j = index & IN_BLOCK;
    if ((block.codes[j * 5 + 4]! & HAS_TCP) === 0) return null;
    const refs = block.refs;
    const r = j * REFS;
    const pair = this.#endpointPair;
    pair.src = refs[r]! < 0 ? null : this.#endpoints.values[refs[r]!]!;
    pair.dst = refs[r + 1]! < 0 ? null : this.#endpoints.values[refs[r + 1]!]!;
    return pair;
  }

  /**
   * Every packet's timestamp in order, each given to `visit` (as one object used again and again
   * for compact packets: read it, do not keep it); a format `visit` writes into it is stored.
   */
  forEachTimestamp(visit: (packet: number, timestamp: Timestamp | null) => void): void {
    const scratch: Timestamp = { format: 'none', seconds: null, start: 0, end: 0 };
    for (let i = 0; i < this.#count; i++) {
      if (this.#isKept(i)) {
        visit(i + 1, this.#kept.get(i)!.timestamp);
        continue;
      }
      const block = this.#blockOf(i);
      const j = i & IN_BLOCK;
      if ((block.codes[j * 5 + 4]! & HAS_TIMESTAMP) === 0) {
        visit(i + 1, null);
        continue;
      }
      const format = this.#formats.values[block.codes[j * 5 + 1]!]!;
      scratch.format = format;
      scratch.seconds = numberOrNull(block.numbers[j * 10 + 1]!);
      scratch.start = block.timestampColumns[j * 2]!;
      scratch.end = block.timestampColumns[j * 2 + 1]!;
      visit(i + 1, scratch);
      if (scratch.format !== format)
        block.codes[j * 5 + 1] = this.#formats.numberOf(scratch.format);
    }
  }

  #isKept(index: number): boolean {
    return (this.#blockOf(index).codes[(index & IN_BLOCK) * 5 + 4]! & KEPT) !== 0;
  }

  #timestamp(block: Block, j: number): Timestamp {
    return {
      format: this.#formats.values[block.codes[j * 5 + 1]!]!,
      seconds: numberOrNull(block.numbers[j * 10 + 1]!),
      start: block.timestampColumns[j * 2]!,
      end: block.timestampColumns[j * 2 + 1]!,
    };
  }

  #segment(block: Block, j: number, bits: number): TcpSegment {
    const n = block.numbers;
    const at = j * 10;
    const refs = block.refs;
    const flagsRef = refs[j * REFS + 2]!;
    const trailer = refs[j * REFS + 5]!;
    return {
      hasFlags: (bits & HAS_FLAGS) !== 0,
      flags: this.#flags.values[flagsRef]!,
      seq: numberOrNull(n[at + 2]!),
      seqEnd: numberOrNull(n[at + 3]!),
      ack: numberOrNull(n[at + 4]!),
      win: numberOrNull(n[at + 5]!),
      urg: numberOrNull(n[at + 6]!),
      options: this.#optionsOf(block, j),
      length: numberOrNull(n[at + 7]!),
      checksum: null,
      trailer: trailer < 0 ? null : this.#trailers.values[trailer]!,
      truncated: (bits & TRUNCATED) !== 0,
      pairStart: -1,
      pairEnd: -1,
    };
  }

  #optionsOf(block: Block, j: number): TcpOption[] {
    const shape = block.refs[j * REFS + 3]!;
    if (shape < 0) return NO_OPTIONS;
    const options: TcpOption[] = [];
    for (const option of this.#shapeOptions[shape]!) {
      if (option !== null) {
        options.push(option);
        continue;
      }
      const val = block.numbers[j * 10 + 8]!;
      const ecr = block.numbers[j * 10 + 9]!;
      options.push({ kind: 'timestamp', val, ecr, text: timestampText(val, ecr) });
    }
    return options;
  }

  /** Writes the packet into the columns; false when it does not fit them. */
  #storeCompactly(i: number, p: PacketRecord): boolean {
    const tcp = p.tcp;
    if (p.tunnel !== null || p.summary !== '' || p.packet !== i + 1) return false;
    if (p.timestamp !== null && !fits(p.timestamp.seconds)) return false;
    if (!fits(p.frameNumber)) return false;
    if (
      tcp !== null &&
      !(
        fits(tcp.seq) &&
        fits(tcp.seqEnd) &&
        fits(tcp.ack) &&
        fits(tcp.win) &&
        fits(tcp.urg) &&
        fits(tcp.length)
      )
    )
      return false;
    if (tcp !== null && tcp.checksum !== null) return false;
    // Trailers name the decoded protocol (`HTTP`) and repeat; past a bound they are not shared.
    const trailer = tcp?.trailer ?? null;
    if (
      trailer !== null &&
      this.#trailers.values.length >= TRAILERS_KEPT &&
      !this.#trailers.has(trailer)
    )
      return false;
    if (tcp !== null && tcp.pairStart !== -1) return false;
    const block = this.#blockOf(i);
    const j = i & IN_BLOCK;
    const shape = tcp === null ? -1 : this.#shapeOf(block.numbers, j, tcp.options);
    if (shape === null) return false;

    block.lines[j * 3] = p.line;
    block.lines[j * 3 + 1] = p.endLine;
    block.lines[j * 3 + 2] = p.headerLine;
    const refs = block.refs;
    const r = j * REFS;
    refs[r] = p.src === null ? -1 : this.#endpoints.numberOf(p.src);
    refs[r + 1] = p.dst === null ? -1 : this.#endpoints.numberOf(p.dst);
    refs[r + 2] = tcp === null ? -1 : this.#flags.numberOf(tcp.flags);
    refs[r + 3] = shape;
    refs[r + 4] = p.interfaceName === null ? -1 : this.#names.numberOf(p.interfaceName);
    refs[r + 5] = trailer === null ? -1 : this.#trailers.numberOf(trailer);
    const codes = block.codes;
    const c = j * 5;
    codes[c] = this.#protocols.numberOf(p.protocol);
    codes[c + 2] = this.#directions.numberOf(p.captureDirection);
    codes[c + 3] = p.ipVersion ?? 0;
    let bits = 0;
    const n = block.numbers;
    const at = j * 10;
    n[at] = stored(p.frameNumber);
    if (p.timestamp !== null) {
      bits |= HAS_TIMESTAMP;
      codes[c + 1] = this.#formats.numberOf(p.timestamp.format);
      n[at + 1] = stored(p.timestamp.seconds);
      block.timestampColumns[j * 2] = p.timestamp.start;
      block.timestampColumns[j * 2 + 1] = p.timestamp.end;
    }
    if (tcp !== null) {
      bits |= HAS_TCP;
      if (tcp.hasFlags) bits |= HAS_FLAGS;
      if (tcp.truncated) bits |= TRUNCATED;
      n[at + 2] = stored(tcp.seq);
      n[at + 3] = stored(tcp.seqEnd);
      n[at + 4] = stored(tcp.ack);
      n[at + 5] = stored(tcp.win);
      n[at + 6] = stored(tcp.urg);
      n[at + 7] = stored(tcp.length);
    }
    codes[c + 4] = bits;
    return true;
  }

  /**
   * The number of a segment's option shape (-1: none printed), writing its `TS` numbers at `j` of
   * `numbers`; null when the options do not fit a shape (SACK blocks, unreadable or unusually
   * printed options).
   */
  #shapeOf(numbers: Float64Array, j: number, options: readonly TcpOption[]): number | null {
    if (options === NO_OPTIONS) return -1;
    let key = '';
    let timestamps = 0;
    for (const o of options) {
      if (o.kind === 'sack' || o.kind === 'other') return null;
      if (o.kind === 'timestamp') {
        if (++timestamps > 1 || o.text !== timestampText(o.val, o.ecr)) return null;
        numbers[j * 10 + 8] = o.val;
        numbers[j * 10 + 9] = o.ecr;
        key += 'T,';
      } else key += `${this.#options.numberOf(o)},`;
    }
    return this.#shapeNumberOf(key, options);
  }

  /** The number of an option shape given by its key, kept with its options when new. */
  #shapeNumberOf(key: string, options: ReadonlyArray<TcpOption | null>): number {
    const shape = this.#shapes.numberOf(key);
    if (shape === this.#shapeOptions.length)
      this.#shapeOptions.push(
        options.map((o) => (o === null || o.kind === 'timestamp' ? null : o)),
      );
    return shape;
  }

  /** The number here of a shape of options kept here (null where its `TS` option goes). */
  #shapeNumber(shape: OptionShape): number {
    let key = '';
    for (const o of shape) key += o === null ? 'T,' : `${this.#options.numberOf(o)},`;
    return this.#shapeNumberOf(key, shape);
  }
}
