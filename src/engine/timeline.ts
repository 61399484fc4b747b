import { type Piece, pieceTicks } from '../compose';
import { type Bpm, type Meter, PPQ, type Seconds, type Ticks } from '../core';
import { drumHit, hitLength } from './drumKit';
import type { SoundSetup } from './sound';
import { planVoices } from './voiceAllocator';

/** One note as the engine plays it: where, how loud, on which voice, and when it is cut. */
export interface NoteEvent {
  /** Index of the track in the piece (and in the sound setup). */
  track: number;
  pitch: number;
  tick: Ticks;
  duration: Ticks;
  velocity: number;
  voice: number;
  /** The note takes a voice still fading out, so it starts {@link FADE} late. */
  steals: boolean;
  cut?: Ticks;
  /** Position in the piece-wide order; seeds per-note variation (which stretch of noise a hit uses). */
  index: number;
}

/** The notes of a piece, all tracks merged in time order, with their voices planned. */
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

/** How long a track's note rings after its note-off, in seconds. */
export function releaseOf(sound: SoundSetup, track: number, pitch: number): Seconds {
  const instrument = sound.tracks[track].instrument;
  return instrument.kind === 'drums' ? hitLength(drumHit(pitch)) : instrument.tone.release;
}

/**
 * Merges the tracks of `piece` into one list in time order and plans each track's voices (at the
 * piece's tempo), so live playback and the offline render cut and reuse the same voices.
 */
export function timelineOf(piece: Piece, sound: SoundSetup): Timeline {
  const perTick = tickSeconds(piece.tempo);
  const events: NoteEvent[] = [];
  piece.tracks.forEach((track, t) => {
    const instrument = sound.tracks[t].instrument;
    const polyphony = instrument.kind === 'drums' ? instrument.polyphony : instrument.tone.polyphony;
    const drums = instrument.kind === 'drums';
    const plan = planVoices(track.notes, {
      polyphony,
      // A drum hit rings for its own length whatever the note's duration says.
      releaseTicks: (n) => Math.ceil(releaseOf(sound, t, n.pitch) / perTick) - (drums ? n.duration : 0),
      chokeGroup: drums ? (pitch) => drumHit(pitch).choke : undefined,
    });
    track.notes.forEach((n, i) => {
      events.push({
        track: t,
        pitch: n.pitch,
        tick: n.tick,
        duration: n.duration,
        velocity: n.velocity,
        voice: plan[i].voice,
        steals: plan[i].steals,
        cut: plan[i].cut,
        index: 0,
      });
    });
  });
  events.sort((a, b) => a.tick - b.tick || a.track - b.track || a.pitch - b.pitch);
  events.forEach((e, i) => {
    e.index = i;
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
