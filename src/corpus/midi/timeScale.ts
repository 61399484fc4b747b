import { PPQ, type Seconds, type Ticks } from '../../core';
import type { Division } from './smf';

/** Converts file ticks to the domain's ticks and to seconds, for one file. */
export interface TimeScale {
  /**
   * File tick → domain tick at {@link PPQ}, rounded to the nearest integer. Rounding a monotonic
   * function keeps order: events never swap, though two close events may land on the same tick.
   */
  toTicks(fileTick: number): Ticks;
  /** File tick → seconds from the start, following the file's tempo changes. */
  toSeconds(fileTick: number): Seconds;
  /** Ticks per quarter note the file is read at (derived for SMPTE files). */
  ticksPerQuarter: number;
}

/** The tempo an SMPTE-timed file is imported at. */
export const SMPTE_BPM = 120;

/**
 * The time scale of a file. With ticks per quarter note, seconds follow the tempo changes (120 bpm
 * until the first). With SMPTE division, a tick is 1 / (frames per second × ticks per frame) of a
 * second; the file is imported as if at {@link SMPTE_BPM} over a derived resolution (a quarter note
 * = half a second), so its tempo events, which do not change its timing, are not used.
 *
 * @param tempos tempo changes in file ticks, sorted by tick, each with microseconds per quarter > 0
 */
export function createTimeScale(
  division: Division,
  tempos: readonly { tick: number; microsPerQuarter: number }[],
): TimeScale {
  if (division.kind === 'smpte') {
    const fps = division.framesPerSecond === 29 ? 30000 / 1001 : division.framesPerSecond;
    const perSecond = fps * division.ticksPerFrame;
    const ticksPerQuarter = (perSecond * 60) / SMPTE_BPM;
    return {
      toTicks: (t) => Math.round((t * PPQ) / ticksPerQuarter),
      toSeconds: (t) => t / perSecond,
      ticksPerQuarter,
    };
  }
  const tpq = division.ticksPerQuarter;
  // Seconds at each tempo change, so that a lookup is a binary search plus one segment.
  const starts: number[] = [0];
  const micros: number[] = [500_000];
  const seconds: number[] = [0];
  for (const { tick, microsPerQuarter } of tempos) {
    const last = starts.length - 1;
    const at = seconds[last] + ((tick - starts[last]) / tpq) * (micros[last] / 1e6);
    if (tick === starts[last]) micros[last] = microsPerQuarter;
    else {
      starts.push(tick);
      micros.push(microsPerQuarter);
      seconds.push(at);
    }
  }
  return {
    toTicks: (t) => Math.round((t * PPQ) / tpq),
    toSeconds: (t) => {
      const i = lastAtOrBefore(starts, t);
      return seconds[i] + ((t - starts[i]) / tpq) * (micros[i] / 1e6);
    },
    ticksPerQuarter: tpq,
  };
}

/** Index of the last value ≤ `x` in an ascending array whose first value is ≤ `x` (else 0). */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
