// What keeps a large analysis small: values shared through bounded caches, lists at their size.
import { detached } from './parse/text';

/**
 * Entries a cache of shared values keeps at most. It is emptied when full, so input made to have
 * ever more distinct values cannot grow it for ever.
 */
export const SHARED_LIMIT = 65536;

/** Keeps `value` under `key` in a bounded cache (emptied when full), and gives it back. */
export function remember<K, T>(cache: Map<K, T>, key: K, value: T, limit = SHARED_LIMIT): T {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The value cached for `text`, or else `parse`'s of a copy of it, cached under that copy: a slice
 * kept as it was cut would keep the whole document it was cut from alive (`detached`).
 */
export function sharedByText<T>(cache: Map<string, T>, text: string, parse: (own: string) => T): T {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const own = detached(text);
  return remember(cache, own, parse(own));
}

/**
 * Empties `list` and keeps its room, for a list used again and again (once per packet): setting
 * its length to 0 gives back the room, which its next `push` takes again, an allocation each time.
 */
export function clearKeepingRoom<T>(list: T[]): void {
  while (list.length > 0) list.pop();
}

/**
 * `list`, kept at its size when short: a list grown by `push` keeps room for 17 items from its
 * first, and a flood of one-packet connections would keep 16 empty slots per list.
 */
export function fitted<T>(list: T[]): T[] {
  return list.length < 16 ? list.slice() : list;
}
