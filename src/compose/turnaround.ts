import { Chord, Note as TonalNote } from 'tonal';
import { barTicks, beatTicks, type Meter, type Ticks } from '../core';
import { chordOfRoman, type Mode, type Note, scaleLetters } from '../corpus';
import { isDominantChord, isTonicChord, modeFamily } from '../model';
import type { ChordSpan } from './piece';

/**
 * The chords that may lead a held tonic back to itself, best first: the mode's dominant (with and
 * without its seventh), then its subdominant and supertonic.
 */
const TURNAROUNDS: Record<Mode, readonly string[]> = {
  major: ['V7', 'V', 'IV', 'IIm7', 'IIm'],
  lydian: ['V7', 'V', 'IIm7', 'II'],
  mixolydian: ['bVII', 'Vm7', 'IV', 'IIm7'],
  minor: ['V7', 'V', 'IVm', 'IVm7', 'bVII'],
  dorian: ['Vm7', 'IV', 'bVII', 'IIm7'],
  phrygian: ['bVIIm', 'bII', 'IVm'],
  locrian: ['bVIIm', 'bII', 'IVm'],
};

/** The chords that may lead a held dominant (a half cadence, then a phrase from the dominant) back to it. */
const APPROACHES: Record<'M' | 'm', readonly string[]> = {
  M: ['IIm7', 'IIm', 'IV', 'VIm'],
  m: ['IVm', 'IVm7', 'IIm7b5', 'bVI'],
};

/**
 * Keeps the harmonic rhythm across phrase seams. Each phrase's chords keep to the corpus's longest
 * chord already; a repeated phrase can still begin on the chord the phrase before it ended on (a
 * section ending on the tonic, then its first phrase again from the tonic), so that the tonic would
 * sound longer than `longest` ticks. There the end of the earlier chord turns around: its last half
 * bar (one beat when the bar has fewer than four) becomes the mode's dominant, as a first ending
 * does before a repeat (a held dominant: its subdominant, II–V) — the first of those chords whose
 * tones the tune there does not rub (no melody note a semitone from one: no clash, no
 * cross-relation such as G♮ against the G♯ of E7 in A minor). Where none fits, the chord is held.
 * Chords shorter than a bar are left to the arranger (a chorale moves its bass: I–I6 are two chords).
 *
 * @example
 * // G held from bar 8 into bar 9, songbook chords at most 5 beats: bar 8 is G (2 beats), D7 (2 beats)
 * keepHarmonicRhythm(chords, melody, 5 * 480, [4, 4], 'G', 'major');
 */
export function keepHarmonicRhythm(
  chords: readonly ChordSpan[],
  melody: readonly Note[],
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
    if (joined && held + c.duration > longest && last.duration >= bar) {
      const options = isTonicChord(last.roman, mode)
        ? TURNAROUNDS[mode]
        : isDominantChord(last.roman, mode)
          ? APPROACHES[modeFamily(mode)]
          : [];
      const at = last.tick + last.duration - turn;
      const tune = melody.filter((n) => n.tick < at + turn && n.tick + n.duration > at).map((n) => n.pitch);
      const letters = scaleLetters(key, mode);
      for (const roman of options) {
        const symbol = chordOfRoman(roman, key);
        if (symbol === '' || crosses(tune, symbol, letters)) continue;
        last.duration -= turn;
        out.push({ tick: at, duration: turn, symbol, roman });
        break;
      }
    }
    const before = out[out.length - 1];
    held =
      before && before.symbol === c.symbol && before.tick + before.duration === c.tick ? held + c.duration : c.duration;
    out.push({ ...c });
  }
  return out;
}

/** Whether a tune note of the scale and a tone of the chord are two versions of one degree (G and G♯). */
function crosses(tune: readonly number[], symbol: string, letters: Map<number, string>): boolean {
  const tones = Chord.get(symbol).notes.map((n) => TonalNote.get(n));
  return tune.some((pitch) => {
    const pc = ((pitch % 12) + 12) % 12;
    const letter = letters.get(pc);
    return letter !== undefined && tones.some((t) => !t.empty && t.letter === letter && t.chroma !== pc);
  });
}
