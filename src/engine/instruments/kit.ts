import type { MidiPitch, Seconds } from '../../core';

/** Filtered noises the kit is made of, each computed once per sample rate (see noise.ts). */
export type NoiseColour = 'click' | 'snare' | 'clap' | 'hat' | 'cymbal' | 'shaker' | 'breath';

/** A pitched part of a hit: an oscillator gliding from `from` to `to` Hz, decaying. */
export interface DrumTone {
  shape: 'sine' | 'triangle' | 'square';
  from: number;
  to: number;
  glide: Seconds;
  decay: Seconds;
  level: number;
}

/** A noise part of a hit. */
export interface DrumNoise {
  colour: NoiseColour;
  decay: Seconds;
  level: number;
}

/** How one General MIDI drum note sounds: a tone, a noise or both; hits of one choke group cut each other. */
export interface DrumHit {
  name: string;
  tone?: DrumTone;
  noise?: DrumNoise;
  choke?: number;
}

const tone = (shape: DrumTone['shape'], from: number, to: number, glide: Seconds, decay: Seconds, level: number) => ({
  shape,
  from,
  to,
  glide,
  decay,
  level,
});
const noise = (colour: NoiseColour, decay: Seconds, level: number) => ({ colour, decay, level });

const KICK: DrumHit = { name: 'kick', tone: tone('sine', 150, 46, 0.09, 0.42, 1), noise: noise('click', 0.012, 0.25) };
const SNARE: DrumHit = {
  name: 'snare',
  tone: tone('triangle', 210, 170, 0.04, 0.12, 0.45),
  noise: noise('snare', 0.2, 0.75),
};
const HATS = 1;
const TRIANGLES = 2;
const tom = (name: string, hz: number): DrumHit => ({
  name,
  tone: tone('sine', hz * 1.6, hz, 0.06, 0.35, 0.8),
  noise: noise('click', 0.02, 0.12),
});
const hand = (name: string, hz: number, decay: Seconds): DrumHit => ({
  name,
  tone: tone('sine', hz * 1.25, hz, 0.02, decay, 0.6),
  noise: noise('click', 0.01, 0.15),
});

/** The General MIDI percussion map (channel 10, notes 35–81), all synthesized. */
const KIT: Record<number, DrumHit> = {
  35: KICK,
  36: KICK,
  37: { name: 'side stick', tone: tone('triangle', 820, 760, 0.01, 0.05, 0.35), noise: noise('click', 0.02, 0.3) },
  38: SNARE,
  39: { name: 'clap', noise: noise('clap', 0.22, 0.8) },
  40: { ...SNARE, name: 'electric snare', noise: noise('snare', 0.16, 0.85) },
  41: tom('low floor tom', 82),
  42: { name: 'closed hi-hat', noise: noise('hat', 0.06, 0.32), choke: HATS },
  43: tom('high floor tom', 98),
  44: { name: 'pedal hi-hat', noise: noise('hat', 0.09, 0.25), choke: HATS },
  45: tom('low tom', 117),
  46: { name: 'open hi-hat', noise: noise('hat', 0.5, 0.3), choke: HATS },
  47: tom('low-mid tom', 139),
  48: tom('hi-mid tom', 165),
  49: { name: 'crash', noise: noise('cymbal', 1.8, 0.42) },
  50: tom('high tom', 196),
  51: { name: 'ride', tone: tone('sine', 3150, 3100, 0.01, 0.35, 0.05), noise: noise('cymbal', 1.1, 0.22) },
  52: { name: 'china', noise: noise('cymbal', 1.3, 0.4) },
  53: { name: 'ride bell', tone: tone('square', 780, 780, 0.01, 0.7, 0.08), noise: noise('cymbal', 0.7, 0.15) },
  54: { name: 'tambourine', noise: noise('shaker', 0.18, 0.35) },
  55: { name: 'splash', noise: noise('cymbal', 0.8, 0.35) },
  56: { name: 'cowbell', tone: tone('square', 562, 560, 0.005, 0.28, 0.14) },
  57: { name: 'crash 2', noise: noise('cymbal', 2, 0.42) },
  58: { name: 'vibraslap', noise: noise('shaker', 0.6, 0.25) },
  59: { name: 'ride 2', tone: tone('sine', 2900, 2850, 0.01, 0.35, 0.05), noise: noise('cymbal', 1.2, 0.22) },
  60: hand('high bongo', 400, 0.12),
  61: hand('low bongo', 300, 0.15),
  62: hand('mute high conga', 260, 0.08),
  63: hand('open high conga', 250, 0.22),
  64: hand('low conga', 180, 0.26),
  65: hand('high timbale', 480, 0.2),
  66: hand('low timbale', 360, 0.24),
  67: hand('high agogo', 880, 0.25),
  68: hand('low agogo', 660, 0.25),
  69: { name: 'cabasa', noise: noise('shaker', 0.08, 0.3) },
  70: { name: 'maracas', noise: noise('shaker', 0.06, 0.3) },
  71: { name: 'short whistle', tone: tone('sine', 2350, 2300, 0.02, 0.12, 0.12) },
  72: { name: 'long whistle', tone: tone('sine', 2350, 2300, 0.02, 0.45, 0.12) },
  73: { name: 'short guiro', noise: noise('shaker', 0.1, 0.3) },
  74: { name: 'long guiro', noise: noise('shaker', 0.35, 0.3) },
  75: { name: 'claves', tone: tone('triangle', 2500, 2500, 0.005, 0.06, 0.3) },
  76: { name: 'high wood block', tone: tone('triangle', 1050, 1000, 0.005, 0.07, 0.35) },
  77: { name: 'low wood block', tone: tone('triangle', 820, 780, 0.005, 0.08, 0.35) },
  78: { name: 'mute cuica', tone: tone('sine', 700, 500, 0.08, 0.12, 0.25) },
  79: { name: 'open cuica', tone: tone('sine', 500, 300, 0.15, 0.3, 0.25) },
  80: { name: 'mute triangle', tone: tone('sine', 4200, 4200, 0.005, 0.12, 0.1), choke: TRIANGLES },
  81: { name: 'open triangle', tone: tone('sine', 4200, 4200, 0.005, 1.2, 0.1), choke: TRIANGLES },
};

/** Lowest and highest General MIDI drum notes. */
export const DRUM_NOTES = { low: 35, high: 81 } as const;

/** How drum note `pitch` sounds; notes outside 35–81 take the nearest one. */
export function drumHit(pitch: MidiPitch): DrumHit {
  return KIT[Math.min(DRUM_NOTES.high, Math.max(DRUM_NOTES.low, Math.round(pitch)))];
}

/** How long a hit rings, in seconds. */
export function hitLength(hit: DrumHit): Seconds {
  return Math.max(hit.tone?.decay ?? 0, hit.noise?.decay ?? 0);
}

/** The longest ring of the kit (a crash). */
export const LONGEST_HIT: Seconds = Math.max(...Object.values(KIT).map(hitLength));
