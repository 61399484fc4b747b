import { PPQ, type Rng, type Ticks } from '../core';
import type { Note } from '../corpus';

/** Swing and timing humanization of a style. */
export interface GrooveOptions {
  /** 0 = straight; 1 = full triplet swing (the off-beat moves to the last third of its pair). */
  swing: number;
  /** Which off-beats swing: eighths (most styles) or sixteenths (hip-hop, lo-fi). */
  swingUnit: 'eighth' | 'sixteenth';
  /** Largest random shift of an onset, ± this many ticks. */
  timing: Ticks;
}

/** Where a tick goes under swing: off-beats of the unit move late, and so does the time around them. */
export function swingTick(tick: Ticks, swing: number, unit: 'eighth' | 'sixteenth'): Ticks {
  if (swing <= 0) return tick;
  const pair = unit === 'eighth' ? PPQ : PPQ / 2; // a pair of units: on-beat + off-beat
  const half = pair / 2;
  const base = Math.floor(tick / pair) * pair;
  const pos = tick - base;
  const split = half + (swing * pair) / 6; // full swing: 2/3 of the pair
  const mapped = pos <= half ? (pos * split) / half : split + ((pos - half) * (pair - split)) / half;
  return base + Math.round(mapped);
}

/**
 * Applies swing and seeded timing humanization to a part, keeping it well formed: onsets stay in
 * [0, end), notes keep at least a tick, and a note never overlaps the next note of its pitch.
 */
export function applyGroove(notes: readonly Note[], options: GrooveOptions, end: Ticks, rng: Rng): Note[] {
  if (options.swing <= 0 && options.timing <= 0) return [...notes];
  const moved = notes.map((n) => {
    const jitter = options.timing > 0 ? rng.int(2 * options.timing + 1) - options.timing : 0;
    const start = Math.min(
      end - 1,
      Math.max(0, swingTick(n.tick, options.swing, options.swingUnit) + (n.tick === 0 ? 0 : jitter)),
    );
    const stop = Math.min(
      end,
      Math.max(start + 1, swingTick(n.tick + n.duration, options.swing, options.swingUnit) + jitter),
    );
    return { ...n, tick: start, duration: stop - start };
  });
  moved.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  const next = new Map<number, number>();
  for (let i = moved.length - 1; i >= 0; i--) {
    const n = moved[i];
    const following = next.get(n.pitch);
    if (following !== undefined && n.tick + n.duration > following) n.duration = Math.max(1, following - n.tick);
    next.set(n.pitch, n.tick);
  }
  // Two onsets of one pitch pushed onto the same tick: keep the later one, which kept its length.
  return moved.filter(
    (n, i) => !(i + 1 < moved.length && moved[i + 1].pitch === n.pitch && moved[i + 1].tick === n.tick),
  );
}
