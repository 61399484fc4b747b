/*
 * Memos of what a trained model computes again and again from a handful of small inputs — an
 * order-1 projection at a position in the bar, say — shared by every phrase composed with that
 * model. A hit returns exactly the values a miss computes (the same function, the same inputs), so
 * the memo changes how long a phrase takes and nothing else: the same seed gives the same piece
 * whatever was composed before. Each memo is bounded: past its limit it is emptied and refilled,
 * so endless playback never grows it without end.
 */

/** How many rows of `length` numbers a memo may hold within `megabytes` (at least 256). */
export function rowBudget(length: number, megabytes: number): number {
  return Math.max(256, Math.floor((megabytes * 2 ** 20) / (8 * Math.max(1, length))));
}

const memos = new WeakMap<object, Map<string, Memo<unknown, unknown> | DenseMemo<unknown>>>();

/** The memo called `name` of `owner`, made by `create` the first time. */
function memoOf<M extends Memo<unknown, unknown> | DenseMemo<unknown>>(
  owner: object,
  name: string,
  create: () => M,
): M {
  let byName = memos.get(owner);
  if (!byName) {
    byName = new Map();
    memos.set(owner, byName);
  }
  let memo = byName.get(name);
  if (!memo) {
    memo = create();
    byName.set(name, memo);
  }
  return memo as M;
}

/**
 * The memo called `name` of `owner`, for values keyed by the integers 0…size−1 (a dense array: a
 * lookup is an index, not a hash), holding at most `limit` of them (default: all). The name must
 * say all the size depends on: the first call's size stays.
 */
export function modelTable<V>(owner: object, name: string, size: number, limit = size): DenseMemo<V> {
  return memoOf(owner, name, () => new DenseMemo<unknown>(size, limit)) as DenseMemo<V>;
}

/**
 * The memo called `name` of `owner` (a model or a chain; it lives as long as the owner does),
 * holding at most `limit` entries, for keys that are not small integers.
 */
export function modelMemo<K, V>(owner: object, name: string, limit = 50_000): Memo<K, V> {
  return memoOf(owner, name, () => new Memo<unknown, unknown>(limit)) as Memo<K, V>;
}

/** A value derived from `owner` alone (say, a chain's tokens parsed), computed once per owner and `name`. */
export function modelValue<V>(owner: object, name: string, compute: () => V): V {
  return modelMemo<string, V>(owner, 'values').get(name, compute);
}

/**
 * Empties every memo of `owner`, keeping their storage: for an owner whose values changed in place
 * (a fold view filled anew, trieBuild.ts), which nothing else may have read meanwhile.
 */
export function forgetMemos(owner: object): void {
  for (const memo of memos.get(owner)?.values() ?? []) memo.clear();
}

/** A bounded memo: past `limit` entries it starts afresh. */
export class Memo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  clear(): void {
    this.map.clear();
  }

  /** The value of `key`, computed by `compute` and kept when not there yet. */
  get(key: K, compute: () => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      value = compute();
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }
}

/** A bounded memo over the keys 0…size−1: past `limit` values it starts afresh. */
export class DenseMemo<V> {
  private readonly values: (V | undefined)[];
  /** The keys holding a value, to start afresh in time proportional to them. */
  private readonly used: number[] = [];

  constructor(
    size: number,
    private readonly limit: number,
  ) {
    this.values = new Array<V | undefined>(size).fill(undefined);
  }

  clear(): void {
    for (const k of this.used) this.values[k] = undefined;
    this.used.length = 0;
  }

  /** The value of `key`, computed by `compute` and kept when not there yet. */
  get(key: number, compute: () => V): V {
    let value = this.values[key];
    if (value === undefined) {
      value = compute();
      if (this.used.length >= this.limit) this.clear();
      this.values[key] = value;
      this.used.push(key);
    }
    return value;
  }
}
