import * as Tone from 'tone';

/** How one part sounds: a Tone.js synth with its oscillator, envelope and level. */
export interface VoiceOptions {
  type: 'synth' | 'fm' | 'am';
  oscillator: string;
  attack: number;
  decay: number;
  sustain: number;
  release: number;
  /** Level in decibels. */
  volume: number;
}

/** Voices per part; more notes at once reuse the oldest voice. */
export const MAX_POLYPHONY = 24;

/** A polyphonic Tone.js instrument for one part. The caller disposes it. */
export function createVoice(options: VoiceOptions): Tone.PolySynth {
  const settings = {
    oscillator: { type: options.oscillator },
    envelope: { attack: options.attack, decay: options.decay, sustain: options.sustain, release: options.release },
    volume: options.volume,
  } as const;
  // PolySynth's generic options do not narrow per voice class; the settings are shared by all three.
  const voice =
    options.type === 'fm'
      ? new Tone.PolySynth(Tone.FMSynth, settings as never)
      : options.type === 'am'
        ? new Tone.PolySynth(Tone.AMSynth, settings as never)
        : new Tone.PolySynth(Tone.Synth, settings as never);
  voice.maxPolyphony = MAX_POLYPHONY;
  return voice;
}
