import type { MidiPitch, PitchClass, Ticks } from '../core';

const pc = (pitch: number): number => ((pitch % 12) + 12) % 12;

/** A pitch of one of `pitchClasses` nearest to `target`, inside [low, high] when possible. */
export function nearestOf(pitchClasses: readonly PitchClass[], target: number, low: number, high: number): MidiPitch {
  let best = -1;
  for (let p = low; p <= high; p++) {
    if (pitchClasses.includes(pc(p)) && (best < 0 || Math.abs(p - target) < Math.abs(best - target))) best = p;
  }
  return best < 0 ? Math.min(high, Math.max(low, Math.round(target))) : best;
}

/** Downbeats louder than beats, beats louder than off-beats. */
export function accent(velocity: number, tick: Ticks, bar: Ticks, beat: Ticks): number {
  const v = tick % bar === 0 ? velocity + 8 : tick % beat === 0 ? velocity : velocity - 10;
  return Math.min(127, Math.max(1, Math.round(v)));
}
