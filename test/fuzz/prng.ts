// A small seeded PRNG (mulberry32) and the helpers the fuzzer draws from. Every fuzz case gets
// its own generator, derived from the run seed and the case number, so that any case can be
// regenerated on its own from `seed` + `case` (the runner prints both on failure).

/** splitmix32-style mixing: spreads the bits of (a, b) over a 32-bit value. */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Seed of case `index` of a run started with `seed`. */
export function caseSeed(seed: number, index: number): number {
  return mix(seed >>> 0, index >>> 0);
}

/** A fresh random run seed (when none was given). */
export function randomSeed(): number {
  return mix(Date.now() >>> 0, Math.floor(Math.random() * 0x1_0000_0000)) >>> 0;
}

/** Parses a seed given on the command line: decimal or 0x-prefixed hexadecimal, 32 bits. */
export function parseSeed(text: string): number | null {
  const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text.slice(2), 16) : Number(text);
  if (!Number.isSafeInteger(value) || value < 0) return null;
  return value >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned value (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n) (n ≥ 1). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks by weight: `[[weight, item], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((n, [w]) => n + w, 0);
    let r = this.float() * total;
    for (const [w, item] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![1];
  }

  /** Small counts are likelier than large ones: 1, 2, 4… up to `max`. */
  small(max: number): number {
    const bits = this.int(Math.max(1, Math.ceil(Math.log2(max + 1))));
    return Math.min(max, 1 + this.int(2 ** bits));
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.next();
      out[i] = v & 0xff;
      if (i + 1 < n) out[i + 1] = (v >>> 8) & 0xff;
      if (i + 2 < n) out[i + 2] = (v >>> 16) & 0xff;
      if (i + 3 < n) out[i + 3] = (v >>> 24) & 0xff;
    }
    return out;
  }

  /** A generator of its own, for a sub-task that must not shift this one's sequence. */
  fork(): Rng {
    return new Rng(mix(this.next(), 0x5eed));
  }
}
