import type { Steps } from '../core';
import { type CorpusIndex, GRAM_SEP } from './guard';
import { RunFinder } from './longestRun';

/** How much a generated sequence owes to the training pieces. */
export interface OriginalityReport {
  /** Length of the generated sequence, in tokens. */
  readonly tokens: number;
  /** L of the guard the sequence was generated with. */
  readonly maxRun: number;
  /** The longest run copied verbatim from one training piece, that piece, and where the run starts. */
  readonly longestCopy: { readonly length: number; readonly pieceId: string | null; readonly start: number };
  /** For each n, how many of the sequence's n-grams occur in no training piece. */
  readonly novelty: readonly {
    readonly n: number;
    readonly total: number;
    readonly novel: number;
    readonly share: number;
  }[];
  /** The training pieces sharing the most distinct n-grams (n = `closestN`) with the sequence, most first. */
  readonly closest: readonly { readonly pieceId: string; readonly shared: number; readonly share: number }[];
  /** Tokens drawn with the guard relaxed (0 unless the constraints left no other way). */
  readonly relaxed: number;
}

/** Options of {@link originalityReport}. */
export interface OriginalityOptions {
  /** The n of the novelty shares (default 3 up to L + 1, at least up to 6). */
  ngrams: readonly number[];
  /** The n of "shared n-grams" for the closest pieces (default 4). */
  closestN: number;
  /** How many closest pieces to list (default 3). */
  closest: number;
  /** Guard relaxations reported by the sampler, if any. */
  relaxed: number;
}

/** The distinct n-grams of a sequence, each with where it first starts. */
function distinctGrams(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(GRAM_SEP);
    if (!out.has(key)) out.set(key, i);
  }
  return out;
}

/**
 * For each start i of `ids` (the generated tokens' ids in the index), how many tokens from i some
 * piece contains in a row, up to `cap`: the n-grams from i are looked up for n = 1, 2, … until one
 * is missing (every prefix of a copied run is copied too).
 */
function copiedReach(index: CorpusIndex, ids: Int32Array, cap: number): number[] {
  return Array.from(ids, (_, i) => {
    let n = 0;
    while (n < cap && i + n < ids.length && index.grams.has(ids, i, n + 1)) n++;
    return n;
  });
}

/**
 * The longest run of `generated` copied from one piece: the first piece with the longest. With
 * the reach of every start known below `cap`, the run's length is their largest, its piece the
 * first holding one such run, and only that piece is read for where the run starts; a reach of
 * `cap` may go on, and then every piece is read.
 */
function longestCopyOf(
  index: CorpusIndex,
  ids: Int32Array,
  reach: readonly number[],
  cap: number,
): OriginalityReport['longestCopy'] {
  const longest = reach.reduce((a, b) => Math.max(a, b), 0);
  if (longest === 0) return { length: 0, pieceId: null, start: 0 };
  const pieces = index.pieces.length;
  let first = pieces;
  if (longest < cap)
    reach.forEach((n, i) => {
      const where = n === longest ? index.grams.piecesWith(ids, i, n) : [];
      if (where.length > 0) first = Math.min(first, where[0]);
    });
  const read = first < pieces ? [first] : index.pieces.map((_, p) => p);
  // A token no piece has has the id -1: it matches nothing.
  const runs = new RunFinder(ids);
  let copy: OriginalityReport['longestCopy'] = { length: 0, pieceId: null, start: 0 };
  for (const p of read) {
    const run = runs.longestIn(index.grams.piece(p));
    if (run.length > copy.length) copy = { length: run.length, pieceId: index.pieces[p].id, start: run.start };
  }
  return copy;
}

/** For each n of `ngrams` (each at most the cap of `reach`), how many n-grams of `generated` no piece contains. */
function noveltyOf(
  index: CorpusIndex,
  generated: readonly string[],
  ngrams: readonly number[],
  reach: readonly number[],
): OriginalityReport['novelty'] {
  return ngrams.map((n) => {
    const total = Math.max(0, generated.length - n + 1);
    let novel = 0;
    // (The empty gram is in every corpus that has a piece.)
    for (let i = 0; i < total; i++) if (n < 1 ? index.pieces.length === 0 : reach[i] < n) novel++;
    return { n, total, novel, share: total > 0 ? novel / total : 1 };
  });
}

/** The n-grams {@link originalityReport} counts by default: 3 … max(6, L + 1). */
const melodyNgrams = (maxRun: number) => Array.from({ length: Math.max(6, maxRun + 1) - 2 }, (_, i) => i + 3);
/** The n-grams (in tokens) {@link transposedReport} counts: 2 … max(5, L + 1). */
const transposedNgrams = (maxRun: number) => Array.from({ length: Math.max(6, maxRun + 2) - 2 }, (_, i) => i + 2);

/**
 * The n-gram lengths the guard and the report of `index` look up (1 … the report's cap), each a
 * table of the index built on first use (gramIndex.ts): a page builds them ahead of a large
 * model's first piece, a few at a time, rather than all within it. `transposed` for
 * {@link transposedReport}'s index.
 */
export function reportLengths(index: CorpusIndex, transposed = false): number[] {
  const ngrams = transposed ? transposedNgrams(index.maxRun) : melodyNgrams(index.maxRun);
  const cap = Math.max(index.maxRun + 1, ...ngrams);
  return Array.from({ length: cap }, (_, i) => i + 1);
}

/**
 * Builds every table of {@link reportLengths} of a model's guards, a few thousand positions per
 * step (GramIndex.prepare): what a page runs ahead of a large model's first piece.
 */
export function* prepareGuardTables(guards: {
  readonly melody: CorpusIndex;
  readonly chords: CorpusIndex;
  readonly transposed?: CorpusIndex;
}): Steps<void> {
  const { melody, chords, transposed } = guards;
  for (const n of reportLengths(melody)) yield* melody.grams.prepare(n);
  for (const n of reportLengths(chords)) yield* chords.grams.prepare(n);
  if (transposed) for (const n of reportLengths(transposed, true)) yield* transposed.grams.prepare(n);
}

/**
 * The originality report of a generated token sequence against the pieces a model trained on:
 * longest verbatim run (and its piece), share of novel n-grams, closest pieces by shared n-grams.
 *
 * @example
 * const report = originalityReport(model.guards.melody, melodyGuardTokens);
 * report.longestCopy.length; // => at most model.guards.melody.maxRun when the guard was on
 */
export function originalityReport(
  index: CorpusIndex,
  generated: readonly string[],
  options: Partial<OriginalityOptions> = {},
): OriginalityReport {
  const ngrams = options.ngrams ?? melodyNgrams(index.maxRun);
  // Past L + 1 tokens a run is a copy the guard should have stopped: looked up no further.
  const cap = Math.max(index.maxRun + 1, ...ngrams);
  const ids = index.grams.idsOf(generated);
  const reach = copiedReach(index, ids, cap);
  const longestCopy = longestCopyOf(index, ids, reach, cap);
  const novelty = noveltyOf(index, generated, ngrams, reach);
  const closestN = options.closestN ?? 4;
  const distinct = distinctGrams(generated, closestN);
  const shared = new Map<number, number>();
  for (const at of distinct.values())
    for (const p of index.grams.piecesWith(ids, at, closestN)) shared.set(p, (shared.get(p) ?? 0) + 1);
  const closest = [...shared]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.closest ?? 3)
    .map(([p, count]) => ({
      pieceId: index.pieces[p].id,
      shared: count,
      share: distinct.size > 0 ? count / distinct.size : 0,
    }));
  return {
    tokens: generated.length,
    maxRun: index.maxRun,
    longestCopy,
    novelty,
    closest,
    relaxed: options.relaxed ?? 0,
  };
}

/**
 * The originality report on transposed copies, counted in notes like the melody's: the sequence
 * is the melody's interval tokens (guard.ts), and n notes copied are n − 1 tokens copied, so every
 * length and n here is one more than the tokens'.
 *
 * @example
 * transposedReport(model.guards.transposed, tokens).longestCopy.length; // => at most L notes with the guard on
 */
export function transposedReport(
  index: CorpusIndex,
  intervals: readonly string[],
  options: Partial<Pick<OriginalityOptions, 'closest' | 'relaxed'>> = {},
): OriginalityReport {
  const notes = index.maxRun + 1;
  const ngrams = transposedNgrams(index.maxRun);
  const r = originalityReport(index, intervals, { ...options, ngrams, closestN: 3 });
  return {
    ...r,
    tokens: intervals.length,
    maxRun: notes,
    longestCopy: { ...r.longestCopy, length: r.longestCopy.length > 0 ? r.longestCopy.length + 1 : 0 },
    novelty: r.novelty.map((row) => ({ ...row, n: row.n + 1 })),
  };
}
