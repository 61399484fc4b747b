import { barTicks, beatTicks, type Meter, PPQ, type Ticks } from '../core';

/**
 * Time in the models: integer units of a twelfth of a quarter note, so that sixteenths (3),
 * triplet eighths (4), eighths (6) and dotted values all are whole numbers.
 */
export type Units = number;

/** Ticks per {@link Units}: a twelfth of a quarter note. */
export const UNIT_TICKS: Ticks = PPQ / 12;

/** Where an onset falls in the bar: on the downbeat, on a beat, on a half (or third) of a beat, or elsewhere. */
export type MetricStrength = 'D' | 'B' | 'h' | 'o';

/** Length of one bar of `meter` in units. */
export function barUnits(meter: Meter): Units {
  return barTicks(meter) / UNIT_TICKS;
}

/** Length of the felt beat in units (a dotted quarter in 6/8, 9/8, 12/8). */
export function beatUnits(meter: Meter): Units {
  return beatTicks(meter) / UNIT_TICKS;
}

/** True for compound meters, whose beat divides in three. */
export function isCompound(meter: Meter): boolean {
  return meter[1] === 8 && meter[0] % 3 === 0 && meter[0] > 3;
}

/** The metric strength of an onset `position` units after a bar line. */
export function metricStrength(position: Units, meter: Meter): MetricStrength {
  const bar = barUnits(meter);
  const beat = beatUnits(meter);
  const sub = beat / (isCompound(meter) ? 3 : 2);
  const p = ((position % bar) + bar) % bar;
  if (p === 0) return 'D';
  if (p % beat === 0) return 'B';
  return p % sub === 0 ? 'h' : 'o';
}

/** A token naming the meter and a position in its bar, e.g. "6/8@18": what a duration depends on most. */
export function barPositionToken(position: Units, meter: Meter): string {
  const bar = barUnits(meter);
  return `${meter[0]}/${meter[1]}@${((position % bar) + bar) % bar}`;
}
