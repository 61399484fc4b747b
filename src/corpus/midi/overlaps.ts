import type { Note } from '../types';

/**
 * Makes every note end no later than the next note of the same pitch starts (one key cannot sound
 * twice): the earlier note is shortened; of two notes on the same pitch and tick, one is kept, as
 * long as the longer. Returns new notes sorted by tick then pitch; durations stay ≥ 1.
 */
export function trimOverlaps(notes: readonly Note[]): Note[] {
  return trimOverlapsInPlace(
    notes.map((n) => ({ pitch: n.pitch, tick: n.tick, duration: n.duration, velocity: n.velocity })),
  );
}

/**
 * {@link trimOverlaps} on notes the caller owns: sorts and shortens them in place, in one pass after
 * the sort (the sort is skipped when they come sorted, as they do from the importer).
 */
export function trimOverlapsInPlace(notes: Note[]): Note[] {
  if (!isSorted(notes)) notes.sort(byTickThenPitch);
  const last: (Note | undefined)[] = new Array(128);
  let dropped = 0;
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i];
    const prev = last[note.pitch];
    if (prev && prev.tick + prev.duration > note.tick) {
      if (prev.tick === note.tick) {
        prev.duration = Math.max(prev.duration, note.duration);
        note.duration = 0; // marks the duplicate for removal
        dropped++;
        continue;
      }
      prev.duration = note.tick - prev.tick;
    }
    last[note.pitch] = note;
  }
  return dropped > 0 ? notes.filter((n) => n.duration > 0) : notes;
}

function byTickThenPitch(a: Note, b: Note): number {
  return a.tick - b.tick || a.pitch - b.pitch;
}

function isSorted(notes: readonly Note[]): boolean {
  for (let i = 1; i < notes.length; i++) if (byTickThenPitch(notes[i - 1], notes[i]) > 0) return false;
  return true;
}
