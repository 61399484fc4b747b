import {
  envelope,
  filter,
  frequencyEnvelope,
  group,
  int,
  num,
  type OptionGroup,
  omniOscillator,
  oneOf,
  SHAPES,
  volume,
} from './options';

/** Most notes a track's instrument sounds at once (Tone's PolySynth calls it maxPolyphony). */
const polyphony = (d: number) => int(d, 1, 64);

/** MonoSynth's options (also each voice of DuoSynth). */
function monoSynth(d: { envelope: number[]; filterEnvelope: number[] }): OptionGroup {
  const [a, dc, s, r] = d.envelope;
  const [fa, fd, fs, fr] = d.filterEnvelope;
  return {
    oscillator: group(omniOscillator('sawtooth')),
    envelope: group(envelope({ attack: a, decay: dc, sustain: s, release: r })),
    filter: group(filter({ type: 'lowpass', frequency: 350, Q: 1, rolloff: -12 })),
    filterEnvelope: group(
      frequencyEnvelope({ attack: fa, decay: fd, sustain: fs, release: fr, baseFrequency: 200, octaves: 3 }),
    ),
  };
}

/** Tone's ModulationSynth options (AMSynth; FMSynth adds its modulation index). */
function modulationSynth(extra: OptionGroup): OptionGroup {
  return {
    volume: volume(),
    maxPolyphony: polyphony(16),
    detune: num(0, -1200, 1200, 'cents'),
    portamento: num(0, 0, 5, 's'),
    harmonicity: num(3, 0.01, 32),
    ...extra,
    oscillator: group(omniOscillator('sine')),
    envelope: group(envelope({ attack: 0.01, decay: 0.01, sustain: 1, release: 0.5 })),
    modulation: group(omniOscillator('square')),
    modulationEnvelope: group(envelope({ attack: 0.5, decay: 0, sustain: 1, release: 0.5 })),
  };
}

/** The light oscillator of our own voices: Tone's oscillator names, baked into one wave per note. */
const lightOscillator = (type: string): OptionGroup => ({
  type: oneOf(type, [
    ...SHAPES,
    ...SHAPES.map((s) => `fat${s}`),
    ...SHAPES.map((s) => `am${s}`),
    ...SHAPES.map((s) => `fm${s}`),
    'pulse',
    'custom',
  ]),
  count: int(3, 1, 8),
  spread: num(20, 0, 1200, 'cents'),
  width: num(0.2, -1, 1),
  harmonicity: int(1, 1, 16),
  modulationIndex: num(2, 0, 20),
  modulationType: oneOf('square', SHAPES),
  partials: { kind: 'list', default: [], min: -1, max: 1, length: 64 },
});

/** The key-tracked low-pass filter of our light voices. */
const keyFilter: OptionGroup = {
  harmonics: num(64, 1, 64),
  Q: num(Math.SQRT1_2, 0.1, 20),
  velocity: num(0, 0, 1),
};

const lightSynth: OptionGroup = {
  volume: volume(),
  maxPolyphony: polyphony(16),
  oscillator: group(lightOscillator('triangle')),
  envelope: group(envelope({ attack: 0.005, decay: 0.1, sustain: 0.3, release: 1 }, false)),
  filter: group(keyFilter),
  breath: num(0, 0, 1),
};

/**
 * Every instrument a preset may name, with every option it takes: Tone.js's own (their option
 * names and defaults, as `getDefaults()` gives them; ranges from Tone's units), and ours. The
 * monophonic Tone instruments play polyphonically: up to `maxPolyphony` of them per track.
 */
export const INSTRUMENTS = {
  LightSynth: lightSynth,
  LightFMSynth: {
    ...lightSynth,
    oscillator: group(lightOscillator('sine')),
    envelope: group(envelope({ attack: 0.01, decay: 0.01, sustain: 1, release: 0.5 }, false)),
    harmonicity: num(3, 0.01, 32),
    modulationIndex: num(10, 0, 100),
    modulation: group({ type: oneOf('square', SHAPES) }),
    modulationEnvelope: group(envelope({ attack: 0.5, decay: 0, sustain: 1, release: 0.5 }, false)),
  },
  DrumKit: {
    volume: volume(),
    maxPolyphony: polyphony(10),
    tune: num(0, -24, 24, 'semitones'),
    decay: num(1, 0.25, 4),
  },
  Synth: {
    volume: volume(),
    maxPolyphony: polyphony(16),
    detune: num(0, -1200, 1200, 'cents'),
    portamento: num(0, 0, 5, 's'),
    oscillator: group(omniOscillator('triangle')),
    envelope: group(envelope({ attack: 0.005, decay: 0.1, sustain: 0.3, release: 1 })),
  },
  AMSynth: modulationSynth({}),
  FMSynth: modulationSynth({ modulationIndex: num(10, 0, 100) }),
  DuoSynth: {
    volume: volume(),
    maxPolyphony: polyphony(8),
    detune: num(0, -1200, 1200, 'cents'),
    portamento: num(0, 0, 5, 's'),
    vibratoAmount: num(0.5, 0, 10),
    vibratoRate: num(5, 0, 100, 'Hz'),
    harmonicity: num(1.5, 0.01, 32),
    voice0: group(monoSynth({ envelope: [0.01, 0, 1, 0.5], filterEnvelope: [0.01, 0, 1, 0.5] })),
    voice1: group(monoSynth({ envelope: [0.01, 0, 1, 0.5], filterEnvelope: [0.01, 0, 1, 0.5] })),
  },
  MonoSynth: {
    volume: volume(),
    maxPolyphony: polyphony(16),
    detune: num(0, -1200, 1200, 'cents'),
    portamento: num(0, 0, 5, 's'),
    ...monoSynth({ envelope: [0.005, 0.1, 0.9, 1], filterEnvelope: [0.6, 0.2, 0.5, 2] }),
  },
  PluckSynth: {
    volume: volume(),
    maxPolyphony: polyphony(8),
    attackNoise: num(1, 0.1, 20),
    dampening: num(4000, 20, 20_000, 'Hz'),
    resonance: num(0.7, 0, 0.99),
    release: num(1, 0, 30, 's'),
  },
  MembraneSynth: {
    volume: volume(),
    maxPolyphony: polyphony(4),
    detune: num(0, -1200, 1200, 'cents'),
    portamento: num(0, 0, 5, 's'),
    pitchDecay: num(0.05, 0, 1, 's'),
    octaves: num(8, 0.5, 8),
    oscillator: group(omniOscillator('sine')),
    envelope: group(envelope({ attack: 0.001, decay: 0.4, sustain: 0.01, release: 1.4, attackCurve: 'exponential' })),
  },
  MetalSynth: {
    volume: volume(),
    maxPolyphony: polyphony(4),
    detune: num(0, -1200, 1200, 'cents'),
    portamento: num(0, 0, 5, 's'),
    harmonicity: num(5.1, 0.01, 32),
    modulationIndex: num(32, 0, 100),
    octaves: num(1.5, 0, 8),
    resonance: num(4000, 100, 20_000, 'Hz'),
    envelope: group(envelope({ attack: 0.001, decay: 1.4, sustain: 0.5, release: 0.2 })),
  },
  NoiseSynth: {
    volume: volume(),
    maxPolyphony: polyphony(4),
    noise: group({
      type: oneOf('white', ['white', 'pink', 'brown']),
      playbackRate: num(1, 0.1, 10),
      fadeIn: num(0, 0, 10, 's'),
      fadeOut: num(0, 0, 10, 's'),
    }),
    envelope: group(envelope({ attack: 0.01, decay: 0.1, sustain: 0, release: 1 })),
  },
  Sampler: {
    volume: volume(),
    /** Which sample library plays: the built-in grand piano, or one of the user's ("user:NAME"). */
    samples: { kind: 'library', default: 'salamander-grand-piano' },
    attack: num(0, 0, 5, 's'),
    release: num(0.1, 0, 10, 's'),
    curve: oneOf('exponential', ['linear', 'exponential']),
  },
} as const satisfies Record<string, OptionGroup>;

export type InstrumentName = keyof typeof INSTRUMENTS;
export const INSTRUMENT_NAMES = Object.keys(INSTRUMENTS) as InstrumentName[];

/** Ours: written for markov-muse as Tone.js instruments (light voices, the drum kit). */
export const BUILT_IN_INSTRUMENTS = ['LightSynth', 'LightFMSynth', 'DrumKit'] as const satisfies InstrumentName[];
