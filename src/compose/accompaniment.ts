import { barTicks, beatTicks, type Meter, type MidiPitch, type Ticks } from '../core';
import type { Note } from '../corpus';
import { accent, nearestOf } from './melody';
import type { BassPattern, CompingPattern } from './options';
import { voiceChord } from './voicing';

/** A chord of the harmony with absolute ticks and its pitch classes, root first. */
export interface HarmonyEvent {
  tick: Ticks;
  duration: Ticks;
  pitchClasses: number[];
}

interface PartRange {
  low: MidiPitch;
  high: MidiPitch;
  velocity: number;
}

/** Onsets of a pattern inside one chord: every beat, every beat but the downbeat, or every half beat. */
function onsets(h: HarmonyEvent, step: Ticks, skipDownbeats: Ticks | 0): Ticks[] {
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

/** The bass part: chord roots (and fifths) near the last bass note, in the pattern's rhythm. */
export function bassLine(
  harmony: readonly HarmonyEvent[],
  meter: Meter,
  pattern: BassPattern,
  part: PartRange,
): Note[] {
  const bar = barTicks(meter);
  const beat = beatTicks(meter);
  const notes: Note[] = [];
  let previous = part.low + 7;
  for (const h of harmony) {
    const root = nearestOf([h.pitchClasses[0]], previous, part.low, part.high);
    const fifth = nearestOf([(h.pitchClasses[0] + 7) % 12], root, part.low, part.high);
    const end = h.tick + h.duration;
    const add = (pitch: MidiPitch, tick: Ticks, duration: Ticks) =>
      notes.push({ pitch, tick, duration, velocity: accent(part.velocity, tick, bar, beat) });
    if (pattern === 'root') add(root, h.tick, h.duration);
    else if (pattern === 'root-fifth') {
      const half = h.duration >= 2 * beat ? Math.floor(h.duration / beat / 2) * beat : h.duration;
      add(root, h.tick, half);
      if (half < h.duration) add(fifth, h.tick + half, h.duration - half);
    } else {
      for (const t of onsets(h, beat, 0)) {
        if (pattern === 'downbeat' && t !== h.tick && t % bar !== 0) continue;
        const duration = pattern === 'downbeat' ? Math.min(beat, end - t) : Math.min(Math.round(beat * 0.9), end - t);
        add(root, t, duration);
      }
    }
    previous = root;
  }
  return notes;
}
