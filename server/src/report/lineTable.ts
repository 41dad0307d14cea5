import type { LineKind, LineRecord } from '../analysis';
import { LINE_KINDS } from '../analysis';

const KIND_NUMBERS = new Map<LineKind, number>(LINE_KINDS.map((kind, i) => [kind, i]));

/** Room for this many lines at first; the columns double as they fill. */
const INITIAL_CAPACITY = 4096;

/**
 * The records of a document's lines in order, kept in five bytes a line (kind and packet) instead
 * of an object each; only the reasons of unrecognised lines are kept as text.
 */
export class LineTable {
  #count = 0;
  #kinds = new Uint8Array(INITIAL_CAPACITY);
  /** The packet ordinal; 0 for none (ordinals start at 1). */
  #packets = new Int32Array(INITIAL_CAPACITY);
  readonly #reasons = new Map<number, string>();

  get length(): number {
    return this.#count;
  }

  /** Adds the next line's record (its `line` must be the number of records added before). */
  add(record: LineRecord): void {
    if (this.#count === this.#kinds.length) this.#grow();
    const i = this.#count++;
    this.#kinds[i] = KIND_NUMBERS.get(record.kind)!;
    this.#packets[i] = record.packet ?? 0;
    if (record.reason !== null) this.#reasons.set(i, record.reason);
  }

  /** The records made again, one at a time. */
  *records(): Generator<LineRecord, void, void> {
    for (let line = 0; line < this.#count; line++) {
      const packet = this.#packets[line]!;
      yield {
        line,
        kind: LINE_KINDS[this.#kinds[line]!]!,
        packet: packet === 0 ? null : packet,
        reason: this.#reasons.get(line) ?? null,
      };
    }
  }

  #grow(): void {
    const kinds = new Uint8Array(this.#kinds.length * 2);
    kinds.set(this.#kinds);
    const packets = new Int32Array(this.#packets.length * 2);
    packets.set(this.#packets);
    this.#kinds = kinds;
    this.#packets = packets;
  }
}
