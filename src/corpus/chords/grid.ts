import { barTicks, beatTicks, type Meter, type Ticks } from '../../core';
import type { Note } from '../types';

/** Metrical strength of a time: 0 bar line, 1 beat, 2 sub-beat, 3 anything finer. */
export type MetricLevel = 0 | 1 | 2 | 3;

/** Bar, beat and sub-beat lengths of a meter; sub-beats are halves of a simple beat, thirds of a compound one. */
export interface MetricGrid {
  bar: Ticks;
  beat: Ticks;
  subBeat: Ticks;
}

/** The metric grid of `meter`; a meter that makes no sense (0 beats, NaN) is read as 4/4. */
export function metricGridOf(meter: Meter): MetricGrid {
  const sane = meter[0] > 0 && meter[1] > 0 && Number.isFinite(barTicks(meter)) && barTicks(meter) >= 1;
  const m: Meter = sane ? meter : [4, 4];
  const bar = Math.max(1, Math.round(barTicks(m)));
  const beat = Math.max(1, Math.round(beatTicks(m)));
  const compound = beat !== Math.round(barTicks([1, m[1]]));
  return { bar, beat, subBeat: Math.max(1, Math.round(compound ? beat / 3 : beat / 2)) };
}

/** How strong a position `tick` is in `grid` (bar lines counted from tick 0). */
export function metricLevelOf(tick: Ticks, grid: MetricGrid): MetricLevel {
  if (tick % grid.bar === 0) return 0;
  if (tick % grid.beat === 0) return 1;
  if (tick % grid.subBeat === 0) return 2;
  return 3;
}

/** Most candidate changes one labelling considers, so that time stays bounded on huge inputs. */
const MAX_CHANGES = 20_000;

/**
 * The grid onsets snap to: `requested`, or a sixteenth (half a sub-beat) when it is 0 — doubled as
 * often as needed to keep a span of `length` ticks under 20,000 grid steps (hours of music).
 */
export function snapStepOf(grid: MetricGrid, requested: Ticks, length: Ticks): Ticks {
  let step = requested >= 1 ? requested : Math.max(1, Math.round(grid.subBeat / 2));
  while (length / step > MAX_CHANGES) step *= 2;
  return step;
}

/**
 * Candidate chord changes in [start, end]: both ends and every note onset snapped to `step` — sorted,
 * without duplicates. Chords change only where notes begin; snapping keeps a slightly early or late
 * onset on the grid, so a humanized chord's notes give one candidate, not three.
 */
export function candidateChanges(notes: readonly Note[], start: Ticks, end: Ticks, step: Ticks): Ticks[] {
  const ticks = new Set<Ticks>([start, end]);
  for (const note of notes) {
    if (!(note.duration > 0)) continue;
    const snapped = Math.round(note.tick / step) * step;
    if (snapped > start && snapped < end) ticks.add(snapped);
  }
  return [...ticks].sort((a, b) => a - b);
}
