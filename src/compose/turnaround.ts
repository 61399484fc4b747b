import { barTicks, beatTicks, type Meter, type Ticks } from '../core';
import { chordOfRoman, type Mode } from '../corpus';
import { isDominantChord, isTonicChord } from '../model';
import type { ChordSpan } from './piece';

/** The chord that leads a held tonic back to itself: the mode's own dominant. */
const TURNAROUND: Record<Mode, string> = {
  major: 'V7',
  lydian: 'V7',
  mixolydian: 'bVII',
  minor: 'V7',
  dorian: 'Vm7',
  phrygian: 'bVIIm',
  locrian: 'bVIIm',
};

/** The chord that leads a held dominant (a half cadence, then a phrase from the dominant) back to it. */
const APPROACH: Record<Mode, string> = {
  major: 'IIm7',
  lydian: 'IIm7',
  mixolydian: 'IIm7',
  minor: 'IVm',
  dorian: 'IV',
  phrygian: 'IVm',
  locrian: 'IVm',
};

/**
 * Keeps the harmonic rhythm across phrase seams. Each phrase's chords keep to the corpus's
 * longest chord already; a repeated phrase can still begin on the chord the phrase before it ended
 * on (a section ending on the tonic, then its first phrase again from the tonic), so that the
 * tonic would sound longer than `longest` ticks. There the end of the earlier chord turns around:
 * its last half bar (one beat when the bar has fewer than four) becomes the mode's dominant, as a
 * first ending does before a repeat (a held dominant: its subdominant, II–V). Chords shorter than a bar are left to the arranger (a chorale
 * moves its bass: I–I6 are two chords).
 *
 * @example
 * // G held from bar 8 into bar 9, songbook chords at most 5 beats: bar 8 is G (2 beats), D7 (2 beats)
 * keepHarmonicRhythm(chords, 5 * 480, [4, 4], 'G', 'major');
 */
export function keepHarmonicRhythm(
  chords: readonly ChordSpan[],
  longest: Ticks,
  meter: Meter,
  key: string,
  mode: Mode,
): ChordSpan[] {
  const bar = barTicks(meter);
  const beat = beatTicks(meter);
  const turn = Math.max(1, Math.floor(bar / beat / 2)) * beat;
  const out: ChordSpan[] = [];
  let held = 0;
  for (const c of chords) {
    const last = out[out.length - 1];
    const joined = last !== undefined && last.symbol === c.symbol && last.tick + last.duration === c.tick;
    const roman = !joined
      ? undefined
      : isTonicChord(last.roman, mode)
        ? TURNAROUND[mode]
        : isDominantChord(last.roman, mode)
          ? APPROACH[mode]
          : undefined;
    if (roman && held + c.duration > longest && last.duration >= bar) {
      const symbol = chordOfRoman(roman, key);
      if (symbol !== '') {
        last.duration -= turn;
        out.push({ tick: last.tick + last.duration, duration: turn, symbol, roman });
        held = 0;
      }
    }
    const before = out[out.length - 1];
    held =
      before && before.symbol === c.symbol && before.tick + before.duration === c.tick ? held + c.duration : c.duration;
    out.push({ ...c });
  }
  return out;
}
