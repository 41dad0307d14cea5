// Byte-level helpers for the file readers: endian-aware integer reads and a chunk queue that
// lets the readers take input in pieces (streaming) without copying more than they consume.

export function u16(b: Uint8Array, off: number, little: boolean): number {
  return little ? b[off]! | (b[off + 1]! << 8) : (b[off]! << 8) | b[off + 1]!;
}

export function u32(b: Uint8Array, off: number, little: boolean): number {
  const v = little
    ? b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)
    : (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
  return v >>> 0;
}

export function i32(b: Uint8Array, off: number, little: boolean): number {
  return u32(b, off, little) | 0;
}

export function u64(b: Uint8Array, off: number, little: boolean): bigint {
  const a = BigInt(u32(b, off, little));
  const c = BigInt(u32(b, off + 4, little));
  return little ? (c << 32n) | a : (a << 32n) | c;
}

/** Input chunks not consumed yet, with the file offset of the first byte. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Index of the first chunk still in use, and the position in it. */
  private first = 0;
  private head = 0;
  /** Bytes available. */
  length = 0;
  /** File offset of the first available byte. */
  offset = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /**
   * Copies what is left of the most recent chunk, so that the caller may reuse its buffer.
   * Each byte is copied at most once: earlier chunks were already copied by earlier calls.
   */
  ownLast(): void {
    const last = this.chunks.length - 1;
    if (last < this.first) return;
    const start = last === this.first ? this.head : 0;
    this.chunks[last] = this.chunks[last]!.slice(start);
    if (last === this.first) this.head = 0;
  }

  /** The first `n` available bytes as one array (n ≤ length). Copies only when they span chunks. */
  peek(n: number): Uint8Array {
    const first = this.chunks[this.first];
    if (first && first.length - this.head >= n) return first.subarray(this.head, this.head + n);
    const out = new Uint8Array(n);
    let filled = 0;
    let skip = this.head;
    for (let i = this.first; i < this.chunks.length && filled < n; i++) {
      const c = this.chunks[i]!;
      const part = c.subarray(skip, Math.min(c.length, skip + n - filled));
      out.set(part, filled);
      filled += part.length;
      skip = 0;
    }
    return out;
  }

  /** Drops `n` bytes (n ≤ length). */
  consume(n: number): void {
    this.length -= n;
    this.offset += n;
    while (n > 0 && this.first < this.chunks.length) {
      const left = this.chunks[this.first]!.length - this.head;
      if (n < left) {
        this.head += n;
        break;
      }
      n -= left;
      this.first++;
      this.head = 0;
    }
    if (this.first > 1024 || this.first === this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
  }
}
