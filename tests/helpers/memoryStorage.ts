/**
 * A Storage in memory for unit tests; `fail` makes it throw as a full or disabled browser store
 * does, and a `quota` (characters per value) makes a longer value fail as a full store.
 */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  fail: { get?: boolean; set?: boolean } = {};
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    if (this.fail.get) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.fail.set || value.length > this.quota)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
}
