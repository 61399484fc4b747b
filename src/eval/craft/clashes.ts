import type { MidiPitch } from '../../core';
import { chordPitchClasses } from '../../corpus';
import type { CraftScore } from './score';
import type { Share } from './share';
import { isStrongBeat, ONSET_TOLERANCE, soundingAt } from './time';

/**
 * Whether two pitches rub a semitone apart: a minor second, or a minor second plus octaves (a minor
 * ninth, …) — interval class 1 measured up from the lower note. A major seventh (11) is not a clash.
 */
export function rubs(a: MidiPitch, b: MidiPitch): boolean {
  return Math.abs(a - b) % 12 === 1;
}

/**
 * Whether two pitches a major seventh apart (or a major seventh plus octaves) — the other half of
 * interval class 1, which the "now" figures also counted.
 */
export function isSeventh(a: MidiPitch, b: MidiPitch): boolean {
  return Math.abs(a - b) % 12 === 11;
}

/** Strong-beat clashes, as the issue words them, and with major sevenths counted too. */
export interface ClashMeasure {
  /** A semitone or minor ninth (or more octaves) from an accompanying note. */
  clashes: Share;
  /** The same or a major seventh (interval class 1 either way). */
  withSevenths: Share;
}

/**
 * Strong-beat clashes: melody notes that begin on a strong beat ({@link isStrongBeat}: beats 1 and 3
 * in 4/4, the downbeat in 3/4, both beats in 6/8) while an accompanying note — any part but the
 * melody and the drums, the bass included — sounds a semitone or a minor ninth (or another octave
 * of it) from it. A piece without accompanying notes is heard against its chord symbols, the chord
 * sounding below the tune: a chord tone a semitone under the melody's pitch class clashes (with
 * sevenths: a semitone either way). The share is of strong-beat melody notes.
 *
 * @example
 * // F5 on beat 1 over an E4 in the chord:
 * measureClashes(score).clashes; // => { count: 1, of: 1 }
 */
export function measureClashes(score: CraftScore): ClashMeasure {
  const onStrong = score.melody.filter((n) => isStrongBeat(n.tick, score.meter));
  const times = onStrong.map((n) => n.tick);
  const parts = score.voices.filter((p) => p.role !== 'melody' && p.notes.length > 0);
  const clashes = { count: 0, of: onStrong.length };
  const withSevenths = { count: 0, of: onStrong.length };
  const tally = (semitone: boolean, seventh: boolean) => {
    if (semitone) clashes.count++;
    if (semitone || seventh) withSevenths.count++;
  };
  if (parts.length > 0) {
    const perPart = parts.map((p) => soundingAt(p.notes, times));
    onStrong.forEach((n, i) => {
      const heard = perPart.flatMap((part) => part[i]);
      tally(
        heard.some((a) => rubs(n.pitch, a.pitch)),
        heard.some((a) => isSeventh(n.pitch, a.pitch)),
      );
    });
    return { clashes, withSevenths };
  }
  let c = 0;
  for (const n of onStrong) {
    const at = n.tick + ONSET_TOLERANCE;
    while (c + 1 < score.chords.length && score.chords[c + 1].tick <= at) c++;
    const chord = score.chords[c];
    if (!chord || chord.tick > at) continue;
    const below = chordPitchClasses(chord.symbol).map((pc) => (((n.pitch - pc) % 12) + 12) % 12);
    tally(below.includes(1), below.includes(11));
  }
  return { clashes, withSevenths };
}
