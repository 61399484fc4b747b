import { barTicks, beatTicks, type Meter, type MidiPitch, type Ticks } from '../core';
import type { Note } from '../corpus';
import { accent } from './notes';
import type { CompingPattern } from './options';
import { voiceChord } from './voicing';

/** A chord of the harmony with absolute ticks and its pitch classes, root first. */
export interface HarmonyEvent {
  tick: Ticks;
  duration: Ticks;
  pitchClasses: number[];
}

export interface PartRange {
  low: MidiPitch;
  high: MidiPitch;
  velocity: number;
}

/** Onsets of a pattern inside one chord: every beat, every beat but the downbeat, or every half beat. */
export function onsets(h: HarmonyEvent, step: Ticks, skipDownbeats: Ticks | 0): Ticks[] {
  const out: Ticks[] = [];
  for (let t = h.tick; t < h.tick + h.duration; t += step) if (!skipDownbeats || t % skipDownbeats !== 0) out.push(t);
  return out;
}

/** The chords part: voice-led voicings played as the pattern says. */
export function comp(harmony: readonly HarmonyEvent[], meter: Meter, pattern: CompingPattern, part: PartRange): Note[] {
  const bar = barTicks(meter);
  const beat = beatTicks(meter);
  const notes: Note[] = [];
  let previous: MidiPitch[] | undefined;
  for (const h of harmony) {
    const voicing = voiceChord(h.pitchClasses, previous, part.low, part.high);
    previous = voicing;
    const end = h.tick + h.duration;
    if (pattern === 'sustain') {
      for (const pitch of voicing) notes.push({ pitch, tick: h.tick, duration: h.duration, velocity: part.velocity });
      continue;
    }
    if (pattern === 'arpeggio') {
      const step = beat / 2;
      const cycle = [...voicing, ...voicing.slice(1, -1).reverse()];
      onsets(h, step, 0).forEach((t, i) => {
        notes.push({
          pitch: cycle[i % cycle.length],
          tick: t,
          duration: Math.min(step, end - t),
          velocity: accent(part.velocity, t, bar, beat),
        });
      });
      continue;
    }
    for (const t of onsets(h, beat, pattern === 'afterbeats' ? bar : 0)) {
      const duration = Math.min(Math.round(beat * 0.85), end - t);
      for (const pitch of voicing)
        notes.push({ pitch, tick: t, duration, velocity: accent(part.velocity, t, bar, beat) });
    }
  }
  return notes;
}
