import type { Piece } from '../compose';
import type { TrackRole } from '../corpus';
import { CHORUS_DEFAULTS, DELAY_DEFAULTS, LIMITER_DEFAULTS, type MasterOptions, REVERB_DEFAULTS } from './master';
import type { ToneOptions, VoiceOptions } from './voice';

/** What a track plays on: a synth voice, or the synthesized drum kit. */
export type Instrument = { kind: 'tone'; tone: ToneOptions } | { kind: 'drums'; polyphony: number; volume: number };

/** Effect sends of a track, linear 0–1. */
export interface Sends {
  reverb: number;
  delay: number;
  chorus: number;
}

/** Everything the engine needs to sound one track. */
export interface TrackSound {
  id: string;
  name: string;
  role: TrackRole;
  /** MIDI channel, 0-based, for MIDI output. */
  channel: number;
  /** General MIDI program, for MIDI output. */
  program: number;
  instrument: Instrument;
  /** −1 to 1. */
  pan: number;
  sends: Sends;
}

/** How a whole piece sounds: its tracks, and the master bus. */
export interface SoundSetup {
  tracks: TrackSound[];
  master: MasterOptions;
}

/** Per-track changes over what the role gives. */
export interface TrackOptions {
  pan: number;
  sends: Partial<Sends>;
  tone: Partial<ToneOptions>;
}

/** How a preset sounds: a voice per track id, the reverb send, and optional refinements. */
export interface EngineOptions {
  voices: Record<string, VoiceOptions>;
  /** Share of the signal sent to the reverb, 0–1. */
  reverb: number;
  /** The drum kit's level in decibels (default {@link DRUMS_VOLUME}). */
  drums?: { volume: number };
  tracks?: Record<string, Partial<TrackOptions>>;
  master?: Partial<Omit<MasterOptions, 'delayTime'>> & { delayBeats?: number };
}

/** Beats between echoes (a dotted eighth). */
export const DELAY_BEATS = 0.75;

const ROLE_TONE: Record<Exclude<TrackRole, 'drums'>, Omit<ToneOptions, keyof VoiceOptions>> = {
  melody: { brightness: 7, resonance: 0.9, velocityToBrightness: 0.4, spread: 14, polyphony: 6 },
  chords: { brightness: 5, resonance: 0.75, velocityToBrightness: 0.5, spread: 12, polyphony: 12 },
  bass: { brightness: 4, resonance: 0.8, velocityToBrightness: 0.3, spread: 8, polyphony: 4 },
  other: { brightness: 5, resonance: 0.75, velocityToBrightness: 0.4, spread: 12, polyphony: 12 },
};

const ROLE_VOICE: Record<Exclude<TrackRole, 'drums'>, VoiceOptions> = {
  melody: { type: 'synth', oscillator: 'triangle', attack: 0.01, decay: 0.2, sustain: 0.5, release: 0.3, volume: -12 },
  chords: { type: 'synth', oscillator: 'triangle', attack: 0.01, decay: 0.4, sustain: 0.3, release: 0.5, volume: -18 },
  bass: { type: 'synth', oscillator: 'triangle', attack: 0.005, decay: 0.2, sustain: 0.5, release: 0.2, volume: -10 },
  other: { type: 'synth', oscillator: 'triangle', attack: 0.01, decay: 0.3, sustain: 0.4, release: 0.4, volume: -18 },
};

const ROLE_PAN: Record<TrackRole, number> = { melody: 0.1, chords: -0.25, bass: 0, drums: 0, other: 0.3 };

/** Sends per role, the reverb as a share of the preset's reverb amount. */
const ROLE_SENDS: Record<TrackRole, Sends> = {
  melody: { reverb: 1, delay: 0.16, chorus: 0 },
  chords: { reverb: 1, delay: 0, chorus: 0.45 },
  bass: { reverb: 0.25, delay: 0, chorus: 0 },
  drums: { reverb: 0.4, delay: 0, chorus: 0 },
  other: { reverb: 1, delay: 0.08, chorus: 0.3 },
};

/** Drum kit level, in decibels. */
export const DRUMS_VOLUME = -9;

/**
 * The sound of each track of `piece`: its preset voice by track id, else the voice of its role (a
 * chorale's alto and tenor play the chords voice), else its role's default, so any track id plays;
 * placement and sends; the drums role always plays the drum kit.
 */
export function resolveSound(piece: Piece, options: EngineOptions, tempo = piece.tempo): SoundSetup {
  const tracks = piece.tracks.map((track): TrackSound => {
    const extra = options.tracks?.[track.id] ?? {};
    const role = track.role;
    const sends = { ...ROLE_SENDS[role] };
    sends.reverb *= options.reverb;
    Object.assign(sends, extra.sends);
    const instrument: Instrument =
      role === 'drums'
        ? { kind: 'drums', polyphony: 10, volume: options.drums?.volume ?? DRUMS_VOLUME }
        : {
            kind: 'tone',
            tone: {
              ...ROLE_TONE[role],
              ...(options.voices[track.id] ?? options.voices[role] ?? ROLE_VOICE[role]),
              ...extra.tone,
            },
          };
    return {
      id: track.id,
      name: track.name,
      role,
      channel: track.channel,
      program: track.program,
      instrument,
      pan: extra.pan ?? ROLE_PAN[role],
      sends,
    };
  });
  return { tracks, master: masterOptions(options.master, tempo) };
}

/** The master bus settings: the defaults under `m`, the echo time at `tempo`. */
export function masterOptions(m: EngineOptions['master'] = {}, tempo = 120): MasterOptions {
  return {
    reverb: { ...REVERB_DEFAULTS, ...m.reverb },
    delay: { ...DELAY_DEFAULTS, ...m.delay },
    chorus: { ...CHORUS_DEFAULTS, ...m.chorus },
    limiter: { ...LIMITER_DEFAULTS, ...m.limiter },
    gain: m.gain ?? -2,
    delayTime: delaySeconds(tempo, m.delayBeats),
  };
}

/** Echo time at `bpm`. */
export function delaySeconds(bpm: number, beats = DELAY_BEATS): number {
  return (beats * 60) / bpm;
}
