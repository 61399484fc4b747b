import { GramIndex } from './gramIndex';

/*
 * The originality guard (MaxOrder: Papadopoulos, Roy & Pachet, "Avoiding plagiarism in Markov
 * sequence generation", AAAI 2014): no generated sequence may contain a run of more than L tokens
 * copied verbatim from one training piece. A run of L + 1 tokens is a copy exactly when it is an
 * (L + 1)-gram of some piece, so the guard keeps the set of all of them (gramIndex.ts), and forbids at sampling time any token that would complete one after the last L generated tokens.
 * constrainedSample.ts combines it with the constraints so it never causes a dead end.
 */

/** The training pieces' token sequences and the (L + 1)-grams a generated sequence may not contain. */
export interface CorpusIndex {
  /** L: the longest run that may be copied. */
  readonly maxRun: number;
  readonly pieces: readonly IndexedPiece[];
  /** The pieces' n-grams for every n (gramIndex.ts): the guard asks about n = L + 1, the originality report about others. */
  readonly grams: GramIndex;
  /** Every (L + 1)-gram of every piece, asked for by its tokens joined by {@link GRAM_SEP}. */
  readonly forbidden: { has(key: string): boolean; readonly size: number };
}

/** One training piece as a sequence of guard tokens. */
export interface IndexedPiece {
  readonly id: string;
  readonly tokens: readonly string[];
}

/** Joins the tokens of an n-gram key; a control character no token contains. */
export const GRAM_SEP = '\u0001';

/** Melody runs longer than 6 notes (scale degree and length) count as copies, by default. */
export const DEFAULT_MELODY_MAX_RUN = 6;
/** Chord runs longer than 8 chords (roman numeral and length) count as copies, by default. */
export const DEFAULT_CHORD_MAX_RUN = 8;

/*
 * A transposed copy is a copy too: the same intervals and lengths from another starting note (or
 * in another key relation) are the same tune to the ear. Each note after the first is one
 * interval token, "interval|length before|length" ("-2|6|12": down a tone from an eighth to a
 * quarter), so n notes copied are n − 1 tokens copied, and the melody's limit of L notes is a
 * limit of L − 1 interval tokens.
 */

/** The interval token of a note: its interval from the note before (semitones) and both lengths (units). */
export const intervalToken = (interval: number, before: number, units: number): string =>
  `${interval}|${before}|${units}`;

/** The interval tokens of a melody (pitches and lengths in units), one fewer than its notes. */
export function intervalTokens(notes: readonly { pitch: number; units: number }[]): string[] {
  return notes.slice(1).map((n, i) => intervalToken(n.pitch - notes[i].pitch, notes[i].units, n.units));
}

/** Indexes pieces' interval tokens for the transposed guard: no run of more than `maxNotes` notes. */
export function buildTransposedIndex(pieces: readonly IndexedPiece[], maxNotes: number): CorpusIndex {
  return buildCorpusIndex(pieces, Math.max(0, maxNotes - 1));
}

/** Indexes pieces for the guard with L = `maxRun` (≥ 0). */
export function buildCorpusIndex(pieces: readonly IndexedPiece[], maxRun: number): CorpusIndex {
  return indexOf(new GramIndex(pieces.map((p) => p.tokens)), pieces, maxRun);
}

/**
 * The guard of pieces already indexed (a model's binary form keeps the index's arrays): `ids[p]`
 * names piece p, whose tokens are read from the index when first asked for.
 */
export function corpusIndexOf(grams: GramIndex, ids: readonly string[], maxRun: number): CorpusIndex {
  const { tokens } = grams.arrays();
  const pieces = ids.map((id, p): IndexedPiece => {
    let read: string[] | undefined;
    return {
      id,
      get tokens() {
        read ??= Array.from(grams.piece(p), (t) => tokens[t]);
        return read;
      },
    };
  });
  return indexOf(grams, pieces, maxRun);
}

function indexOf(grams: GramIndex, pieces: readonly IndexedPiece[], maxRun: number): CorpusIndex {
  const n = maxRun + 1;
  const forbidden = {
    has(key: string): boolean {
      const tokens = key.split(GRAM_SEP);
      return tokens.length === n && grams.has(grams.idsOf(tokens), 0, n);
    },
    get size(): number {
      return grams.distinct(n);
    },
  };
  return { maxRun, pieces, grams, forbidden };
}

/**
 * True when `token` after `history` (oldest first) would complete a run of L + 1 tokens found in a
 * training piece.
 */
export function copiesTooMuch(index: CorpusIndex, history: readonly string[], token: string): boolean {
  const L = index.maxRun;
  if (history.length < L) return false;
  return forbids(index, [...history.slice(history.length - L), token], 0);
}

/** Whether the L + 1 tokens `tokens[from …]` are a run some training piece has (L = the index's maxRun). */
export function forbids(index: CorpusIndex, tokens: readonly string[], from: number): boolean {
  const n = index.maxRun + 1;
  const ids = scratchIds(n);
  for (let k = 0; k < n; k++) ids[k] = index.grams.idOf(tokens[from + k]);
  return index.grams.has(ids, 0, n); // (a token no piece has, id -1, matches nothing)
}

let scratch = new Int32Array(64);
const scratchIds = (n: number): Int32Array => {
  if (scratch.length < n) scratch = new Int32Array(2 * n);
  return scratch;
};

/**
 * The guard as the sampler asks it: does token `token` after `history` (this phrase's tokens, after
 * the guard tokens `context`) complete a run of L + 1 tokens found in a training piece? The same
 * answer as {@link copiesTooMuch} on the whole sequence, reading only its last L tokens.
 * `tokenOf(position, token)` names a phrase token at a position of the phrase as a guard token.
 */
export function guardOf(
  index: CorpusIndex,
  context: readonly string[],
  tokenOf: (position: number, token: number) => string,
): (history: readonly number[], token: number) => boolean {
  const L = index.maxRun;
  const { grams } = index;
  const ids = new Int32Array(L + 1);
  return (history, token) => {
    const n = history.length;
    if (context.length + n < L) return false;
    for (let k = n - L, i = 0; k < n; k++, i++)
      ids[i] = grams.idOf(k < 0 ? context[context.length + k] : tokenOf(k, history[k]));
    ids[L] = grams.idOf(tokenOf(n, token));
    return grams.has(ids, 0, L + 1);
  };
}
