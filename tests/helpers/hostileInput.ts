/** Inputs a hostile or careless user gives (issue #19), built by the tests that use them. */

/** "A B C …": `n` letters with spaces, the form that froze the page at 33. */
export const spaced = (n: number): string =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (i % 26))).join(' ');

/** `inner` inside `depth` arrays: "[[[1]]]". */
export const nested = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);

/** A one-note piece with one chord: as little as a corpus can hold. */
export function tinyPiece(i: number) {
  return {
    id: `tiny-${i}`,
    title: `Tiny ${i}`,
    source: 'built by the test',
    licence: 'CC0-1.0',
    key: 'C',
    mode: 'major',
    meter: [4, 4],
    tempo: 100,
    tracks: [{ name: 'Melody', role: 'melody', notes: [{ pitch: 60 + i, tick: 0, duration: 480, velocity: 90 }] }],
    chords: [{ tick: 0, duration: 1920, symbol: 'C' }],
  };
}

/** A corpus file (its text) of `pieces`. */
export function corpusText(pieces: readonly unknown[]): string {
  return JSON.stringify({ format: 'markov-muse/corpus', version: 1, name: 'tiny', description: '', ppq: 480, pieces });
}

/** A corpus file of `n` one-note pieces: far too small to learn from. */
export const tinyCorpus = (n: number): string => corpusText(Array.from({ length: n }, (_, i) => tinyPiece(i)));
