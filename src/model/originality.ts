import { type CorpusIndex, GRAM_SEP } from './guard';

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

/** Longest common run of `a` and `b` (dynamic programming, one row): its length and where it starts in `a`. */
export function longestCommonRun(a: readonly string[], b: readonly string[]): { length: number; start: number } {
  let row = new Int32Array(a.length + 1);
  let next = new Int32Array(a.length + 1);
  let best = { length: 0, start: 0 };
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      next[i] = a[i - 1] === b[j - 1] ? row[i - 1] + 1 : 0;
      if (next[i] > best.length) best = { length: next[i], start: i - next[i] };
    }
    [row, next] = [next, row];
  }
  return best;
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
  let longestCopy: OriginalityReport['longestCopy'] = { length: 0, pieceId: null, start: 0 };
  for (const piece of index.pieces) {
    const run = longestCommonRun(generated, piece.tokens);
    if (run.length > longestCopy.length) longestCopy = { length: run.length, pieceId: piece.id, start: run.start };
  }
  const ngrams = options.ngrams ?? Array.from({ length: Math.max(6, index.maxRun + 1) - 2 }, (_, i) => i + 3);
  const novelty = ngrams.map((n) => {
    const grams = gramsOf(index, n);
    let total = 0;
    let novel = 0;
    for (let i = 0; i + n <= generated.length; i++) {
      total++;
      if (!grams.has(generated.slice(i, i + n).join(GRAM_SEP))) novel++;
    }
    return { n, total, novel, share: total > 0 ? novel / total : 1 };
  });
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
