import type { Ticks } from '../../core';
import { CHORD_SUFFIXES } from './vocabulary';

/**
 * Tuning of the chord labeller. Evidence is counted in ticks of one voice: a cost of 1 per tick is
 * what one non-chord note sounding for that tick costs. Costs of a label as a whole (its type, its
 * missing tones, the change to it) are in beats of one voice, so they do not grow with its length —
 * otherwise cutting a long label short would pay.
 */
export interface LabelOptions {
  /** Time to label; `null` labels from the first note onset to the last note end. */
  span: { start: Ticks; end: Ticks } | null;
  /** Chord types allowed, as tonal suffixes ("" major, "m", "7", "sus4", …; see `CHORD_SUFFIXES`). */
  types: readonly string[];
  /**
   * Grid that note onsets snap to as candidate chord changes; 0 = a sixteenth (half a sub-beat).
   * Doubled when a span would hold more than 20,000 steps, to bound the time on huge inputs.
   */
  grid: Ticks;
  /** Longest stretch judged as one window; 0 = two bars. Longer chords come out by merging windows. */
  maxWindow: Ticks;
  /** Cost of a tick of a non-chord tone, per voice. */
  nonChordTone: number;
  /** Cost, in beats, of each chord tone that does not sound at all under the label. */
  missingTone: number;
  /** Cost per tick of a chord tone absent while a full chord (three or more pitch classes) sounds without it. */
  absentTone: number;
  /** Cost, in beats, of a chord change on a bar line, on a beat, on a sub-beat, and anywhere finer. */
  changeCost: readonly [number, number, number, number];
  /** Reward per tick during which the label's bass is the lowest note of a full chord (keeps inversions apart). */
  bassFit: number;
  /** Reward per tick when the root is in the bass (picks C6 over Am7/C, Em7 over G6/E). */
  rootInBass: number;
  /** Cost, in beats, of each chord tone outside the key's scale. */
  chromaticTone: number;
}

/** The defaults, tuned on the Nottingham block chords and checked on arpeggios and chorales. */
export const labelDefaults: LabelOptions = {
  span: null,
  types: CHORD_SUFFIXES,
  grid: 0,
  maxWindow: 0,
  nonChordTone: 1,
  missingTone: 0.6,
  absentTone: 1,
  changeCost: [0.05, 0.3, 0.8, 1.2],
  bassFit: 0.1,
  rootInBass: 0.05,
  chromaticTone: 0.1,
};
