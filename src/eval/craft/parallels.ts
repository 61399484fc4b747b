import type { Share } from './share';
import type { Sonority, VoiceNote } from './sonority';

/** Parallel fifths and octaves over the chord changes of a texture. */
export interface ParallelsMeasure {
  /** Chord changes with at least one pair of voices moving in parallel fifths (or twelfths…). */
  fifths: Share;
  /** Chord changes with at least one pair moving in parallel octaves or unisons (or double octaves…). */
  octaves: Share;
}

/**
 * Parallel fifths and octaves, as a musician marks them in a chorale: between two consecutive beats
 * whose sonorities differ (a chord change, in a texture that moves by the beat), two voices that
 * both move, in the same direction, from a perfect fifth to a perfect fifth — or from an octave or
 * unison to an octave or unison — counting compound intervals (a twelfth is a fifth, a double
 * octave an octave) and any two voices, outer or inner. Fifths approached by contrary motion,
 * hidden fifths and a voice that holds are not counted. The share is of chord changes: how many
 * changes have at least one such pair.
 *
 * @example
 * // C4–G4 moving up to D4–A4:
 * measureParallels([slice(0, [67, 60]), slice(480, [69, 62])]); // => { fifths: { count: 1, of: 1 }, ... }
 */
export function measureParallels(slices: readonly Sonority[]): ParallelsMeasure {
  const fifths = { count: 0, of: 0 };
  const octaves = { count: 0, of: 0 };
  for (let i = 1; i < slices.length; i++) {
    const before = slices[i - 1].voices;
    const after = slices[i].voices;
    if (after.length < 2 || before.length < 2 || sameSound(before, after)) continue;
    fifths.of++;
    octaves.of++;
    const kinds = parallelKinds(before, after);
    if (kinds.has(7)) fifths.count++;
    if (kinds.has(0)) octaves.count++;
  }
  return { fifths, octaves };
}

/** The parallel intervals (7: fifth, 0: octave or unison) between two sonorities, voice by voice. */
export function parallelKinds(before: readonly VoiceNote[], after: readonly VoiceNote[]): Set<number> {
  const kinds = new Set<number>();
  const next = new Map(after.map((v) => [v.voice, v.pitch]));
  const moves = before.flatMap((v) => {
    const to = next.get(v.voice);
    return to === undefined || to === v.pitch ? [] : [{ from: v.pitch, to }];
  });
  for (let a = 0; a < moves.length; a++)
    for (let b = a + 1; b < moves.length; b++) {
      const x = moves[a];
      const y = moves[b];
      if (Math.sign(x.to - x.from) !== Math.sign(y.to - y.from)) continue;
      const from = Math.abs(x.from - y.from) % 12;
      const to = Math.abs(x.to - y.to) % 12;
      if (from === to && (from === 7 || from === 0)) kinds.add(from);
    }
  return kinds;
}

function sameSound(a: readonly VoiceNote[], b: readonly VoiceNote[]): boolean {
  return a.length === b.length && a.every((v, i) => v.voice === b[i].voice && v.pitch === b[i].pitch);
}
