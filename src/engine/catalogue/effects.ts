import { filter, group, int, num, type OptionGroup, oneOf, SHAPES, time, wet } from './options';

/** An LFO's rate: Hz, or a note value at the tempo ("4n"). */
const rate = (d: number) => time(d, 0, 40);

/**
 * Every effect a preset may put in a track's chain or the master's, with every option it takes:
 * Tone.js's own (option names and defaults as Tone's `getDefaults()` gives them; ranges from
 * Tone's units), and ours.
 */
export const EFFECTS = {
  /** Ours: an eight-line feedback-delay-network room, a few ms per second of audio to run. */
  LightReverb: {
    wet: wet(0.3),
    decay: num(2.2, 0.1, 20, 's'),
    damping: num(0.4, 0, 0.95),
    preDelay: num(0.012, 0, 0.5, 's'),
  },
  Reverb: { wet: wet(1), decay: num(1.5, 0.01, 30, 's'), preDelay: num(0.01, 0, 1, 's') },
  Freeverb: { wet: wet(1), roomSize: num(0.7, 0, 0.98), dampening: num(3000, 20, 20_000, 'Hz') },
  FeedbackDelay: {
    wet: wet(1),
    delayTime: time(0.25, 0, 4),
    feedback: num(0.125, 0, 0.95),
    maxDelay: num(1, 0.01, 4, 's'),
  },
  PingPongDelay: {
    wet: wet(1),
    delayTime: time(0.25, 0, 4),
    feedback: num(0.5, 0, 0.95),
    maxDelay: num(1, 0.01, 4, 's'),
  },
  Chorus: {
    wet: wet(0.5),
    frequency: rate(1.5),
    delayTime: num(3.5, 0, 20, 'ms'),
    depth: num(0.7, 0, 1),
    feedback: num(0, 0, 0.95),
    type: oneOf('sine', SHAPES),
    spread: num(180, 0, 180, '°'),
  },
  Phaser: {
    wet: wet(1),
    frequency: rate(0.5),
    octaves: num(3, 0, 8),
    stages: int(10, 1, 20),
    Q: num(10, 0, 100),
    baseFrequency: num(350, 20, 20_000, 'Hz'),
  },
  Tremolo: {
    wet: wet(1),
    frequency: rate(10),
    type: oneOf('sine', SHAPES),
    depth: num(0.5, 0, 1),
    spread: num(180, 0, 180, '°'),
  },
  Vibrato: {
    wet: wet(1),
    maxDelay: num(0.005, 0.001, 0.1, 's'),
    frequency: rate(5),
    depth: num(0.1, 0, 1),
    type: oneOf('sine', SHAPES),
  },
  AutoFilter: {
    wet: wet(1),
    frequency: rate(1),
    type: oneOf('sine', SHAPES),
    depth: num(1, 0, 1),
    baseFrequency: num(200, 20, 20_000, 'Hz'),
    octaves: num(2.6, 0, 8),
    filter: group({
      type: oneOf('lowpass', ['lowpass', 'highpass', 'bandpass', 'notch']),
      rolloff: oneOf(-12, [-12, -24, -48, -96]),
      Q: num(1, 0, 100),
    }),
  },
  BitCrusher: { wet: wet(1), bits: int(4, 1, 16) },
  Distortion: { wet: wet(1), distortion: num(0.4, 0, 1), oversample: oneOf('none', ['none', '2x', '4x']) },
  EQ3: {
    low: num(0, -40, 24, 'dB'),
    mid: num(0, -40, 24, 'dB'),
    high: num(0, -40, 24, 'dB'),
    lowFrequency: num(400, 20, 20_000, 'Hz'),
    highFrequency: num(2500, 20, 20_000, 'Hz'),
  },
  Compressor: {
    threshold: num(-24, -100, 0, 'dB'),
    ratio: num(12, 1, 20),
    knee: num(30, 0, 40, 'dB'),
    attack: num(0.003, 0, 1, 's'),
    release: num(0.25, 0, 1, 's'),
  },
  Limiter: { threshold: num(-12, -100, 0, 'dB') },
  Filter: filter({ type: 'lowpass', frequency: 350, Q: 1, rolloff: -12 }),
} as const satisfies Record<string, OptionGroup>;

export type EffectName = keyof typeof EFFECTS;
export const EFFECT_NAMES = Object.keys(EFFECTS) as EffectName[];

/** Effects whose output is not the sum of their outputs for parts of the input (see render). */
export const NONLINEAR_EFFECTS: readonly EffectName[] = ['BitCrusher', 'Distortion', 'Compressor', 'Limiter'];
