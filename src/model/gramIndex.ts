import { runSteps, type Steps } from '../core';

/** How many positions of the pieces a step of {@link GramIndex.prepare} indexes (a few milliseconds' work). */
const POSITIONS_PER_STEP = 16_384;

/**
 * The n-grams of a set of token sequences (the training pieces of a guard), exact and compact:
 * tokens numbered, the pieces one array of ids, and for each n asked about a hash table from an
 * n-gram to its first position, with the later positions of the same n-gram chained behind it. A
 * lookup hashes the asked ids and compares them with the sequence itself, so no n-gram is ever
 * made into a string or an object, and a table costs two integers per token.
 *
 * @example
 * const index = new GramIndex([['a', 'b', 'c'], ['b', 'c', 'd']]);
 * index.piecesWith(index.idsOf(['b', 'c']), 0, 2); // => [0, 1]
 */
export class GramIndex {
  /** Token → id. */
  readonly ids = new Map<string, number>();
  /** Every piece's ids, one after the other. */
  readonly sequence: Int32Array;
  /** Piece p is `sequence[starts[p] … starts[p + 1] − 1]`. */
  readonly starts: Int32Array;
  /** The piece of each position. */
  private readonly pieceAt: Int32Array;
  private readonly tables = new Map<number, GramTable>();

  /**
   * Indexes `pieces`; or, given {@link GramArrays} (a model's binary form, modelBinary.ts), takes
   * its arrays as they are: the caller has checked them (ids in range, monotone starts).
   */
  constructor(pieces: readonly (readonly string[])[] | GramArrays) {
    if (!Array.isArray(pieces)) {
      const arrays = pieces as GramArrays;
      arrays.tokens.forEach((t, id) => {
        this.ids.set(t, id);
      });
      this.sequence = arrays.sequence;
      this.starts = arrays.starts;
      this.pieceAt = new Int32Array(arrays.sequence.length);
      for (let p = 0; p + 1 < this.starts.length; p++) this.pieceAt.fill(p, this.starts[p], this.starts[p + 1]);
      return;
    }
    let total = 0;
    for (const p of pieces) total += p.length;
    this.sequence = new Int32Array(total);
    this.starts = new Int32Array(pieces.length + 1);
    this.pieceAt = new Int32Array(total);
    let at = 0;
    pieces.forEach((tokens, p) => {
      this.starts[p] = at;
      for (const t of tokens) {
        let id = this.ids.get(t);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(t, id);
        }
        this.pieceAt[at] = p;
        this.sequence[at++] = id;
      }
    });
    this.starts[pieces.length] = at;
  }

  /** The index as arrays: every token by id, the pieces' ids one after the other, where each starts. */
  arrays(): GramArrays {
    return { tokens: [...this.ids.keys()], sequence: this.sequence, starts: this.starts };
  }

  /** The id of a token, -1 when no piece has it. */
  idOf(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  /** The ids of tokens (-1 for tokens no piece has). */
  idsOf(tokens: readonly string[]): Int32Array {
    return Int32Array.from(tokens, (t) => this.idOf(t));
  }

  /** Piece `p`'s ids (a view). */
  piece(p: number): Int32Array {
    return this.sequence.subarray(this.starts[p], this.starts[p + 1]);
  }

  /** How many distinct n-grams the pieces have. */
  distinct(n: number): number {
    return this.table(n).distinct;
  }

  /** Whether some piece has the n-gram `ids[from … from + n − 1]`. */
  has(ids: ArrayLike<number>, from: number, n: number): boolean {
    return this.first(ids, from, n) >= 0;
  }

  /** The pieces (ascending) that have the n-gram `ids[from … from + n − 1]`. */
  piecesWith(ids: ArrayLike<number>, from: number, n: number): number[] {
    const out: number[] = [];
    const { next } = this.table(n);
    for (let at = this.first(ids, from, n); at >= 0; at = next[at]) {
      const p = this.pieceAt[at];
      if (out[out.length - 1] !== p) out.push(p);
    }
    return out;
  }

  /** The first position of an n-gram (n ≥ 1), or -1. */
  private first(ids: ArrayLike<number>, from: number, n: number): number {
    for (let k = 0; k < n; k++) if (ids[from + k] < 0) return -1;
    const t = this.table(n);
    let slot = hashOf(ids, from, n) & t.mask;
    for (let s = t.slots[slot]; s !== 0; s = t.slots[slot]) {
      if (this.equals(s - 1, ids, from, n)) return s - 1;
      slot = (slot + 1) & t.mask;
    }
    return -1;
  }

  private equals(at: number, ids: ArrayLike<number>, from: number, n: number): boolean {
    const seq = this.sequence;
    for (let k = 0; k < n; k++) if (seq[at + k] !== ids[from + k]) return false;
    return true;
  }

  /** The table of n-grams, built on first use: each n-gram's first position, later ones chained. */
  private table(n: number): GramTable {
    return this.tables.get(n) ?? runSteps(this.build(n));
  }

  /**
   * Builds the table of n-grams ahead of its first use, a step per {@link POSITIONS_PER_STEP}
   * positions (a thousand tunes' table took one task of 20–100 ms in the page); then resolves to
   * {@link distinct}. The same table as a lookup builds at once.
   */
  *prepare(n: number): Steps<number> {
    return (this.tables.get(n) ?? (yield* this.build(n))).distinct;
  }

  private *build(n: number): Steps<GramTable> {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n-grams of ${n} tokens`);
    let grams = 0;
    for (let p = 0; p + 1 < this.starts.length; p++) grams += Math.max(0, this.starts[p + 1] - this.starts[p] - n + 1);
    let size = 16;
    while (size < 2 * grams) size *= 2;
    const slots = new Int32Array(size);
    const next = new Int32Array(this.sequence.length).fill(-1);
    const last = new Int32Array(this.sequence.length).fill(-1);
    const mask = size - 1;
    let distinct = 0;
    const seq = this.sequence;
    let stepEnd = POSITIONS_PER_STEP;
    for (let p = 0; p + 1 < this.starts.length; p++) {
      if (this.starts[p] >= stepEnd) {
        yield;
        stepEnd = this.starts[p] + POSITIONS_PER_STEP;
      }
      for (let at = this.starts[p]; at + n <= this.starts[p + 1]; at++) {
        let slot = hashOf(seq, at, n) & mask;
        for (;;) {
          const s = slots[slot];
          if (s === 0) {
            slots[slot] = at + 1;
            last[at] = at;
            distinct++;
            break;
          }
          if (this.equals(s - 1, seq, at, n)) {
            next[last[s - 1]] = at;
            last[s - 1] = at;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
    }
    // Another lookup may have built it meanwhile: the same table; the first one stays.
    const t = this.tables.get(n) ?? { slots, next, mask, distinct };
    this.tables.set(n, t);
    return t;
  }
}

/** A {@link GramIndex}'s data: token texts by id, the pieces' ids in one array, piece p from `starts[p]`. */
export interface GramArrays {
  readonly tokens: readonly string[];
  readonly sequence: Int32Array;
  readonly starts: Int32Array;
}

interface GramTable {
  /** First position + 1 of each n-gram, 0 when free. */
  slots: Int32Array;
  /** The next position of the same n-gram, -1 at the last. */
  next: Int32Array;
  mask: number;
  distinct: number;
}

function hashOf(ids: ArrayLike<number>, from: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ ids[from + k], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
