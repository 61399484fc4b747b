/**
 * How one part sounds, as a preset names it: a Tone.js-style synth (`synth`, `fm`, `am`), its
 * oscillator (Tone.js names, `fatsawtooth`, `amsine`, ...), envelope and level. The engine plays it
 * with its own Web Audio voices (see instrument.ts), the same in live playback and offline render.
 */
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

/** What the engine adds to a preset's voice: the tone filter and the voice count. */
export interface ToneOptions extends VoiceOptions {
  /** Cutoff of the voice's low-pass filter, in harmonics of the note (the filter follows the key). */
  brightness: number;
  /** Resonance (Q) of that filter. */
  resonance: number;
  /** How much darker the softest notes are than the loudest, 0–1. */
  velocityToBrightness: number;
  /** Detune between the two oscillators of `fat…` shapes, in cents. */
  spread: number;
  /** Most notes sounding at once; more notes steal the oldest voice (none is dropped). */
  polyphony: number;
}

/** The base shape of a Tone.js oscillator name and what is layered on it. */
export interface OscillatorShape {
  shape: 'sine' | 'triangle' | 'square' | 'sawtooth' | 'pulse';
  /** Two detuned oscillators (`fat…`). */
  fat: boolean;
  /** Static amplitude (`am…`) or frequency (`fm…`) modulation by the fundamental. */
  modulation?: 'am' | 'fm';
}

/** Reads a Tone.js oscillator name ("fatsawtooth", "amsine", "pulse", ...); unknown names are sine. */
export function oscillatorShape(name: string): OscillatorShape {
  const match = /^(fat|am|fm)?(sine|triangle|square|sawtooth|pulse)$/.exec(name);
  if (!match) return { shape: 'sine', fat: false };
  const prefix = match[1];
  return {
    shape: match[2] as OscillatorShape['shape'],
    fat: prefix === 'fat',
    modulation: prefix === 'am' || prefix === 'fm' ? prefix : undefined,
  };
}

/** Decibels to a gain factor. */
export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}
