import type { Frequency, NormalRange, Seconds, Time } from 'tone/build/esm/core/type/Units';
import { Instrument, type InstrumentOptions } from 'tone/build/esm/instrument/Instrument';

/**
 * Tone's polyphonic instrument methods — `triggerAttack`, `triggerRelease`, `triggerAttackRelease`
 * on a note or a list of notes, as a PolySynth takes them — over one note's `play` and `release`.
 */
export abstract class Polyphonic<O extends InstrumentOptions> extends Instrument<O> {
  /** Starts a note of `frequency` at `at`, released at `off` (Infinity: held until released). */
  protected abstract play(frequency: number, at: Seconds, off: Seconds, velocity: number): void;

  /** Releases the held note of `frequency` (the one started before `at`), if any. */
  protected abstract releaseHeld(frequency: number, at: Seconds): void;

  triggerAttack(notes: Frequency | Frequency[], time?: Time, velocity: NormalRange = 1): this {
    const at = this.toSeconds(time);
    for (const n of Array.isArray(notes) ? notes : [notes]) this.play(this.toFrequency(n), at, Infinity, velocity);
    return this;
  }

  triggerRelease(notes: Frequency | Frequency[], time?: Time): this {
    const at = this.toSeconds(time);
    for (const n of Array.isArray(notes) ? notes : [notes]) this.releaseHeld(this.toFrequency(n), at);
    return this;
  }

  /** Attack and release at once: the note's length is known, so it is planned whole. */
  triggerAttackRelease(notes: Frequency | Frequency[], duration: Time, time?: Time, velocity: NormalRange = 1): this {
    const at = this.toSeconds(time);
    const off = at + this.toSeconds(duration);
    for (const n of Array.isArray(notes) ? notes : [notes]) this.play(this.toFrequency(n), at, off, velocity);
    return this;
  }
}
