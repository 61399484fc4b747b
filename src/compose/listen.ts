import { isStrongBeat, type Meter, type MidiPitch, maxOf, minOf, type Ticks } from '../core';
import type { Note } from '../corpus';
import { skyline } from '../corpus';

/**
 * The melody as the arranger listens to it: the top line (the highest note at each onset), what
 * sounds at a moment, and the notes struck on strong beats — the ones a chord tone must not rub.
 */
export interface MelodyEar {
  /** The melody pitch sounding at `tick` (struck by then, not yet released), if any (none at no tick). */
  at(tick: Ticks | undefined): MidiPitch | undefined;
  /** The melody notes struck on strong beats in [from, to): where and what. */
  strong(from: Ticks, to: Ticks): { tick: Ticks; pitch: MidiPitch }[];
  /** The lowest and highest melody pitch sounding anywhere in [from, to), if any. */
  span(from: Ticks, to: Ticks): { low: MidiPitch; high: MidiPitch } | undefined;
  /** The melody pitches sounding anywhere in [from, to). */
  pitches(from: Ticks, to: Ticks): MidiPitch[];
}

/** A melody note struck this close after a moment counts as sounding at it (a 64th note). */
const TOLERANCE: Ticks = 30;

/**
 * Listens to `notes` in `meter` (strong beats as the craft measures count them: 1 and 3 in 4/4,
 * the downbeat in 3/4, both beats in 6/8).
 *
 * @example
 * hear(melody, [4, 4]).strong(0, 1920); // => the notes struck on beats 1 and 3 of the first bar
 */
export function hear(notes: readonly Note[], meter: Meter): MelodyEar {
  const line = skyline(notes);
  const first = (tick: Ticks): number => {
    // the first note struck after `tick`
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (line[mid].tick <= tick) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    at(tick) {
      if (tick === undefined) return undefined;
      for (let i = first(tick + TOLERANCE) - 1; i >= 0; i--) {
        const n = line[i];
        if (n.tick + n.duration > tick + TOLERANCE) return n.pitch;
        if (n.tick + n.duration <= tick) return undefined;
      }
      return undefined;
    },
    strong(from, to) {
      const out: { tick: Ticks; pitch: MidiPitch }[] = [];
      for (let i = first(from - TOLERANCE - 1); i < line.length && line[i].tick < to - TOLERANCE; i++)
        if (isStrongBeat(line[i].tick, meter)) out.push({ tick: line[i].tick, pitch: line[i].pitch });
      return out;
    },
    span(from, to) {
      const heard = this.pitches(from, to);
      return heard.length > 0 ? { low: minOf(heard), high: maxOf(heard) } : undefined;
    },
    pitches(from, to) {
      const out: MidiPitch[] = [];
      for (let i = Math.max(0, first(from) - 1); i < line.length && line[i].tick < to; i++)
        if (line[i].tick + line[i].duration > from) out.push(line[i].pitch);
      return out;
    },
  };
}

/** An ear for no melody (an intro, a test): nothing sounds, nothing to rub against. */
export const DEAF: MelodyEar = { at: () => undefined, strong: () => [], span: () => undefined, pitches: () => [] };
