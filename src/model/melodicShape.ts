/*
 * Craft the sampler adds to the model when it composes (never when it scores: evaluate.ts reads
 * the model alone). A corpus of arpeggiated chiptune or of leaping jigs teaches leaps without
 * teaching what a musician does after one: a leap of a fifth or more is usually answered by a step
 * back the other way (the "gap-fill" of Meyer and Narmour; about one leap in five in the
 * Nottingham tunes). The rule is a floor on that step's probability, not a certainty, so the
 * style's own figures still come through.
 */

/** How the sampler shapes a melody beyond the model's probabilities. */
export interface MelodicShape {
  /** A leap of at least this many semitones asks for a step back (default 7, a fifth). */
  leap: number;
  /** After such a leap, the steps back (1 or 2 semitones the other way) get at least this share of the probability (default 0.5). */
  recovery: number;
}

export const shapeDefaults: MelodicShape = { leap: 7, recovery: 0.45 };

/**
 * Raises the probability of stepping back after a leap to at least `shape.recovery`, the other
 * candidates scaled down in proportion. `p[t]` is the probability of pitch `low + t`; `before` and
 * `last` are the two previous pitches (undefined where there are none).
 *
 * @example
 * shapeAfterLeap(p, 60, 60, 67, shapeDefaults); // after C–G, F and E (steps back) get ≥ half of p
 */
export function shapeAfterLeap(
  p: Float64Array,
  low: number,
  before: number | undefined,
  last: number | undefined,
  shape: MelodicShape,
): Float64Array {
  if (before === undefined || last === undefined) return p;
  const leap = last - before;
  if (Math.abs(leap) < shape.leap) return p;
  const back = -Math.sign(leap);
  let total = 0;
  let steps = 0;
  for (let t = 0; t < p.length; t++) {
    total += p[t];
    const d = (low + t - last) * back;
    if (d === 1 || d === 2) steps += p[t];
  }
  if (steps <= 0 || total <= 0 || steps >= shape.recovery * total) return p;
  const up = (shape.recovery * total) / steps;
  const down = ((1 - shape.recovery) * total) / (total - steps);
  for (let t = 0; t < p.length; t++) {
    const d = (low + t - last) * back;
    p[t] *= d === 1 || d === 2 ? up : down;
  }
  return p;
}
