import { barTicks, beatTicks, type Meter, type MidiPitch, type Rng, type Ticks } from '../core';
import type { Note } from '../corpus';
import { type HarmonyEvent, onsets, type PartRange } from './accompaniment';
import { accent, nearestOf } from './notes';
import type { BassPattern } from './options';

const pc = (p: number) => ((p % 12) + 12) % 12;

/**
 * The bass part: chord roots near the last bass note, in the pattern's rhythm —
 * `root` (held), `root-fifth`, `pulse` (every beat), `downbeat` (waltz: the first beat), `octaves`
 * (eighths alternating root and octave), `approach` (root and fifth, with a chromatic or scale
 * approach note into each chord change) and `walking` (a note a beat: root, chord tones and scale
 * steps, then a half-step approach into the next root).
 */
export function bassLine(
  harmony: readonly HarmonyEvent[],
  meter: Meter,
  pattern: BassPattern,
  part: PartRange,
  scale: readonly number[],
  rng: Rng,
): Note[] {
  const bar = barTicks(meter);
  const beat = beatTicks(meter);
  const notes: Note[] = [];
  let previous = part.low + 7;
  harmony.forEach((h, i) => {
    const next = harmony[i + 1];
    const root = nearestOf([h.pitchClasses[0]], previous, part.low, part.high);
    const fifth = nearestOf([(h.pitchClasses[0] + 7) % 12], root, part.low, part.high);
    const nextRoot = next ? nearestOf([next.pitchClasses[0]], root, part.low, part.high) : root;
    const end = h.tick + h.duration;
    const add = (pitch: MidiPitch, tick: Ticks, duration: Ticks) => {
      if (duration > 0) notes.push({ pitch, tick, duration, velocity: accent(part.velocity, tick, bar, beat) });
    };
    const approach = (): MidiPitch => {
      const below = nextRoot - 1;
      const above = nextRoot + 1;
      const chromatic = rng.next() < 0.5 ? below : above;
      const step = scale.includes(pc(nextRoot - 2)) ? nextRoot - 2 : nextRoot + 2;
      const pick = rng.next() < 0.6 ? chromatic : step;
      return Math.min(part.high, Math.max(part.low, pick));
    };
    if (pattern === 'root') add(root, h.tick, h.duration);
    else if (pattern === 'root-fifth' || (pattern === 'approach' && h.duration < 2 * beat)) {
      const half = h.duration >= 2 * beat ? Math.floor(h.duration / beat / 2) * beat : h.duration;
      add(root, h.tick, half);
      add(fifth, h.tick + half, h.duration - half);
    } else if (pattern === 'approach') {
      const half = Math.floor(h.duration / beat / 2) * beat;
      const lead = beat / 2;
      add(root, h.tick, half);
      add(fifth, h.tick + half, h.duration - half - (next ? lead : 0));
      if (next) add(approach(), end - lead, lead);
    } else if (pattern === 'octaves') {
      onsets(h, beat / 2, 0).forEach((t, k) => {
        add(k % 2 === 0 ? root : Math.min(root + 12, part.high), t, Math.min(beat / 2, end - t));
      });
    } else if (pattern === 'walking') {
      const times = onsets(h, beat, 0);
      const tones = h.pitchClasses;
      let pitch = root;
      times.forEach((t, k) => {
        if (k === 0) pitch = root;
        else if (k === times.length - 1 && next) pitch = approach();
        else {
          const candidates = [...tones, ...scale].map((p) =>
            nearestOf([p], pitch + (rng.next() < 0.5 ? 2 : -2), part.low, part.high),
          );
          pitch = candidates[rng.int(candidates.length)];
        }
        add(pitch, t, Math.min(beat, end - t));
      });
    } else {
      for (const t of onsets(h, beat, 0)) {
        if (pattern === 'downbeat' && t !== h.tick && t % bar !== 0) continue;
        const duration = pattern === 'downbeat' ? Math.min(beat, end - t) : Math.min(Math.round(beat * 0.9), end - t);
        add(root, t, duration);
      }
    }
    previous = root;
  });
  return notes;
}
