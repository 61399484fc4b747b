/**
 * An independent oracle for transposed copies (written here from the raw notes, not by the guard's
 * code): a tune as a listener follows it, and its runs of n notes blind to transposition.
 */
import type { Note } from '../../src/corpus';

/** A note of a tune: its pitch and how long it sounds before the next begins, in twelfths of a quarter. */
export interface TuneNote {
  pitch: number;
  units: number;
}

/** The highest note at each onset, each as long as it sounds before the next (or to its end). */
export function tuneLine(notes: readonly Note[]): TuneNote[] {
  const byOnset = new Map<number, Note>();
  for (const n of notes) {
    const held = byOnset.get(n.tick);
    if (!held || n.pitch > held.pitch) byOnset.set(n.tick, n);
  }
  const sorted = [...byOnset.values()].sort((a, b) => a.tick - b.tick);
  return sorted.map((n, i) => {
    const end = Math.min(n.tick + n.duration, sorted[i + 1]?.tick ?? Number.POSITIVE_INFINITY);
    return { pitch: n.pitch, units: Math.round(end / 40) - Math.round(n.tick / 40) };
  });
}

/** Every run of `n` notes as its first length, then each interval with its length: the same from any starting note. */
export function transposedRuns(tune: readonly TuneNote[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tune.length; i++) {
    let key = `${tune[i].units}`;
    for (let j = i + 1; j < i + n; j++) key += ` ${tune[j].pitch - tune[j - 1].pitch}/${tune[j].units}`;
    out.push(key);
  }
  return out;
}
