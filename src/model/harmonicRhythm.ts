import type { CorpusIndex } from './guard';
import { parseHarmonyToken } from './harmonyModel';
import { modelValue } from './modelMemo';

/**
 * How long a model's training pieces hold a chord: the `p`-th percentile (nearest rank) of their
 * chords' lengths in twelfths of a bar, a chord struck again right after itself counted as held.
 * Read from the chord guard's pieces, which every model (and model file) keeps; undefined for a
 * model that saw no chords.
 *
 * @example
 * heldChordPercentile(modelFor(chorales, preset).guards.chords, 95); // => 6 (half notes)
 */
export function heldChordPercentile(chords: CorpusIndex, p: number): number | undefined {
  return modelValue(chords, `held chord p${p}`, () => {
    const runs: number[] = [];
    for (const piece of chords.pieces) {
      let roman: string | undefined;
      let run = 0;
      for (const token of piece.tokens) {
        const chord = parseHarmonyToken(token);
        if (!chord) continue;
        if (chord.roman === roman) run += chord.twelfths;
        else {
          if (run > 0) runs.push(run);
          roman = chord.roman;
          run = chord.twelfths;
        }
      }
      if (run > 0) runs.push(run);
    }
    if (runs.length === 0) return undefined;
    runs.sort((a, b) => a - b);
    return runs[Math.min(runs.length - 1, Math.max(0, Math.ceil((p / 100) * runs.length) - 1))];
  });
}
