import { type ScoringContext, TONES, type Window } from './score';

/*
 * Bounds on the scores of {@link bestChord}'s chords, cheap enough to compute for every window the
 * labeller looks at, so that windows and roots that cannot win are not scored (see segment.ts).
 */

/** What {@link scoreBound} found in a window that {@link scoreBestChord} can use to skip roots. */
export interface WindowTops {
  /** The sums of the three and of the four heaviest weights, and the third heaviest weight. */
  heavy3: number;
  heavy4: number;
  third: number;
  /** The largest bass reward of a pitch class. */
  bassReward: number;
}

/**
 * A number no chord's score in the window can exceed (see {@link bestChord}), cheap to compute: a
 * chord of n tones covers at most the n heaviest pitch classes, misses at least n minus the number
 * sounding, is charged at least the n smallest absences and its least prior, and the bass rewards
 * are at most their largest. +∞ when the options allow no bound.
 */
export function scoreBound(window: Window, duration: number, context: ScoringContext, tops?: WindowTops): number {
  const least = context.leastPrior;
  if (!least) return Number.POSITIVE_INFINITY;
  const { weight, bassOfChord, absentFromChord, total } = window;
  const o = context.options;
  const bassFit = o.bassFit;
  // The four heaviest weights (h0 ≥ h1 ≥ h2 ≥ h3) and the four smallest absences (a0 ≤ … ≤ a3),
  // in locals: this runs for every window the labeller looks at.
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let a0 = Number.POSITIVE_INFINITY;
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let sounding = 0;
  let bassReward = Number.NEGATIVE_INFINITY;
  for (let pc = 0; pc < 12; pc++) {
    const w = weight[pc];
    if (w > 0) {
      sounding++;
      if (w > h3) {
        if (w > h1) {
          h3 = h2;
          if (w > h0) {
            h2 = h1;
            h1 = h0;
            h0 = w;
          } else {
            h2 = h1;
            h1 = w;
          }
        } else if (w > h2) {
          h3 = h2;
          h2 = w;
        } else h3 = w;
      }
    }
    const a = absentFromChord[pc];
    if (a < a3) {
      if (a < a1) {
        a3 = a2;
        if (a < a0) {
          a2 = a1;
          a1 = a0;
          a0 = a;
        } else {
          a2 = a1;
          a1 = a;
        }
      } else if (a < a2) {
        a3 = a2;
        a2 = a;
      } else a3 = a;
    }
    const reward = bassFit * bassOfChord[pc];
    if (reward > bassReward) bassReward = reward;
  }
  let bound = Number.NEGATIVE_INFINITY;
  let covered = 0;
  let absent = 0;
  for (let count = 1; count <= TONES; count++) {
    covered += count === 1 ? h0 : count === 2 ? h1 : count === 3 ? h2 : h3;
    absent += count === 1 ? a0 : count === 2 ? a1 : count === 3 ? a2 : a3;
    if (least[count] === Number.POSITIVE_INFINITY) continue;
    const missing = count > sounding ? count - sounding : 0;
    const score =
      covered -
      o.nonChordTone * (total - covered) -
      o.absentTone * absent -
      context.beat * (o.missingTone * missing + least[count]);
    if (score > bound) bound = score;
  }
  if (tops) {
    tops.heavy3 = h0 + h1 + h2;
    tops.heavy4 = h0 + h1 + h2 + h3;
    tops.third = h2;
    tops.bassReward = bassReward;
  }
  const rooted = o.rootInBass * duration;
  return bound + Math.max(rooted, 0) + bassReward;
}
