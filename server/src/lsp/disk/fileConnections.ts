import type { ConnectionOverview, Finding } from '../../analysis';
import type { FileConnection } from '../../protocol';
import { connectionSummary } from '../../report/connectionSummary';

/**
 * The connections of a file analysed from disk, listed a page at a time: a SYN flood of 60 MB has
 * some 400,000 of them, too many to send at once (130 MB of JSON) or to list in a view. The
 * findings are grouped by connection once (two integers a finding), so a page reads only its own.
 */
export class FileConnections {
  readonly #connections: readonly ConnectionOverview[];
  readonly #findings: readonly Finding[];
  /** First line of each packet, by packet ordinal. */
  readonly #packetLines: ArrayLike<number>;
  /** Indexes in `#findings`, grouped by connection index, in packet order within each. */
  readonly #byConnection: Int32Array;
  /** Where each connection's group starts in `#byConnection` (one more entry: the end). */
  readonly #groupStarts: Int32Array;
  /** Connection index by id, when the ids are not their index + 1. */
  readonly #indexById: Map<number, number> | null;

  constructor(
    connections: readonly ConnectionOverview[],
    findings: readonly Finding[],
    packetLines: ArrayLike<number>,
  ) {
    this.#connections = connections;
    this.#findings = findings;
    this.#packetLines = packetLines;
    const numbered = connections.every((c, i) => c.id === i + 1);
    this.#indexById = numbered ? null : new Map(connections.map((c, i) => [c.id, i]));
    // A counting sort: the findings of each connection in the order they came.
    const starts = new Int32Array(connections.length + 1);
    const indexes = findings.map((f) => this.#indexOf(f.connection));
    for (const i of indexes) if (i >= 0) starts[i + 1]!++;
    for (let i = 0; i < connections.length; i++) starts[i + 1]! += starts[i]!;
    const next = starts.slice(0, connections.length);
    const grouped = new Int32Array(starts[connections.length]!);
    indexes.forEach((i, finding) => {
      if (i >= 0) grouped[next[i]!++] = finding;
    });
    this.#byConnection = grouped;
    this.#groupStarts = starts;
  }

  get count(): number {
    return this.#connections.length;
  }

  #indexOf(id: number): number {
    if (this.#indexById) return this.#indexById.get(id) ?? -1;
    return id >= 1 && id <= this.#connections.length ? id - 1 : -1;
  }

  /** The connection with this id, if the file has it. */
  byId(id: number): ConnectionOverview | undefined {
    const i = this.#indexOf(id);
    return i < 0 ? undefined : this.#connections[i];
  }

  /** The findings of the connection with this id, in packet order. */
  findingsOf(id: number): Finding[] {
    const i = this.#indexOf(id);
    if (i < 0) return [];
    const out: Finding[] = [];
    for (let k = this.#groupStarts[i]!; k < this.#groupStarts[i + 1]!; k++)
      out.push(this.#findings[this.#byConnection[k]!]!);
    return out;
  }

  /** Connections `start`… (0-based, in order), `count` of them at most. */
  page(start: number, count: number): FileConnection[] {
    const from = pageStart(start);
    const to = Math.min(this.#connections.length, from + Math.max(0, Math.trunc(count)));
    const out: FileConnection[] = [];
    for (let i = from; i < to; i++) {
      const c = this.#connections[i]!;
      const own = this.findingsOf(c.id);
      out.push({
        ...connectionSummary(c, own.length),
        codes: [...new Set(own.map((f) => f.code))],
        firstLine: this.#packetLines[c.firstPacket] ?? 0,
      });
    }
    return out;
  }
}

/** Where a page asked to start at `start` starts: at a whole index, the first if before it. */
export function pageStart(start: number): number {
  return Number.isFinite(start) ? Math.max(0, Math.trunc(start)) : 0;
}
