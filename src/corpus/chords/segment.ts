import type { Ticks } from '../../core';
import { scoreBound, type WindowTops } from './bound';
import type { Evidence } from './evidence';
import { type MetricGrid, metricLevelOf } from './grid';
import { addInterval, clearWindow, createWindow, type ScoringContext, scoreBestChord, type WindowChord } from './score';

/** A stretch of time and the chord that explains it best, or null when nothing sounds in it. */
export interface Segment {
  start: Ticks;
  end: Ticks;
  chord: WindowChord | null;
}

/** Most intervals one window may join, so that dense input stays linear in time. */
const MAX_INTERVALS = 48;

/**
 * The segmentation of the evidence's span into windows that maximizes the sum of the windows' best
 * chord scores minus a cost per chord change (cheap on bar lines, dear off the beat) — by dynamic
 * programming over the candidate changes, with windows up to `maxWindow` ticks (a single interval
 * may be longer). Adjacent windows may carry the same chord; merging them is the caller's job.
 */
export function segmentChords(
  evidence: Evidence,
  grid: MetricGrid,
  maxWindow: Ticks,
  context: ScoringContext,
): Segment[] {
  const { changes } = evidence;
  const count = changes.length - 1;
  const changeCost = changes.map((t) => context.options.changeCost[metricLevelOf(t, grid)] * grid.beat);
  const best = new Float64Array(count + 1);
  const from = new Int32Array(count + 1);
  const chords: (WindowChord | null)[] = new Array(count + 1).fill(null);
  const window = createWindow();
  const ahead = createWindow();
  const chord: WindowChord = { template: context.templates[0], bass: 0, score: 0 };
  const tops: WindowTops = { heavy3: 0, heavy4: 0, third: 0, bassReward: 0 };
  // Ties go to the shortest window (the largest i), as in a plain loop from i = j − 1 down.
  const offer = (j: number, i: number, total: number, sounds: boolean) => {
    if (total > best[j] || (total === best[j] && total > Number.NEGATIVE_INFINITY && i > from[j])) {
      best[j] = total;
      from[j] = i;
      chords[j] = sounds ? { ...chord } : null;
    }
  };
  const bounded = context.leastPrior !== null;
  for (let j = 1; j <= count; j++) {
    best[j] = Number.NEGATIVE_INFINITY;
    // First the window that carries on the segment ending at j − 1 (a chord mostly goes on): its
    // total is a high bar, which the bounds of most other windows fall below. (Two intervals
    // back, the plain order comes to it second anyway.)
    const carried = bounded && j > 1 ? from[j - 1] : -1;
    const guess =
      carried >= 0 && j - carried >= 3 && changes[j] - changes[carried] <= maxWindow && j - carried <= MAX_INTERVALS
        ? carried
        : -1;
    if (guess >= 0) {
      clearWindow(ahead);
      for (let i = j - 1; i >= guess; i--) addInterval(ahead, evidence, i);
      const sounds = scoreBestChord(ahead, changes[j] - changes[guess], context, chord);
      offer(j, guess, best[guess] + (sounds ? chord.score : 0) - (guess > 0 ? changeCost[guess] : 0), sounds);
    }
    clearWindow(window);
    for (let i = j - 1; i >= 0; i--) {
      const duration = changes[j] - changes[i];
      if (i < j - 1 && (duration > maxWindow || j - i > MAX_INTERVALS)) break;
      addInterval(window, evidence, i);
      if (i === guess) continue;
      const cost = i > 0 ? changeCost[i] : 0;
      // A window whose best possible chord could not beat the best split found so far needs no
      // scoring (most of them, once a window spans two chords): skipping it changes nothing.
      if (window.total > 0 && cannotBeat(best[i], scoreBound(window, duration, context, tops), cost, best[j])) continue;
      // The least score that could still win, less the rounding margin: roots below it are skipped.
      const floor = best[j] - best[i] + cost - 1e-12 * (Math.abs(best[j]) + Math.abs(best[i]) + Math.abs(cost));
      const sounds = scoreBestChord(window, duration, context, chord, floor, tops);
      offer(j, i, best[i] + (sounds ? chord.score : 0) - cost, sounds);
    }
  }
  const segments: Segment[] = [];
  for (let j = count; j > 0; j = from[j]) segments.push({ start: changes[from[j]], end: changes[j], chord: chords[j] });
  return segments.reverse();
}

/**
 * Whether `before + bound − cost` is surely not above `best`, allowing for rounding: the margin is
 * a millionth of a millionth of the numbers' size, far above the rounding of the few operations
 * that make a score, far below any difference that scores can show.
 */
function cannotBeat(before: number, bound: number, cost: number, best: number): boolean {
  const margin = 1e-12 * (Math.abs(before) + Math.abs(bound) + Math.abs(cost) + Math.abs(best));
  return before + bound - cost + margin < best;
}
