import type { Share } from './share';
import type { Sonority } from './sonority';

/** How the voices of a texture stand to one another, over the beats where two or more sound. */
export interface VoicingMeasure {
  /** Voices sounding on a typical beat: the median count over beats with any voice. */
  voices: number;
  /** Beats where a voice sounds above a voice written over it (an inner part above the melody, the bass above an inner part). */
  crossing: Share;
  /** Beats where another voice doubles the soprano at the same pitch (unison). */
  sopranoUnison: Share;
  /** Beats where another voice sounds higher than the soprano. */
  aboveSoprano: Share;
}

/**
 * Voice count, crossing and the soprano's doublings: read at each beat from the sonorities.
 * The soprano is the melody's voice; the unison and "above" counts take the beats where it sounds.
 *
 * @example
 * // the chorale preset, seed 1, as written:
 * measureVoicing(sonorities(craftScore(piece))); // => { voices: 4, sopranoUnison: { count: 0, of: 123 }, ... }
 */
export function measureVoicing(slices: readonly Sonority[]): VoicingMeasure {
  const counts = slices.map((s) => s.voices.length).filter((n) => n > 0);
  const crossing = { count: 0, of: 0 };
  const sopranoUnison = { count: 0, of: 0 };
  const aboveSoprano = { count: 0, of: 0 };
  for (const { voices } of slices) {
    if (voices.length < 2) continue;
    crossing.of++;
    // Voices come top to bottom as written: any pitch above an earlier voice's pitch is a crossing.
    let lowest = Number.POSITIVE_INFINITY;
    let crossed = false;
    for (const v of voices) {
      if (v.pitch > lowest) crossed = true;
      lowest = Math.min(lowest, v.pitch);
    }
    if (crossed) crossing.count++;
    const [soprano, ...others] = voices;
    if (soprano.role !== 'melody') continue;
    sopranoUnison.of++;
    aboveSoprano.of++;
    if (others.some((v) => v.pitch === soprano.pitch)) sopranoUnison.count++;
    if (others.some((v) => v.pitch > soprano.pitch)) aboveSoprano.count++;
  }
  return { voices: median(counts), crossing, sopranoUnison, aboveSoprano };
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
