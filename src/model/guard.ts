/*
 * The originality guard (MaxOrder: Papadopoulos, Roy & Pachet, "Avoiding plagiarism in Markov
 * sequence generation", AAAI 2014): no generated sequence may contain a run of more than L tokens
 * copied verbatim from one training piece. A run of L + 1 tokens is a copy exactly when it is an
 * (L + 1)-gram of some piece, so the guard keeps the set of all of them, keyed by the joined tokens,
 * and forbids at sampling time any token that would complete one after the last L generated tokens.
 * constrainedSample.ts combines it with the constraints so it never causes a dead end.
 */

/** The training pieces' token sequences and the (L + 1)-grams a generated sequence may not contain. */
export interface CorpusIndex {
  /** L: the longest run that may be copied. */
  readonly maxRun: number;
  readonly pieces: readonly IndexedPiece[];
  /** Every (L + 1)-gram of every piece, tokens joined by {@link GRAM_SEP}. */
  readonly forbidden: ReadonlySet<string>;
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

/** Indexes pieces for the guard with L = `maxRun` (≥ 1). */
export function buildCorpusIndex(pieces: readonly IndexedPiece[], maxRun: number): CorpusIndex {
  const forbidden = new Set<string>();
  const n = maxRun + 1;
  for (const piece of pieces) {
    for (let i = 0; i + n <= piece.tokens.length; i++) forbidden.add(piece.tokens.slice(i, i + n).join(GRAM_SEP));
  }
  return { maxRun, pieces, forbidden };
}

/**
 * True when `token` after `history` (oldest first) would complete a run of L + 1 tokens found in a
 * training piece.
 */
export function copiesTooMuch(index: CorpusIndex, history: readonly string[], token: string): boolean {
  const L = index.maxRun;
  if (history.length < L) return false;
  let key = '';
  for (let i = history.length - L; i < history.length; i++) key += history[i] + GRAM_SEP;
  return index.forbidden.has(key + token);
}

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
  return (history, token) => {
    const n = history.length;
    if (context.length + n < L) return false;
    let key = '';
    for (let k = n - L; k < n; k++) key += (k < 0 ? context[context.length + k] : tokenOf(k, history[k])) + GRAM_SEP;
    return index.forbidden.has(key + tokenOf(n, token));
  };
}
