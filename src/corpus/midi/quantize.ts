import { beatTicks, type Meter, PPQ, type Ticks } from '../../core';
import type { Note } from '../types';
import { trimOverlapsInPlace } from './overlaps';

/**
 * The grids notes snap to in a meter. Each `window` (a beat, or a quarter in slow simple meters)
 * chooses one grid: `straight` or `triplet`, whichever fits the onsets and ends in it better (or
 * half of one, when both would merge distinct onsets).
 */
export interface MeterGrid {
  window: Ticks;
  straight: Ticks;
  triplet: Ticks;
}

/** Options of {@link quantizeNotes}. */
export interface QuantizeOptions {
  /** Also try the triplet grid in each window (default true); false snaps to the straight grid only. */
  triplets: boolean;
  /** Tick the grid starts from: the bar line where the meter begins (default 0). */
  origin: Ticks;
}

const defaults: QuantizeOptions = { triplets: true, origin: 0 };

/**
 * The grids of a meter, in domain ticks.
 * - Simple meters over 4 (2/4, 3/4, 4/4, ...) and over 2 or 1: windows of a quarter, sixteenths
 *   (120) or eighth-note triplets (160).
 * - Compound meters (6/8, 9/8, 12/8): the beat is a dotted quarter (720) and its natural
 *   subdivision the eighth; straight = sixteenths (120, which holds the eighths), the alternative
 *   = duplets subdivided (180: four to the beat), the compound counterpart of triplets.
 * - Other meters over 8 or 16 (3/8, 5/8, 7/16): windows of one beat unit, half of it (at most a
 *   sixteenth) straight and a third of it as triplets.
 */
export function meterGrid(meter: Meter): MeterGrid {
  const beat = beatTicks(meter);
  const unit = (PPQ * 4) / meter[1];
  if (beat !== unit) return { window: beat, straight: beat / 6, triplet: beat / 4 };
  const window = Math.min(unit, PPQ);
  return { window, straight: Math.min(PPQ / 4, window / 2), triplet: window / 3 };
}

/**
 * Snaps onsets and ends to the meter's grid. Each window chooses the straight or the triplet grid,
 * whichever moves the onsets and ends that fall in it less in total (straight on a tie), so a beat
 * of triplets is not torn between grids and jitter alone rarely makes a triplet. A window whose
 * distinct onsets both grids would merge (32nds, 16th-note triplets) takes half of one of them.
 * Durations never become 0 (a note that would vanish lasts one grid step), notes may cross bar
 * lines (ties stay), and a note never starts before the previous note of the same pitch ends (the
 * earlier one is cut).
 *
 * @example
 * quantizeNotes([{ pitch: 60, tick: 163, duration: 150, velocity: 80 }], [4, 4]);
 * // => [{ pitch: 60, tick: 160, duration: 160, velocity: 80 }] (an eighth-note triplet)
 */
export function quantizeNotes(notes: readonly Note[], meter: Meter, options: Partial<QuantizeOptions> = {}): Note[] {
  return trimOverlapsInPlace(snapNotes(notes, meterGrid(meter), { ...defaults, ...options }));
}

/**
 * {@link quantizeNotes} through meter changes: each note snaps to the grid of the meter in effect at
 * its onset, counted from the tick where that meter starts.
 *
 * @param meters meter changes sorted by tick, the first at tick 0
 */
export function quantizeInMeters(
  notes: readonly Note[],
  meters: readonly { tick: Ticks; meter: Meter }[],
  options: Partial<Pick<QuantizeOptions, 'triplets'>> = {},
): Note[] {
  if (meters.length <= 1) return quantizeNotes(notes, meters[0]?.meter ?? [4, 4], options);
  const groups: Note[][] = meters.map(() => []);
  let m = 0;
  const sorted = notes.every((n, i) => i === 0 || notes[i - 1].tick <= n.tick);
  for (const note of sorted ? notes : [...notes].sort((a, b) => a.tick - b.tick)) {
    while (m + 1 < meters.length && meters[m + 1].tick <= note.tick) m++;
    groups[m].push(note);
  }
  const snapped = groups.flatMap((group, i) =>
    snapNotes(group, meterGrid(meters[i].meter), { ...defaults, ...options, origin: meters[i].tick }),
  );
  return trimOverlapsInPlace(snapped);
}

/** Onsets and ends that fall in one window, the material its grid is chosen on. */
interface WindowPoints {
  onsets: number[];
  ends: number[];
}

/**
 * Snaps onsets and ends window by window. Candidate steps, coarse first: straight and triplet, then
 * their halves (32nds, 16th-note triplets). A window takes the coarse step that moves its points
 * least, unless that would merge two onsets at least a third of a straight step apart (40 ticks
 * in 4/4, more than the spread of a played chord): then the step that merges fewest, least moved.
 */
function snapNotes(notes: readonly Note[], grid: MeterGrid, options: QuantizeOptions): Note[] {
  const { window, straight, triplet } = grid;
  const steps = options.triplets ? [straight, triplet, straight / 2, triplet / 2] : [straight, straight / 2];
  const coarse = options.triplets ? 2 : 1;
  const origin = options.origin;
  // A point within half the finest step before a window's start belongs to that window: every
  // step snaps it to the window's start.
  const half = Math.min(...steps) / 2;
  const windowOf = (t: Ticks) => Math.floor((t - origin + half) / window);
  const offStraight = (t: Ticks, w: number) => distance(t - (origin + w * window), straight) !== 0;
  // A window whose points all lie on the straight grid keeps it (a coarse step that moves
  // nothing wins at once, see chooseStep): only the other windows gather their points.
  const uneven = new Set<number>();
  for (const n of notes) {
    const w = windowOf(n.tick);
    if (offStraight(n.tick, w)) uneven.add(w);
    const t = n.tick + n.duration;
    const endWindow = windowOf(t);
    if (offStraight(t, endWindow)) uneven.add(endWindow);
  }
  const stepOf = new Map<number, Ticks>();
  if (uneven.size > 0) {
    const windows = new Map<number, WindowPoints>();
    for (const w of uneven) windows.set(w, { onsets: [], ends: [] });
    for (const n of notes) {
      windows.get(windowOf(n.tick))?.onsets.push(n.tick);
      windows.get(windowOf(n.tick + n.duration))?.ends.push(n.tick + n.duration);
    }
    for (const [w, points] of windows)
      stepOf.set(w, chooseStep(points, origin + w * window, steps, coarse, straight / 3));
  }
  const snapped: Note[] = new Array(notes.length);
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i];
    const w = windowOf(n.tick);
    const base = origin + w * window;
    const step = stepOf.get(w) ?? straight;
    const tick = Math.max(0, base + Math.round((n.tick - base) / step) * step);
    const t = n.tick + n.duration;
    const endWindow = windowOf(t);
    const endBase = origin + endWindow * window;
    const endStep = stepOf.get(endWindow) ?? straight;
    const end = Math.max(0, endBase + Math.round((t - endBase) / endStep) * endStep);
    snapped[i] = { pitch: n.pitch, tick, duration: end > tick ? end - tick : step, velocity: n.velocity };
  }
  return snapped;
}

/** The step a window snaps to (see {@link snapNotes}); `apart` = onsets this far apart must stay apart. */
function chooseStep(points: WindowPoints, base: Ticks, steps: readonly Ticks[], coarse: number, apart: Ticks): Ticks {
  const onsets = distinctSorted(points.onsets);
  let bestStep = steps[0];
  let bestMerged = Number.POSITIVE_INFINITY;
  let bestMoved = Number.POSITIVE_INFINITY;
  let bestCoarse = false;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    let merged = 0;
    for (let k = 1; k < onsets.length; k++) {
      if (
        onsets[k] - onsets[k - 1] >= apart &&
        Math.round((onsets[k] - base) / step) === Math.round((onsets[k - 1] - base) / step)
      )
        merged++;
    }
    let moved = 0;
    for (const t of points.onsets) moved += distance(t - base, step);
    for (const t of points.ends) moved += distance(t - base, step);
    const isCoarse = i < coarse && merged === 0;
    const better = bestCoarse
      ? isCoarse && moved < bestMoved
      : isCoarse || merged < bestMerged || (merged === bestMerged && moved < bestMoved);
    if (better) {
      bestStep = step;
      bestMerged = merged;
      bestMoved = moved;
      bestCoarse = isCoarse;
      // A coarse step that moves nothing cannot be beaten (most windows of a clean file).
      if (isCoarse && moved === 0) break;
    }
  }
  return bestStep;
}

/** The distinct values, ascending (in one pass when they come sorted, as onsets do). */
function distinctSorted(values: readonly number[]): number[] {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i - 1] <= values[i])) return [...new Set(values)].sort((a, b) => a - b);
  }
  const distinct: number[] = [];
  for (const v of values) if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  return distinct;
}

/** Distance from `offset` to the nearest multiple of `step`. */
function distance(offset: number, step: number): number {
  const r = ((offset % step) + step) % step;
  return Math.min(r, step - r);
}
