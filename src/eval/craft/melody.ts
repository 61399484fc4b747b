import { barTicks, maxOf, minOf, PPQ } from '../../core';
import type { Note } from '../../corpus';
import type { CraftScore } from './score';
import type { Share } from './share';

/** The shape and busyness of the tune. */
export interface MelodyMeasure {
  /** Leaps of a fifth or more (7+ semitones) followed by a step back. */
  leapRecovery: Share;
  /** Moves from one melody note to the next wider than an octave (13+ semitones), of all moves. */
  wideLeaps: Share;
  /** Highest minus lowest melody note, in semitones. */
  range: number;
  /** Melody notes per bar, over the bars from the tune's first note to its last. */
  notesPerBar: number;
  /** Distinct times between consecutive melody onsets, on a grid of a twelfth of a quarter. */
  distinctIois: number;
}

/** A step: one or two semitones. */
const isStep = (semitones: number) => semitones === 1 || semitones === 2;

/**
 * Leap recovery: of the leaps of a perfect fifth or more (7 semitones and up, either way) from one
 * melody note to the next, how many the next note answers with a step back — the opposite
 * direction, one or two semitones. A leap to the tune's last note is not counted (nothing follows).
 *
 * @example
 * leapRecovery([C4, G4, F4]); // => { count: 1, of: 1 }
 */
export function leapRecovery(melody: readonly Note[]): Share {
  const share = { count: 0, of: 0 };
  for (let i = 1; i + 1 < melody.length; i++) {
    const leap = melody[i].pitch - melody[i - 1].pitch;
    if (Math.abs(leap) < 7) continue;
    share.of++;
    const next = melody[i + 1].pitch - melody[i].pitch;
    if (Math.sign(next) === -Math.sign(leap) && isStep(Math.abs(next))) share.count++;
  }
  return share;
}

/**
 * Register breaks: moves from one melody note to the next wider than an octave, as a share of all
 * moves. Rare in real tunes (0.15 % of the Nottingham tunes' moves); inside a phrase such a jump
 * breaks the line as a bad phrase join does (folk-jig seed 3: D6 → E4 where a repeated phrase's
 * recomposed last bar begins).
 */
export function wideLeaps(melody: readonly Note[]): Share {
  const share = { count: 0, of: Math.max(0, melody.length - 1) };
  for (let i = 1; i < melody.length; i++) if (Math.abs(melody[i].pitch - melody[i - 1].pitch) > 12) share.count++;
  return share;
}

/** The grid inter-onset times are read on: a twelfth of a quarter (40 ticks) holds sixteenths and triplets alike. */
const IOI_GRID = PPQ / 12;

/**
 * The melody's leap recovery, wide leaps, range, notes per bar and rhythm vocabulary. Notes per bar counts
 * the bars the tune plays in, from the bar of its first note to the bar of its last (an intro of
 * chords alone does not thin it out). The rhythm vocabulary is the number of distinct times from
 * one onset to the next, each onset first put on a grid of a twelfth of a quarter (so humanized
 * timing does not add values; a rest lengthens the time it falls in).
 */
export function measureMelody(score: CraftScore): MelodyMeasure {
  const m = score.melody;
  if (m.length === 0)
    return {
      leapRecovery: { count: 0, of: 0 },
      wideLeaps: { count: 0, of: 0 },
      range: 0,
      notesPerBar: 0,
      distinctIois: 0,
    };
  const pitches = m.map((n) => n.pitch);
  const bar = barTicks(score.meter);
  const first = Math.floor(m[0].tick / bar);
  const last = Math.ceil(maxOf(m.map((n) => n.tick + n.duration)) / bar);
  const onsets = [...new Set(m.map((n) => Math.round(n.tick / IOI_GRID)))];
  const iois = new Set(onsets.slice(1).map((t, i) => t - onsets[i]));
  return {
    leapRecovery: leapRecovery(m),
    wideLeaps: wideLeaps(m),
    range: maxOf(pitches) - minOf(pitches),
    notesPerBar: m.length / Math.max(1, last - first),
    distinctIois: iois.size,
  };
}
