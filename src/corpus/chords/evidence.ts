import type { MidiPitch, Ticks } from '../../core';
import type { Note } from '../types';

/** No pitch of that class sounds (in {@link Evidence.lowestPitch}). */
export const NO_PITCH = 255;

/**
 * What sounds between consecutive candidate chord changes: interval k is [changes[k], changes[k+1]).
 * Arrays hold 12 entries per interval, one per pitch class (index k * 12 + pc).
 */
export interface Evidence {
  changes: readonly Ticks[];
  /** Ticks of sound, summed over notes (two voices on one pitch class count twice). */
  weight: Float64Array;
  /**
   * Ticks during which the pitch class is the lowest note of a full chord (three or more pitch
   * classes together). Only full chords count: in a broken chord every note is the lowest for a while.
   */
  bassOfChord: Float64Array;
  /** Lowest MIDI pitch of the class sounding in the interval, or {@link NO_PITCH}. */
  lowestPitch: Uint8Array;
  /**
   * Ticks during which a full chord (three or more pitch classes) sounds without this pitch class:
   * a label claiming it there overclaims, as a seventh held over a plain triad before it.
   */
  absentFromChord: Float64Array;
}

/** Fewest pitch classes sounding together that count as a full chord. */
const FULL_CHORD = 3;

/** A note clipped to the labelled span, with its pitch checked. */
interface Sounding {
  pitch: MidiPitch;
  start: Ticks;
  end: Ticks;
}

/**
 * Gathers the {@link Evidence} of `notes` over the intervals between `changes` (sorted, at least two)
 * in one sweep through time: linear in notes plus intervals, however long the notes are.
 */
export function gatherEvidence(notes: readonly Note[], changes: readonly Ticks[]): Evidence {
  const count = changes.length - 1;
  const evidence: Evidence = {
    changes,
    weight: new Float64Array(count * 12),
    bassOfChord: new Float64Array(count * 12),
    lowestPitch: new Uint8Array(count * 12).fill(NO_PITCH),
    absentFromChord: new Float64Array(count * 12),
  };
  const sounding = clipNotes(notes, changes[0], changes[count]);
  const starts = [...sounding].sort((a, b) => a.start - b.start);
  const ends = [...sounding].sort((a, b) => a.end - b.end);
  const state = createSweep();
  let s = 0;
  let e = 0;
  let k = 0;
  for (let now = changes[0]; now < changes[count]; ) {
    while (e < ends.length && ends[e].end <= now) release(state, ends[e++].pitch);
    while (s < starts.length && starts[s].start <= now) strike(state, starts[s++].pitch);
    while (k < count - 1 && changes[k + 1] <= now) k++;
    const next = Math.min(changes[k + 1], starts[s]?.start ?? Infinity, ends[e]?.end ?? Infinity);
    record(evidence, k, next - now, state);
    now = next;
  }
  return evidence;
}

/** Notes with a valid pitch and some duration inside [start, end], clipped to it. */
function clipNotes(notes: readonly Note[], start: Ticks, end: Ticks): Sounding[] {
  const kept: Sounding[] = [];
  for (const n of notes) {
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) continue;
    const s = Math.max(start, n.tick);
    const e = Math.min(end, n.tick + n.duration);
    if (e > s) kept.push({ pitch: n.pitch, start: s, end: e });
  }
  return kept;
}

/** What sounds at the current moment of the sweep. */
interface Sweep {
  /** Notes sounding per MIDI pitch. */
  byPitch: Int32Array;
  /** Notes sounding per pitch class, and the lowest pitch of each class (NO_PITCH when none). */
  byClass: Int32Array;
  lowestOfClass: Uint8Array;
  /** Pitch classes sounding, and the lowest pitch sounding (NO_PITCH when none). */
  classes: number;
  lowest: number;
}

function createSweep(): Sweep {
  return {
    byPitch: new Int32Array(128),
    byClass: new Int32Array(12),
    lowestOfClass: new Uint8Array(12).fill(NO_PITCH),
    classes: 0,
    lowest: NO_PITCH,
  };
}

function strike(state: Sweep, pitch: MidiPitch): void {
  const pc = pitch % 12;
  state.byPitch[pitch]++;
  if (state.byClass[pc]++ === 0) state.classes++;
  if (pitch < state.lowestOfClass[pc]) state.lowestOfClass[pc] = pitch;
  if (pitch < state.lowest) state.lowest = pitch;
}

function release(state: Sweep, pitch: MidiPitch): void {
  const pc = pitch % 12;
  if (--state.byClass[pc] === 0) state.classes--;
  if (--state.byPitch[pitch] > 0) return;
  if (pitch === state.lowestOfClass[pc]) {
    let p = pitch + 12;
    while (p < 128 && state.byPitch[p] === 0) p += 12;
    state.lowestOfClass[pc] = p < 128 ? p : NO_PITCH;
  }
  if (pitch === state.lowest) {
    let lowest = NO_PITCH;
    for (let c = 0; c < 12; c++) if (state.lowestOfClass[c] < lowest) lowest = state.lowestOfClass[c];
    state.lowest = lowest;
  }
}

/** Credits `ticks` of the current moment to interval `k`. */
function record(evidence: Evidence, k: number, ticks: Ticks, state: Sweep): void {
  const at = k * 12;
  for (let pc = 0; pc < 12; pc++) {
    if (state.byClass[pc] === 0) continue;
    evidence.weight[at + pc] += ticks * state.byClass[pc];
    if (state.lowestOfClass[pc] < evidence.lowestPitch[at + pc])
      evidence.lowestPitch[at + pc] = state.lowestOfClass[pc];
  }
  if (state.classes < FULL_CHORD) return;
  evidence.bassOfChord[at + (state.lowest % 12)] += ticks;
  for (let pc = 0; pc < 12; pc++) if (state.byClass[pc] === 0) evidence.absentFromChord[at + pc] += ticks;
}
