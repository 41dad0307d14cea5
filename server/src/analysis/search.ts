/**
 * Binary search over a list in order: the first index (from `from`) whose item is not `before`
 * the sought one, or the list's length. `before` must hold for a prefix of the list only.
 */
export function lowerBound<T>(list: ArrayLike<T>, before: (item: T) => boolean, from = 0): number {
  let low = from;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(list[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}
