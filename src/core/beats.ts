import { barTicks, beatTicks, type Meter, PPQ, type Ticks } from './units';

/*
 * Where the beats of a bar are, and how near an onset must be to count as on one: shared by the
 * composer (which places chords and tunes on them) and the craft measures (which check them).
 */

/**
 * How far (ticks) an onset may sit from a grid point and still count as on it: a 64th note at
 * most (30 ticks), so timing humanization (±5–10 ticks in the presets) and a MIDI file's small
 * slips do not move a note off its beat, while a real sixteenth (120 ticks) still does.
 */
export const ONSET_TOLERANCE: Ticks = PPQ / 16;

/** Whether `tick` is on a multiple of `step`, within {@link ONSET_TOLERANCE}. */
export function onGrid(tick: Ticks, step: Ticks): boolean {
  const off = ((tick % step) + step) % step;
  return off <= ONSET_TOLERANCE || step - off <= ONSET_TOLERANCE;
}

/** Ticks of the felt beats of a meter in [0, end): quarters in simple meters, dotted quarters in 6/8, 9/8, 12/8. */
export function beatsOf(meter: Meter, end: Ticks): Ticks[] {
  const beat = beatTicks(meter);
  const out: Ticks[] = [];
  for (let t = 0; t < end; t += beat) out.push(t);
  return out;
}

/**
 * The strong beats of a bar, in ticks from the bar line: the downbeat, and the middle of the bar
 * when the bar has four felt beats or two (4/4 and 12/8: beats 1 and 3; 2/4, 2/2 and 6/8: both
 * beats); in bars of three beats (3/4, 9/8) the downbeat alone. Meters of five or more beats
 * other than these: the downbeat alone.
 */
export function strongBeatsOf(meter: Meter): Ticks[] {
  const bar = barTicks(meter);
  const beats = Math.round(bar / beatTicks(meter));
  return beats === 2 || beats === 4 ? [0, bar / 2] : [0];
}

/** Whether an onset falls on a strong beat ({@link strongBeatsOf}), within the tolerance. */
export function isStrongBeat(tick: Ticks, meter: Meter): boolean {
  const bar = barTicks(meter);
  const inBar = ((tick % bar) + bar) % bar;
  return strongBeatsOf(meter).some((s) => Math.abs(inBar - s) <= ONSET_TOLERANCE || bar - inBar <= ONSET_TOLERANCE);
}
