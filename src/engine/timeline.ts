import { type Piece, pieceTicks } from '../compose';
import { type Bpm, type Meter, PPQ, type Seconds, type Ticks } from '../core';
import { drumHit, hitLength } from './drumKit';
import type { SoundSetup } from './sound';
import { type BusyVoice, planVoices } from './voiceAllocator';

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

/** Ticks a track's note rings past its note-off at `bpm` (a drum hit: its own length from its start). */
function releaseTicks(sound: SoundSetup, track: number, n: { pitch: number; duration: Ticks }, bpm: Bpm): Ticks {
  const drums = sound.tracks[track].instrument.kind === 'drums';
  return Math.ceil(releaseOf(sound, track, n.pitch) / tickSeconds(bpm)) - (drums ? n.duration : 0);
}

/** What a timeline continues from (endless playback: the section before). */
export interface TimelineStart {
  /** Per track, the voices still ringing at tick 0. */
  busy?: readonly (readonly BusyVoice[])[];
  /** The first event's {@link NoteEvent.index}. */
  firstIndex?: number;
}

/**
 * Merges the tracks of `piece` into one list in time order and plans each track's voices (at the
 * piece's tempo), so live playback and the offline render cut and reuse the same voices.
 */
export function timelineOf(piece: Piece, sound: SoundSetup, from: TimelineStart = {}): Timeline {
  const events: NoteEvent[] = [];
  piece.tracks.forEach((track, t) => {
    const instrument = sound.tracks[t].instrument;
    const polyphony = instrument.kind === 'drums' ? instrument.polyphony : instrument.tone.polyphony;
    const drums = instrument.kind === 'drums';
    const plan = planVoices(track.notes, {
      polyphony,
      releaseTicks: (n) => releaseTicks(sound, t, n, piece.tempo),
      chokeGroup: drums ? (pitch) => drumHit(pitch).choke : undefined,
      busy: from.busy?.[t],
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
  const first = from.firstIndex ?? 0;
  events.forEach((e, i) => {
    e.index = first + i;
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

/**
 * Per track, the voices of `events` still ringing at `tick` (their end relative to it), for the
 * timeline that continues there. Notes ring past their note-off by their release, unless cut.
 */
export function ringingAt(events: readonly NoteEvent[], sound: SoundSetup, bpm: Bpm, tick: Ticks): BusyVoice[][] {
  const busy: BusyVoice[][] = sound.tracks.map(() => []);
  for (const e of events) {
    const end = Math.min(e.cut ?? Number.POSITIVE_INFINITY, e.tick + e.duration + releaseTicks(sound, e.track, e, bpm));
    if (end <= tick) continue;
    const list = busy[e.track];
    const same = list.findIndex((b) => b.voice === e.voice);
    // A later note on the same voice replaces the earlier one.
    if (same >= 0) list.splice(same, 1);
    list.push({ voice: e.voice, end: end - tick, pitch: e.pitch });
  }
  return busy;
}
