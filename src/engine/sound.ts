import type { Piece } from '../compose';
import type { Bpm, Seconds } from '../core';
import type { TrackRole } from '../corpus';
import {
  type EffectSpec,
  effectTail,
  type InstrumentSpec,
  longestRing,
  NONLINEAR_EFFECTS,
  type PartSound,
  releaseSeconds,
  type SoundSpec,
} from './catalogue';

export type { EffectSpec, InstrumentSpec, PartSound, SoundSpec } from './catalogue';

/** Everything the engine needs to sound one track. */
export interface TrackSound {
  id: string;
  name: string;
  role: TrackRole;
  /** MIDI channel, 0-based, for MIDI output. */
  channel: number;
  /** General MIDI program, for MIDI output. */
  program: number;
  voice: InstrumentSpec;
  effects: EffectSpec[];
  /** −1 to 1. */
  pan: number;
  /** The part's fader, in decibels (the mixer's volume adds to it). */
  volume: number;
}

/** How a whole piece sounds: its tracks, the master chain and level, at the piece's tempo. */
export interface SoundSetup {
  tracks: TrackSound[];
  master: { effects: EffectSpec[]; volume: number };
  tempo: Bpm;
}

/** The instrument a track plays when the preset names none for it, by role. */
const ROLE_VOICE: Record<Exclude<TrackRole, 'drums'>, InstrumentSpec> = {
  melody: {
    instrument: 'LightSynth',
    options: { volume: -12, envelope: { attack: 0.01, decay: 0.2, sustain: 0.5, release: 0.3 }, maxPolyphony: 6 },
  },
  chords: {
    instrument: 'LightSynth',
    options: { volume: -18, envelope: { attack: 0.01, decay: 0.4, sustain: 0.3, release: 0.5 }, maxPolyphony: 12 },
  },
  bass: {
    instrument: 'LightSynth',
    options: { volume: -10, envelope: { attack: 0.005, decay: 0.2, sustain: 0.5, release: 0.2 }, maxPolyphony: 4 },
  },
  other: {
    instrument: 'LightSynth',
    options: { volume: -18, envelope: { attack: 0.01, decay: 0.3, sustain: 0.4, release: 0.4 }, maxPolyphony: 12 },
  },
};

/** The kit a drums track plays when the sound names none for it: a little under the parts' level. */
const DEFAULT_DRUMS: InstrumentSpec = { instrument: 'DrumKit', options: { volume: -8 } };

const ROLE_PAN: Record<TrackRole, number> = { melody: 0.1, chords: -0.25, bass: 0, drums: 0, other: 0.3 };

/** The master when the sound names none: a limiter just under full scale. */
export const DEFAULT_MASTER = {
  effects: [{ effect: 'Limiter', options: { threshold: -1 } }] as EffectSpec[],
  volume: -2,
};

/**
 * The sound of each track of `piece`: its part's instrument, effects, pan and level from `sound` by
 * track id, else the part of its role (a chorale's alto and tenor play the chords part), else its
 * role's default, so any track id plays; the drums role plays the DrumKit unless the sound names
 * another instrument for it.
 */
export function resolveSound(piece: Piece, sound: SoundSpec, tempo: Bpm = piece.tempo): SoundSetup {
  const tracks = piece.tracks.map((track): TrackSound => {
    const part: PartSound | undefined = sound.parts[track.id] ?? sound.parts[track.role];
    const voice = part?.voice ?? (track.role === 'drums' ? DEFAULT_DRUMS : ROLE_VOICE[track.role]);
    return {
      id: track.id,
      name: track.name,
      role: track.role,
      channel: track.channel,
      program: track.program,
      voice,
      effects: part?.effects ?? [],
      pan: part?.pan ?? ROLE_PAN[track.role],
      volume: part?.volume ?? 0,
    };
  });
  return {
    tracks,
    master: { effects: sound.master?.effects ?? DEFAULT_MASTER.effects, volume: sound.master?.volume ?? 0 },
    tempo,
  };
}

/**
 * The master chain split where a render must stop adding chunks: from the first effect that is not
 * linear (a compressor, a limiter, a distortion) on, the chain must hear the whole mix at once.
 */
export function splitMaster(effects: readonly EffectSpec[]): { linear: EffectSpec[]; rest: EffectSpec[] } {
  const at = effects.findIndex((e) => NONLINEAR_EFFECTS.includes(e.effect));
  return at < 0 ? { linear: [...effects], rest: [] } : { linear: effects.slice(0, at), rest: effects.slice(at) };
}

/** Seconds a chain of effects rings on after its input stops. */
export function chainTail(effects: readonly EffectSpec[], bpm: Bpm): Seconds {
  return effects.reduce((sum, e) => sum + effectTail(e, bpm), 0);
}

/** How long a note of track `track` keeps sounding after its note-off, through its effects and the master's. */
export function noteTail(sound: SoundSetup, track: number, pitch: number): Seconds {
  const t = sound.tracks[track];
  return (
    releaseSeconds(t.voice, pitch) + chainTail(t.effects, sound.tempo) + chainTail(sound.master.effects, sound.tempo)
  );
}

/** Seconds after the last note-off that a render keeps: the longest ring of any track, through the effects. */
export function tailSeconds(sound: SoundSetup): Seconds {
  let tail = 0;
  for (const t of sound.tracks) tail = Math.max(tail, longestRing(t.voice) + chainTail(t.effects, sound.tempo));
  return tail + chainTail(sound.master.effects, sound.tempo);
}
