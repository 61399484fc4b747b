/**
 * The counts of a chain as the training gathers them: how often each token followed each context of
 * exactly `order` tokens (contexts are padded at the front, so every count has the full order; the
 * lower orders are sums of these). A table of fixed-width integer tuples — the context's symbol ids,
 * oldest first, then the token's id — with a count each, in typed arrays: counting allocates nothing
 * per token, and two tables merge by adding counts, so a corpus can be counted in parts (files in
 * worker threads, shards on other machines) and the parts summed in any grouping.
 *
 * Optionally each count is also kept per fold (`folds` columns), so that a model trained without one
 * fold (cross-validation) is the total minus that fold's column: counted once, not once per fold.
 * Entries keep the order they were first counted in (merges append the other table's new entries).
 */
/** A table's counts as plain arrays (see {@link NgramCounts.toArrays}). */
export interface CountArrays {
  order: number;
  folds: number;
  /** `order + 1` ids per entry. */
  tuples: Int32Array;
  totals: Float64Array;
  /** `folds` counts per entry. */
  foldCounts: Int32Array;
}

export class NgramCounts {
  /** Tokens per tuple: the context's `order` ids, then the token's. */
  readonly width: number;
  /** Number of distinct tuples. */
  size = 0;
  private tuples: Int32Array;
  private totals: Float64Array;
  private foldCounts: Int32Array;
  /** Hash slots: entry index + 1, 0 when free. */
  private slots: Int32Array;
  private mask: number;

  constructor(
    readonly order: number,
    readonly folds = 0,
    capacity = 256,
  ) {
    this.width = order + 1;
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
    this.tuples = new Int32Array(Math.max(16, capacity) * this.width);
    this.totals = new Float64Array(Math.max(16, capacity));
    this.foldCounts = new Int32Array(Math.max(16, capacity) * folds);
  }

  /** The context ids and token id of entry `e` (a view: do not keep it across an `add`). */
  tuple(e: number): Int32Array {
    return this.tuples.subarray(e * this.width, (e + 1) * this.width);
  }

  /** The id at position `k` of entry `e` (0 … order − 1: the context, oldest first; order: the token). */
  at(e: number, k: number): number {
    return this.tuples[e * this.width + k];
  }

  /** The count of entry `e` over every fold. */
  count(e: number): number {
    return this.totals[e];
  }

  /** The count of entry `e` in fold `f`. */
  foldCount(e: number, f: number): number {
    return this.foldCounts[e * this.folds + f];
  }

  /**
   * Adds `count` to the tuple `ids[from … from + width − 1]` (context oldest first, then the token),
   * in fold `fold` (−1: no fold; only for a table without folds).
   */
  add(ids: ArrayLike<number>, from: number, count: number, fold = -1): number {
    const e = this.entry(ids, from);
    this.totals[e] += count;
    if (fold >= 0) this.foldCounts[e * this.folds + fold] += count;
    return e;
  }

  /**
   * Adds every count of `other` (same order; a table or its arrays), its symbol ids mapped through
   * `ids`, `times` times; its fold f counts into fold `foldOf(f)` (default f).
   */
  merge(
    other: NgramCounts | CountArrays,
    ids: ArrayLike<number>,
    times = 1,
    foldOf: (f: number) => number = (f) => f,
  ): void {
    const a = other instanceof NgramCounts ? other.toArrays() : other;
    const w = this.width;
    if (a.order + 1 !== w) throw new RangeError(`cannot merge counts of order ${a.order} into ${this.order}`);
    const size = a.totals.length;
    if (a.tuples.length !== size * w || a.foldCounts.length !== size * a.folds)
      throw new RangeError('count arrays of different lengths');
    const mapped = new Int32Array(w);
    const targets = Array.from({ length: a.folds }, (_, f) => foldOf(f));
    for (const t of targets)
      if (!(t >= 0 && t < this.folds)) throw new RangeError(`fold ${t} of a table with ${this.folds} folds`);
    for (let e = 0; e < size; e++) {
      for (let k = 0; k < w; k++) mapped[k] = ids[a.tuples[e * w + k]];
      const into = this.entry(mapped, 0);
      this.totals[into] += times * a.totals[e];
      for (let f = 0; f < a.folds; f++)
        this.foldCounts[into * this.folds + targets[f]] += times * a.foldCounts[e * a.folds + f];
    }
  }

  /** The arrays of the table, for sending it to another thread or writing it (copies, trimmed). */
  toArrays(): CountArrays {
    return {
      order: this.order,
      folds: this.folds,
      tuples: this.tuples.slice(0, this.size * this.width),
      totals: this.totals.slice(0, this.size),
      foldCounts: this.foldCounts.slice(0, this.size * this.folds),
    };
  }

  /**
   * Lets go of the table's arrays, once its counts are finished and no longer wanted: it is empty
   * after, and adding to it throws.
   */
  release(): void {
    this.size = 0;
    this.tuples = new Int32Array(0);
    this.totals = new Float64Array(0);
    this.foldCounts = new Int32Array(0);
    this.slots = new Int32Array(2);
    this.mask = 1;
  }

  /** The entry of a tuple, made (with count 0) when new. */
  private entry(ids: ArrayLike<number>, from: number): number {
    const w = this.width;
    let h = 0x811c9dc5;
    for (let k = 0; k < w; k++) h = Math.imul(h ^ ids[from + k], 0x01000193);
    h ^= h >>> 15;
    let i = h & this.mask;
    for (;;) {
      const s = this.slots[i];
      if (s === 0) break;
      const base = (s - 1) * w;
      let same = true;
      for (let k = 0; k < w; k++)
        if (this.tuples[base + k] !== ids[from + k]) {
          same = false;
          break;
        }
      if (same) return s - 1;
      i = (i + 1) & this.mask;
    }
    if ((this.size + 1) * 2 > this.slots.length) {
      this.grow();
      return this.entry(ids, from);
    }
    if ((this.size + 1) * w > this.tuples.length) this.growEntries();
    const e = this.size++;
    for (let k = 0; k < w; k++) this.tuples[e * w + k] = ids[from + k];
    this.slots[i] = e + 1;
    return e;
  }

  private growEntries(): void {
    const cap = this.totals.length * 2;
    // A new table holds 16 entries at least: none after release().
    if (cap === 0) throw new Error('counts let go after finishing (release) cannot be counted into');
    const tuples = new Int32Array(cap * this.width);
    tuples.set(this.tuples);
    this.tuples = tuples;
    const totals = new Float64Array(cap);
    totals.set(this.totals);
    this.totals = totals;
    const folds = new Int32Array(cap * this.folds);
    folds.set(this.foldCounts);
    this.foldCounts = folds;
  }

  private grow(): void {
    const n = this.slots.length * 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
    const w = this.width;
    for (let e = 0; e < this.size; e++) {
      let h = 0x811c9dc5;
      for (let k = 0; k < w; k++) h = Math.imul(h ^ this.tuples[e * w + k], 0x01000193);
      h ^= h >>> 15;
      let i = h & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = e + 1;
    }
  }
}
