import type { PitchClass } from '../core';

const pc = (p: number): PitchClass => ((p % 12) + 12) % 12;

/** What a note is in its chord: 1 root, 3 third, 5 fifth, 7 seventh, 6 sixth, 2/4 suspension, 9/11/13 extensions. */
export type Degree = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 9 | 11 | 13;

/** One chord tone: its pitch class and its degree. */
export interface ChordTone {
  pc: PitchClass;
  degree: Degree;
}

/**
 * The degrees of a chord's pitch classes (root first, as `chordPitchClasses` gives them), read
 * from the intervals above the root: a sixth chord's 6 and a thirteenth chord's 13 are told apart
 * by whether a seventh is there, a sus chord's 2 or 4 from an added ninth or eleventh by whether a
 * third is.
 *
 * @example
 * chordTones([5, 9, 0, 4, 7]); // Fmaj9 => degrees 1 3 5 7 9
 */
export function chordTones(pitchClasses: readonly PitchClass[]): ChordTone[] {
  if (pitchClasses.length === 0) return [];
  const root = pitchClasses[0];
  const above = pitchClasses.map((p) => pc(p - root));
  const hasThird = above.some((i) => i === 3 || i === 4);
  const hasSeventh = above.some((i, k) => k >= 3 && (i === 10 || i === 11));
  const diminished = above[2] === 6;
  return pitchClasses.map((p, k) => ({
    pc: pc(p),
    degree: degreeOf(above[k], k, hasThird, hasSeventh, diminished),
  }));
}

function degreeOf(
  interval: number,
  index: number,
  hasThird: boolean,
  hasSeventh: boolean,
  diminished: boolean,
): Degree {
  if (index === 0) return 1;
  switch (interval) {
    case 3:
      return index === 1 || !hasThird ? 3 : 9; // a minor third, or a sharp ninth over a major third
    case 4:
      return 3;
    case 6:
    case 7:
    case 8:
      return index === 2 || index === 1 ? 5 : interval === 6 ? 11 : interval === 8 ? 13 : 5;
    case 10:
    case 11:
      return 7;
    case 9:
      // A diminished seventh sits where a sixth would (over a diminished fifth); a sixth chord's
      // sixth has no seventh beside it; else a thirteenth.
      return hasSeventh ? 13 : index === 3 && diminished ? 7 : 6;
    case 1:
    case 2:
      return hasThird ? 9 : 2;
    case 5:
      return hasThird ? 11 : 4;
    default:
      return 5;
  }
}

/** The leading tone of a key: a semitone under the tonic. */
export const leadingTone = (tonic: PitchClass): PitchClass => pc(tonic - 1);
