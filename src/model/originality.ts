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

const gramCache = new WeakMap<CorpusIndex, Map<number, Map<string, number[]>>>();

/** Every n-gram of the indexed pieces → the pieces (indices, ascending) it occurs in; built once per n. */
function gramsOf(index: CorpusIndex, n: number): Map<string, number[]> {
  let byN = gramCache.get(index);
  if (!byN) {
    byN = new Map();
    gramCache.set(index, byN);
  }
  let grams = byN.get(n);
  if (!grams) {
    grams = new Map();
    index.pieces.forEach((piece, p) => {
      for (let i = 0; i + n <= piece.tokens.length; i++) {
        const key = piece.tokens.slice(i, i + n).join(GRAM_SEP);
        const where = grams?.get(key);
        if (!where) grams?.set(key, [p]);
        else if (where[where.length - 1] !== p) where.push(p);
      }
    });
    byN.set(n, grams);
  }
  return grams;
}

/** The distinct n-grams of a sequence. */
function distinctGrams(tokens: readonly string[], n: number): string[] {
  const out = new Set<string>();
  for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(GRAM_SEP));
  return [...out];
}

/** A function numbering strings: the same id for the same string, new ids from 0 up for new ones. */
function numbering(ids = new Map<string, number>()): (token: string) => number {
  return (token) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = ids.size;
      ids.set(token, id);
    }
    return id;
  };
}

/** The pieces of an index as token ids, and the ids; built once per index. */
const idCache = new WeakMap<CorpusIndex, { ids: Map<string, number>; pieces: Int32Array[] }>();
function piecesAsIds(index: CorpusIndex): { ids: Map<string, number>; pieces: Int32Array[] } {
  let cached = idCache.get(index);
  if (!cached) {
    const ids = new Map<string, number>();
    const id = numbering(ids);
    cached = { ids, pieces: index.pieces.map((p) => Int32Array.from(p.tokens, id)) };
    idCache.set(index, cached);
  }
  return cached;
}

/**
 * For each start i of `generated`, how many tokens from i some piece contains in a row, up to
 * `cap`: the n-grams from i are looked up for n = 1, 2, … until one is missing (every prefix of a
 * copied run is copied too).
 */
function copiedReach(index: CorpusIndex, generated: readonly string[], cap: number): number[] {
  return generated.map((_, i) => {
    let key = '';
    let n = 0;
    while (n < cap && i + n < generated.length) {
      key += (n > 0 ? GRAM_SEP : '') + generated[i + n];
      if (!gramsOf(index, n + 1).has(key)) break;
      n++;
    }
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
  generated: readonly string[],
  reach: readonly number[],
  cap: number,
): OriginalityReport['longestCopy'] {
  const longest = reach.reduce((a, b) => Math.max(a, b), 0);
  if (longest === 0) return { length: 0, pieceId: null, start: 0 };
  const { ids, pieces } = piecesAsIds(index);
  let first = pieces.length;
  if (longest < cap)
    reach.forEach((n, i) => {
      const where = n === longest ? gramsOf(index, n).get(generated.slice(i, i + n).join(GRAM_SEP)) : undefined;
      if (where) first = Math.min(first, where[0]);
    });
  const read = first < pieces.length ? [first] : pieces.map((_, p) => p);
  // A token no piece has gets -1: it matches nothing.
  const runs = new RunFinder(generated.map((t) => ids.get(t) ?? -1));
  let copy: OriginalityReport['longestCopy'] = { length: 0, pieceId: null, start: 0 };
  for (const p of read) {
    const run = runs.longestIn(pieces[p]);
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
    for (let i = 0; i < total; i++)
      if (n < 1 ? !gramsOf(index, n).has(generated.slice(i, i + n).join(GRAM_SEP)) : reach[i] < n) novel++;
    return { n, total, novel, share: total > 0 ? novel / total : 1 };
  });
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
  const ngrams = options.ngrams ?? Array.from({ length: Math.max(6, index.maxRun + 1) - 2 }, (_, i) => i + 3);
  // Past L + 1 tokens a run is a copy the guard should have stopped: looked up no further.
  const cap = Math.max(index.maxRun + 1, ...ngrams);
  const reach = copiedReach(index, generated, cap);
  const longestCopy = longestCopyOf(index, generated, reach, cap);
  const novelty = noveltyOf(index, generated, ngrams, reach);
  const closestN = options.closestN ?? 4;
  const mine = distinctGrams(generated, closestN);
  const shared = new Map<number, number>();
  const grams = gramsOf(index, closestN);
  for (const g of mine) for (const p of grams.get(g) ?? []) shared.set(p, (shared.get(p) ?? 0) + 1);
  const closest = [...shared]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.closest ?? 3)
    .map(([p, count]) => ({
      pieceId: index.pieces[p].id,
      shared: count,
      share: mine.length > 0 ? count / mine.length : 0,
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
  const ngrams = Array.from({ length: Math.max(6, notes + 1) - 2 }, (_, i) => i + 2);
  const r = originalityReport(index, intervals, { ...options, ngrams, closestN: 3 });
  return {
    ...r,
    tokens: intervals.length,
    maxRun: notes,
    longestCopy: { ...r.longestCopy, length: r.longestCopy.length > 0 ? r.longestCopy.length + 1 : 0 },
    novelty: r.novelty.map((row) => ({ ...row, n: row.n + 1 })),
  };
}
