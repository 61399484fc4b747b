/** The value of `key` in `cache`, computed once (the cache starts afresh past 4096 entries). */
export function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= 4096) cache.clear();
    cache.set(key, value);
  }
  return value;
}
