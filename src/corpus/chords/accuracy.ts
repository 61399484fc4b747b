import type { Ticks } from '../../core';
import type { Note } from '../types';
import type { ChordLabel } from './label';
import { maskOf } from './vocabulary';

/** How well chord labels name what sounds (see {@link measureChordAccuracy}). */
export interface ChordAccuracy {
  /** Ticks during which at least the asked number of pitch classes sound. */
  judged: Ticks;
  /** Of those, ticks during which the label's pitch classes are exactly the sounding ones. */
  matched: Ticks;
  /** matched / judged; 1 when nothing is judged. */
  accuracy: number;
  /** Missed ticks by what sounded and what the label said, e.g. "C E G Bb as C" (or "as nothing"). */
  missed: Map<string, Ticks>;
}

const NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

/**
 * Measures labels against the notes they label: over the time during which at least
 * `minPitchClasses` pitch classes sound, the share during which the label in force has exactly the
 * sounding pitch classes (octaves and doublings aside; the bass of a slash chord is not checked).
 * For block chords this is "the label names the chord actually sounding"; for arpeggios and
 * chorales, where a single moment rarely sounds a whole chord, it is a strict lower bound.
 */
export function measureChordAccuracy(
  labels: readonly ChordLabel[],
  notes: readonly Note[],
  minPitchClasses = 1,
): ChordAccuracy {
  const events: [Ticks, number, number][] = [];
  for (const n of notes) {
    if (n.duration > 0 && Number.isInteger(n.pitch)) {
      events.push([n.tick, n.pitch % 12, 1], [n.tick + n.duration, n.pitch % 12, -1]);
    }
  }
  events.sort((a, b) => a[0] - b[0]);
  const active = new Int32Array(12);
  const missed = new Map<string, Ticks>();
  let judged = 0;
  let matched = 0;
  let label = 0;
  for (let e = 0; e < events.length; ) {
    const now = events[e][0];
    for (; e < events.length && events[e][0] === now; e++) active[events[e][1]] += events[e][2];
    if (e >= events.length) break;
    let sounding = 0;
    for (let pc = 0; pc < 12; pc++) if (active[pc] > 0) sounding |= 1 << pc;
    if (popCount(sounding) < minPitchClasses) continue;
    // Split the stretch up to the next event at label boundaries.
    for (let from = now, to = events[e][0]; from < to; ) {
      while (label < labels.length && labels[label].tick + labels[label].duration <= from) label++;
      const current = labels[label] && labels[label].tick <= from ? labels[label] : undefined;
      const until = current ? Math.min(to, current.tick + current.duration) : Math.min(to, labels[label]?.tick ?? to);
      judged += until - from;
      if (current && maskOf(current.pitchClasses) === sounding) matched += until - from;
      else {
        const key = `${namesOf(sounding)} as ${current?.symbol ?? 'nothing'}`;
        missed.set(key, (missed.get(key) ?? 0) + until - from);
      }
      from = until;
    }
  }
  return { judged, matched, accuracy: judged > 0 ? matched / judged : 1, missed };
}

/** The share of time the labels name exactly the sounding pitch classes (see {@link measureChordAccuracy}). */
export function chordAccuracy(labels: readonly ChordLabel[], notes: readonly Note[], minPitchClasses = 1): number {
  return measureChordAccuracy(labels, notes, minPitchClasses).accuracy;
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}

function namesOf(mask: number): string {
  return NAMES.filter((_, pc) => mask & (1 << pc)).join(' ');
}
