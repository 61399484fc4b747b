import { type Piece, pieceTicks } from '../../compose';
import { type Bpm, type Meter, PPQ, type Seconds, type Ticks } from '../../core';
import { releaseSeconds } from '../catalogue';
import type { SoundSetup } from '../sound';

/** One note as the engine plays it: which track, what, when, how loud. */
export interface NoteEvent {
  /** Index of the track in the piece (and in the sound setup). */
  track: number;
  pitch: number;
  tick: Ticks;
  duration: Ticks;
  velocity: number;
  /** Position in the piece-wide order. */
  index: number;
}

/** The notes of a piece, all tracks merged in time order. */
export interface Timeline {
  events: NoteEvent[];
  length: Ticks;
  meter: Meter;
  tempo: Bpm;
}

/** Seconds per tick at `bpm`. */
export function tickSeconds(bpm: Bpm): Seconds {
  return 60 / (bpm * PPQ);
}

/** How long a track's note rings after its note-off, in seconds (a drum hit: from its start). */
export function releaseOf(sound: SoundSetup, track: number, pitch: number): Seconds {
  return releaseSeconds(sound.tracks[track].voice, pitch);
}

/**
 * Merges the tracks of `piece` into one list in time order (each instrument gives its notes
 * voices as they come, so live playback and the offline render play them alike).
 */
export function timelineOf(piece: Piece, firstIndex = 0): Timeline {
  const events: NoteEvent[] = [];
  piece.tracks.forEach((track, t) => {
    for (const n of track.notes)
      events.push({ track: t, pitch: n.pitch, tick: n.tick, duration: n.duration, velocity: n.velocity, index: 0 });
  });
  events.sort((a, b) => a.tick - b.tick || a.track - b.track || a.pitch - b.pitch);
  events.forEach((e, i) => {
    e.index = firstIndex + i;
  });
  return { events, length: pieceTicks(piece), meter: piece.meter, tempo: piece.tempo };
}

/** Index of the first event at or after `tick` (binary search). */
export function firstAt(events: readonly NoteEvent[], tick: Ticks): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].tick < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
