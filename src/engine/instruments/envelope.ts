import type { Seconds } from '../../core';

/** An attack–decay–sustain–release envelope, times in seconds, sustain as a share of the peak. */
export interface Adsr {
  attack: Seconds;
  decay: Seconds;
  sustain: number;
  release: Seconds;
}

/** One AudioParam automation call: `set` = setValueAtTime, `linear`/`exp` = ramps ending at `time`. */
export interface Automation {
  type: 'set' | 'linear' | 'exp';
  time: Seconds;
  value: number;
}

/** How long a cut note (a stolen voice, a choked cymbal) takes to fade out: short enough to be on time, long enough not to click. */
export const FADE: Seconds = 0.005;

/** Level an exponential segment aims at instead of 0 (exponential ramps cannot reach 0): −80 dB. */
const FLOOR = 1e-4;

/** The value of a list of automation events at `t`, as Web Audio computes it. */
export function valueAt(events: readonly Automation[], t: Seconds): number {
  let value = 0;
  let time = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.time <= t) {
      value = e.value;
      time = e.time;
      continue;
    }
    if (e.type === 'set') return value;
    const share = (t - time) / (e.time - time);
    if (e.type === 'linear') return value + (e.value - value) * share;
    // An exponential ramp from 0 or across 0 holds the previous value (Web Audio's rule).
    return value * e.value > 0 ? value * (e.value / value) ** share : value;
  }
  return value;
}

/** Keeps the events before `t` and ends with the value the list had at `t`, set at `t`. */
function truncate(events: readonly Automation[], t: Seconds): Automation[] {
  const kept = events.filter((e) => e.time < t);
  kept.push({ type: 'set', time: t, value: valueAt(events, t) });
  return kept;
}

/** `events` cut at `t`: what they were until then, then a {@link FADE} to silence. */
export function cutEvents(events: readonly Automation[], t: Seconds): Automation[] {
  const kept = truncate(events, t);
  kept.push({ type: 'linear', time: t + FADE, value: 0 });
  return kept;
}

/**
 * The gain automation of one note: attack to `peak`, decay to the sustain level, hold until the
 * note-off at `off`, release; or, when a later note takes the voice at `cut`, a {@link FADE} to
 * silence there. Ends exactly at 0, at `end`, where the note's sources stop. An `off` of Infinity
 * holds the sustain (the note is released later, {@link releaseEvents}); `end` is then Infinity.
 *
 * @example
 * envelopeEvents({ attack: 0.01, decay: 0.1, sustain: 0.5, release: 0.2 }, 0, 1, 0.8).end // => 1.2
 */
export function envelopeEvents(
  adsr: Adsr,
  start: Seconds,
  off: Seconds,
  peak: number,
  cut?: Seconds,
): { events: Automation[]; end: Seconds } {
  const attackEnd = start + adsr.attack;
  const decayEnd = attackEnd + adsr.decay;
  const sustain = Math.max(adsr.sustain * peak, FLOOR * peak);
  let events: Automation[] = [
    { type: 'set', time: start, value: 0 },
    { type: 'linear', time: attackEnd, value: peak },
    { type: 'exp', time: decayEnd, value: sustain },
  ];
  let end = Number.POSITIVE_INFINITY;
  if (Number.isFinite(off)) ({ events, end } = releaseEvents(events, Math.max(off, start), adsr.release, peak));
  if (cut !== undefined && cut < end) {
    const at = Math.max(cut, start);
    return { events: cutEvents(events, at), end: at + FADE };
  }
  return { events, end };
}

/**
 * `events` released at `at`: what they were until then, then an exponential fall over `release`
 * seconds to −80 dB of `peak`, and 0. A note held with an infinite note-off gets its release here.
 */
export function releaseEvents(
  events: readonly Automation[],
  at: Seconds,
  release: Seconds,
  peak: number,
): { events: Automation[]; end: Seconds } {
  const kept = truncate(events, at);
  const end = at + release;
  kept.push({ type: 'exp', time: end, value: FLOOR * peak });
  kept.push({ type: 'set', time: end, value: 0 });
  return { events: kept, end };
}

/** The automation of a percussive hit: full level at once, exponential decay over `decay` seconds. */
export function hitEvents(
  start: Seconds,
  decay: Seconds,
  peak: number,
  cut?: Seconds,
): { events: Automation[]; end: Seconds } {
  const end = start + decay;
  const events: Automation[] = [
    { type: 'set', time: start, value: 0 },
    { type: 'linear', time: start + 0.001, value: peak },
    { type: 'exp', time: end, value: FLOOR * peak },
    { type: 'set', time: end, value: 0 },
  ];
  if (cut !== undefined && cut < end) {
    const at = Math.max(cut, start);
    return { events: cutEvents(events, at), end: at + FADE };
  }
  return { events, end };
}

/** Applies automation events to an AudioParam. */
export function automate(param: AudioParam, events: readonly Automation[]): void {
  for (const e of events) {
    if (e.type === 'set') param.setValueAtTime(e.value, e.time);
    else if (e.type === 'linear') param.linearRampToValueAtTime(e.value, e.time);
    else param.exponentialRampToValueAtTime(e.value, e.time);
  }
}
