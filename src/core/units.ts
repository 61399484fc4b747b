/**
 * Units of the domain. Time is integer ticks at one fixed resolution; seconds appear only in the
 * engine and in audio export.
 */

/** Ticks per quarter note, everywhere in the domain and in exported MIDI files. */
export const PPQ = 480;

/** A time or duration in ticks at {@link PPQ}. Always a non-negative integer. */
export type Ticks = number;
/** A MIDI note number, 0–127 (60 = middle C). */
export type MidiPitch = number;
/** A MIDI velocity, 1–127 (0 is never used for a sounding note). */
export type Velocity = number;
/** Tempo in quarter-note beats per minute. */
export type Bpm = number;
/** A time or duration in seconds (engine and audio export only). */
export type Seconds = number;
/** A pitch class, 0–11 (0 = C). */
export type PitchClass = number;

/** A time signature as [beats per bar, beat unit], e.g. [4, 4], [3, 4], [6, 8]. */
export type Meter = readonly [number, number];

/** Length of one bar of `meter` in ticks. */
export function barTicks(meter: Meter): Ticks {
  return (meter[0] * PPQ * 4) / meter[1];
}

/**
 * Length of the felt beat in ticks: a quarter in 4/4 and 3/4, a dotted quarter in compound meters
 * (6/8, 9/8, 12/8).
 */
export function beatTicks(meter: Meter): Ticks {
  const unit = (PPQ * 4) / meter[1];
  return meter[1] === 8 && meter[0] % 3 === 0 && meter[0] > 3 ? unit * 3 : unit;
}
