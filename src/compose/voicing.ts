import type { MidiPitch, PitchClass } from '../core';

const pc = (pitch: number): number => ((pitch % 12) + 12) % 12;

/**
 * Voices a chord in close position inside [low, high], choosing the inversion and octave that moves
 * least from `previous` (sum of distances between the voices in order); with no previous chord, the
 * one nearest the middle of the range. Chords of five or more notes drop their fifth.
 */
export function voiceChord(
  pitchClasses: readonly PitchClass[],
  previous: readonly MidiPitch[] | undefined,
  low: MidiPitch,
  high: MidiPitch,
): MidiPitch[] {
  const pcs = pitchClasses.length > 4 ? pitchClasses.filter((_, i) => i !== 2).slice(0, 4) : [...pitchClasses];
  if (pcs.length === 0) return [];
  let best: MidiPitch[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  for (let inversion = 0; inversion < pcs.length; inversion++) {
    const order = [...pcs.slice(inversion), ...pcs.slice(0, inversion)];
    for (let base = low; base < low + 12; base++) {
      if (pc(base) !== order[0]) continue;
      for (let octave = 0; base + octave <= high; octave += 12) {
        const voicing = stack(order, base + octave);
        if (voicing[voicing.length - 1] > high) continue;
        const cost = previous?.length ? distance(voicing, previous) : Math.abs(centre(voicing) - (low + high) / 2);
        if (cost < bestCost) {
          bestCost = cost;
          best = voicing;
        }
      }
    }
  }
  return best.length ? best : stack(pcs, low);
}

/** Stacks pitch classes upwards from `bottom`, each above the one before. */
function stack(order: readonly PitchClass[], bottom: MidiPitch): MidiPitch[] {
  const out = [bottom];
  for (const p of order.slice(1)) {
    let next = out[out.length - 1] + 1;
    while (pc(next) !== p) next++;
    out.push(next);
  }
  return out;
}

const centre = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

function distance(a: readonly number[], b: readonly number[]): number {
  let cost = 0;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) cost += Math.abs(a[Math.min(i, a.length - 1)] - b[Math.min(i, b.length - 1)]);
  return cost;
}
