// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4).

const MOD = 0x1_0000_0000;

export function seqAdd(a: number, b: number): number {
  const sum = a + b;
  // Nearly every sum is already in range: no floating-point modulo (a library call) for it.
  if (sum >= 0 && sum < MOD) return sum;
  return ((sum % MOD) + MOD) % MOD;
}

/** Signed distance a - b, in (-2^31, 2^31]. */
export function seqDiff(a: number, b: number): number {
  let d = a - b;
  if (d <= -MOD || d >= MOD) d %= MOD;
  if (d > 0x7fff_ffff) d -= MOD;
  else if (d <= -0x8000_0000) d += MOD;
  return d;
}

export const seqLt = (a: number, b: number): boolean => seqDiff(a, b) < 0;
export const seqLe = (a: number, b: number): boolean => seqDiff(a, b) <= 0;
export const seqGt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
export const seqGe = (a: number, b: number): boolean => seqDiff(a, b) >= 0;
