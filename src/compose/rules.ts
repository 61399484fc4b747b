import type { MidiPitch } from '../core';

/*
 * The rules of voice leading the arranger listens by, as small pure functions over pitches.
 */

/** Interval class of two pitches: 0–6 semitones, octaves and direction folded away. */
export function intervalClass(a: MidiPitch, b: MidiPitch): number {
  const d = (((a - b) % 12) + 12) % 12;
  return Math.min(d, 12 - d);
}

/**
 * Whether two pitches rub (semitone apart): a semitone, a major seventh or a minor ninth apart (interval class
 * 1, in any octave) — what a chord tone must not sound against a melody note on a strong beat.
 */
export const semitoneApart = (a: MidiPitch, b: MidiPitch): boolean => intervalClass(a, b) === 1;

/**
 * The perfect interval two voices move in parallel by, from (a0, b0) to (a1, b1): 7 for fifths
 * (twelfths…), 0 for octaves or unisons, undefined when they do not (one holds, they move apart
 * in contrary motion, or the interval is another one or changes).
 *
 * @example
 * parallel(60, 67, 62, 69); // => 7 (C–G up to D–A)
 */
export function parallel(a0: MidiPitch, b0: MidiPitch, a1: MidiPitch, b1: MidiPitch): 0 | 7 | undefined {
  if (a0 === a1 || b0 === b1 || Math.sign(a1 - a0) !== Math.sign(b1 - b0)) return undefined;
  const before = Math.abs(a0 - b0) % 12;
  const after = Math.abs(a1 - b1) % 12;
  return before === after && (before === 0 || before === 7) ? before : undefined;
}

/**
 * Hidden (direct) fifths or octaves: two voices in similar motion into a perfect fifth or octave
 * that was not one before, the upper voice leaping — weak between the outer voices.
 */
export function hidden(upper0: MidiPitch, lower0: MidiPitch, upper1: MidiPitch, lower1: MidiPitch): boolean {
  if (upper0 === upper1 || lower0 === lower1 || Math.sign(upper1 - upper0) !== Math.sign(lower1 - lower0)) return false;
  const after = Math.abs(upper1 - lower1) % 12;
  const before = Math.abs(upper0 - lower0) % 12;
  return (after === 0 || after === 7) && before !== after && Math.abs(upper1 - upper0) > 2;
}
