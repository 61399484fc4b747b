import type { Meter, Ticks } from '../../core';
import type { Key } from './keySignature';
import type { KeyPoint, MeterPoint } from './types';

/** The meter before the first time signature, as the MIDI standard says. */
export const DEFAULT_METER: Meter = [4, 4];

/**
 * Keeps one point per tick (the last one given at that tick: later events in a file override
 * earlier ones at the same time), drops points at or after `end` (except one at 0) and points that
 * repeat the one before. Points must come sorted by tick.
 */
export function simplifyPoints<T extends { tick: Ticks }>(
  points: readonly T[],
  end: Ticks,
  same: (a: T, b: T) => boolean,
): T[] {
  const kept: T[] = [];
  for (const p of points) {
    if (p.tick >= end && p.tick > 0) break;
    if (kept.length > 0 && kept[kept.length - 1].tick === p.tick) kept[kept.length - 1] = p;
    else kept.push(p);
  }
  return kept.filter((p, i) => i === 0 || !same(p, kept[i - 1]));
}

/** The meter changes of a piece ending at `end`, starting with {@link DEFAULT_METER} when none is at 0. */
export function buildMeters(points: readonly MeterPoint[], end: Ticks): MeterPoint[] {
  const start = points.length > 0 && points[0].tick === 0 ? [] : [{ tick: 0, meter: DEFAULT_METER }];
  return simplifyPoints([...start, ...points], end, (a, b) => a.meter[0] === b.meter[0] && a.meter[1] === b.meter[1]);
}

/** The key signature changes of a piece ending at `end` (none added when the file states none). */
export function buildKeySignatures(points: readonly KeyPoint[], end: Ticks): KeyPoint[] {
  return simplifyPoints(points, end, (a, b) => a.key === b.key && a.mode === b.mode);
}

/**
 * The index of the point in effect for the most ticks before `end` (each lasts until the next);
 * the earliest on a tie. −1 for no points.
 */
export function longestInEffect(points: readonly { tick: Ticks }[], end: Ticks): number {
  let best = -1;
  let bestSpan = -1;
  points.forEach((p, i) => {
    const span = Math.max(0, (points[i + 1]?.tick ?? end) - p.tick);
    if (span > bestSpan) {
      best = i;
      bestSpan = span;
    }
  });
  return best;
}

/** The key signature in effect longest, without its tick. */
export function mainKey(points: readonly KeyPoint[], end: Ticks): Key | undefined {
  const p = points[longestInEffect(points, end)];
  return p ? { key: p.key, mode: p.mode } : undefined;
}
