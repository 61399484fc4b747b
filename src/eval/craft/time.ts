import { ONSET_TOLERANCE, type Ticks } from '../../core';
import type { Note } from '../../corpus';

// Where the beats are lives in core (the composer places notes on them too); the measures read them here.
export { beatsOf, isStrongBeat, ONSET_TOLERANCE, onGrid, strongBeatsOf } from '../../core';

/**
 * The notes sounding at each of `times` (ascending): begun by `time + tolerance` and not yet
 * ended then, so a note struck a little late still counts and one released a little late does not.
 * One sweep over notes sorted by tick.
 */
export function soundingAt(notes: readonly Note[], times: readonly Ticks[]): Note[][] {
  const out: Note[][] = [];
  let next = 0;
  let active: readonly Note[] = [];
  for (const time of times) {
    const at = time + ONSET_TOLERANCE;
    // A fresh array each time: the one given out for an earlier time is never changed.
    const now = active.filter((n) => n.tick + n.duration > at);
    for (; next < notes.length && notes[next].tick <= at; next++)
      if (notes[next].tick + notes[next].duration > at) now.push(notes[next]);
    out.push(now);
    active = now;
  }
  return out;
}
