/*
 * Craft the sampler adds to the model when it composes (never when it scores: evaluate.ts reads
 * the model alone). A corpus of arpeggiated chiptune or of leaping jigs teaches leaps without
 * teaching what a musician does after one: a leap of a fifth or more is usually answered by a step
 * back the other way (the "gap-fill" of Meyer and Narmour; about one leap in five in the
 * Nottingham tunes). The rule is a floor on that step's probability, not a certainty, so the
 * style's own figures still come through. And a note on a beat is heard against the chord: a
 * preset's chord-tone bias makes the chord's tones that much likelier there (the preset field
 * `melody.chordToneBias`), so long notes on strong beats rest on the harmony.
 */

/** How the sampler shapes a melody beyond the model's probabilities. */
export interface MelodicShape {
  /** A leap of at least this many semitones asks for a step back (default 7, a fifth). */
  leap: number;
  /** After such a leap, the steps back (1 or 2 semitones the other way) get at least this share of the probability (default 0.6). */
  recovery: number;
  /** On a downbeat or a beat, the chord's tones are this many times likelier (default 1: as the model has it). */
  chordTones: number;
}

export const shapeDefaults: MelodicShape = { leap: 7, recovery: 0.6, chordTones: 1 };

/**
 * Multiplies the probability of the chord's tones (`tones`: pitch classes above the tonic) by
 * `shape.chordTones` where the note falls on a beat. `p[t]` is the probability of pitch `low + t`.
 */
export function shapeOnBeat(
  p: Float64Array,
  low: number,
  onBeat: boolean,
  tones: readonly number[] | undefined,
  shape: MelodicShape,
): Float64Array {
  if (!onBeat || !tones || shape.chordTones === 1) return p;
  for (let t = 0; t < p.length; t++) if (tones.includes((((low + t) % 12) + 12) % 12)) p[t] *= shape.chordTones;
  return p;
}

/**
 * Raises the chance of stepping back after a leap to at least `shape.recovery`, the other
 * candidates scaled down in proportion: `logWeights[t]` (log, unnormalised) is the weight of pitch
 * `low + t` among `candidates`; `before` and `last` are the two previous pitches (undefined where
 * there are none). Applied to the sampler's final weights (StepModel.reweigh), so the floor holds
 * for what is drawn, whatever the look-ahead of the constraints prefers.
 *
 * @example
 * recoverLeap([5, 4, 9], weights, 60, 60, 67, shapeDefaults); // after C–G: F (65) and E (64) get ≥ 60 %
 */
export function recoverLeap(
  candidates: readonly number[],
  logWeights: number[],
  low: number,
  before: number | undefined,
  last: number | undefined,
  shape: MelodicShape,
): void {
  if (before === undefined || last === undefined) return;
  const leap = last - before;
  if (Math.abs(leap) < shape.leap) return;
  const back = -Math.sign(leap);
  const isBack = (t: number) => {
    const d = (low + t - last) * back;
    return d === 1 || d === 2;
  };
  let max = Number.NEGATIVE_INFINITY;
  for (const t of candidates) max = Math.max(max, logWeights[t]);
  let total = 0;
  let steps = 0;
  for (const t of candidates) {
    const w = Math.exp(logWeights[t] - max);
    total += w;
    if (isBack(t)) steps += w;
  }
  if (steps <= 0 || steps >= shape.recovery * total) return;
  const up = Math.log((shape.recovery * total) / steps);
  const down = Math.log(((1 - shape.recovery) * total) / (total - steps));
  for (const t of candidates) logWeights[t] += isBack(t) ? up : down;
}
