import { Chord, Note as TonalNote } from 'tonal';
import { minOf, type PitchClass } from '../../core';
import { chordPitchClasses } from '../../corpus';
import { harmonicChanges } from './harmonicRhythm';
import type { CraftScore } from './score';
import type { Share } from './share';
import { soundingAt } from './time';

/**
 * Chords in inversion: at the start of each chord (a change of chord symbol), the lowest note
 * sounding in any part but the drums is not the chord's root. A piece without accompanying notes
 * (a built-in corpus tune with chord symbols only) is read from its symbols: a slash chord whose
 * bass is not the root ("G/B") is in inversion. Chords tonal cannot read, and chords where nothing
 * sounds, are left out.
 *
 * @example
 * // C major over E in the bass, then over C:
 * measureInversions(score); // => { count: 1, of: 2 }
 */
export function measureInversions(score: CraftScore): Share {
  const changes = harmonicChanges(score.chords);
  const parts = score.voices.filter((p) => p.role !== 'melody');
  const accompanied = parts.some((p) => p.notes.length > 0);
  const sounding = accompanied
    ? score.voices.map((p) =>
        soundingAt(
          p.notes,
          changes.map((c) => c.tick),
        ),
      )
    : [];
  const share = { count: 0, of: 0 };
  changes.forEach((chord, i) => {
    const root = chordPitchClasses(chord.symbol)[0];
    if (root === undefined) return;
    let bass: PitchClass | undefined;
    if (accompanied) {
      const lowest = minOf(sounding.flatMap((part) => part[i].map((n) => n.pitch)));
      if (Number.isFinite(lowest)) bass = lowest % 12;
    } else bass = slashBass(chord.symbol) ?? root;
    if (bass === undefined) return;
    share.of++;
    if (bass !== root) share.count++;
  });
  return share;
}

/** The bass pitch class of a slash chord ("C/E" → 4), undefined for a chord in root position. */
function slashBass(symbol: string): PitchClass | undefined {
  const chord = Chord.get(symbol);
  if (!chord.bass) return undefined;
  const pc = TonalNote.chroma(chord.bass);
  return typeof pc === 'number' && pc >= 0 ? pc : undefined;
}
