import { barTicks, beatTicks, type Ticks } from '../../core';
import type { ChordEvent } from '../../corpus';
import type { CraftScore } from './score';
import type { Share } from './share';
import { onGrid } from './time';

/** How the harmony moves in time. */
export interface HarmonicRhythmMeasure {
  /** Chord changes (after the first chord) that fall between the felt beats. */
  offBeat: Share;
  /** The longest a chord is held (consecutive spans of one symbol together), in felt beats. */
  longestBeats: number;
  /** The same in bars. */
  longestBars: number;
  /** How long each chord is held, in felt beats, in order (for a corpus's percentiles). */
  lengths: number[];
}

/**
 * The chords as a listener hears them change: consecutive spans of the same symbol joined into one
 * (a chord struck again is still the same harmony).
 */
export function harmonicChanges(chords: readonly ChordEvent[]): ChordEvent[] {
  const out: ChordEvent[] = [];
  for (const c of chords) {
    const last = out[out.length - 1];
    if (last && last.symbol === c.symbol && last.tick + last.duration === c.tick) last.duration += c.duration;
    else out.push({ tick: c.tick, duration: c.duration, symbol: c.symbol });
  }
  return out;
}

/**
 * Harmonic rhythm: which chord changes fall off the beat — the beat being a quarter in simple
 * meters and a dotted quarter in 6/8, 9/8 and 12/8, counted from the bar lines, within a 64th
 * note — and how long chords are held (beats and bars), with every chord's length for the
 * corpus's own 95th percentile.
 *
 * @example
 * // 4/4: C for a bar, G from beat 2⅔:
 * measureHarmonicRhythm(score).offBeat; // => { count: 1, of: 1 }
 */
export function measureHarmonicRhythm(score: CraftScore): HarmonicRhythmMeasure {
  const beat = beatTicks(score.meter);
  const changes = harmonicChanges(score.chords);
  const offBeat = { count: 0, of: 0 };
  for (const c of changes.slice(1)) {
    offBeat.of++;
    if (!onGrid(c.tick, beat)) offBeat.count++;
  }
  const lengths = changes.map((c) => c.duration / beat);
  const longest: Ticks = changes.reduce((m, c) => Math.max(m, c.duration), 0);
  return { offBeat, longestBeats: longest / beat, longestBars: longest / barTicks(score.meter), lengths };
}

/** The p-th percentile (0–100) of values, by the nearest-rank rule; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
