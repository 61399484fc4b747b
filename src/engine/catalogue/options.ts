/**
 * What an option of a Tone.js instrument or effect may be: a number in a range (Tone's unit and a
 * sane bound), one of a few values, a time (seconds or a note value such as "8n."), a list of
 * numbers, or a group of options. Pure data: the preset schema, the preset editor and the engine's
 * factory all read it, in Node and in the page, without loading Tone.js.
 */
export type OptionSpec =
  | { kind: 'number'; default: number; min: number; max: number; int?: boolean; unit?: string }
  | { kind: 'enum'; default: string | number; values: readonly (string | number)[] }
  | { kind: 'time'; default: number | string; min: number; max: number }
  | { kind: 'list'; default: number[]; min: number; max: number; length: number }
  /** A sample library: the built-in piano, or one of the user's own ("user:NAME"). */
  | { kind: 'library'; default: string }
  | { kind: 'group'; options: OptionGroup };

export type OptionGroup = Readonly<Record<string, OptionSpec>>;

export const num = (d: number, min: number, max: number, unit?: string): OptionSpec => ({
  kind: 'number',
  default: d,
  min,
  max,
  unit,
});
export const int = (d: number, min: number, max: number): OptionSpec => ({
  kind: 'number',
  default: d,
  min,
  max,
  int: true,
});
export const oneOf = (d: string | number, values: readonly (string | number)[]): OptionSpec => ({
  kind: 'enum',
  default: d,
  values,
});
export const time = (d: number | string, min: number, max: number): OptionSpec => ({
  kind: 'time',
  default: d,
  min,
  max,
});
export const group = (options: OptionGroup): OptionSpec => ({ kind: 'group', options });

/** Note values Tone.js reads as times at the tempo: "4n", "8n.", "8t", "1m". */
export const NOTE_VALUE = /^(1|2|4|8|16|32|64)(n|t)\.?$|^[1-8]m$/;

/** The default value of every option of `g`, as a plain object. */
export function defaultsOf(g: OptionGroup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(g))
    out[key] = spec.kind === 'group' ? defaultsOf(spec.options) : structuredClone(spec.default);
  return out;
}

/** The shapes of Tone's oscillators. */
export const SHAPES = ['sine', 'square', 'sawtooth', 'triangle'] as const;
/** Every oscillator type Tone's OmniOscillator takes. */
export const OMNI_TYPES = [
  ...SHAPES,
  ...SHAPES.map((s) => `fat${s}`),
  ...SHAPES.map((s) => `am${s}`),
  ...SHAPES.map((s) => `fm${s}`),
  'pulse',
  'pwm',
  'custom',
] as const;
export const CURVES = ['linear', 'exponential', 'sine', 'cosine', 'bounce', 'ripple', 'step'] as const;
export const FILTER_TYPES = [
  'lowpass',
  'highpass',
  'bandpass',
  'lowshelf',
  'highshelf',
  'notch',
  'allpass',
  'peaking',
] as const;
export const ROLLOFFS = [-12, -24, -48, -96] as const;

/** An ADSR envelope with Tone's curves (defaults as given). */
export function envelope(
  d: { attack: number; decay: number; sustain: number; release: number; attackCurve?: string },
  curves = true,
): Record<string, OptionSpec> {
  const g: Record<string, OptionSpec> = {
    attack: num(d.attack, 0, 20, 's'),
    decay: num(d.decay, 0, 20, 's'),
    sustain: num(d.sustain, 0, 1),
    release: num(d.release, 0, 30, 's'),
  };
  if (curves) {
    g.attackCurve = oneOf(d.attackCurve ?? 'linear', CURVES);
    g.decayCurve = oneOf('exponential', ['linear', 'exponential']);
    g.releaseCurve = oneOf('exponential', CURVES);
  }
  return g;
}

/** Tone's OmniOscillator options (the oscillator of Synth, AMSynth, FMSynth, MembraneSynth…). */
export function omniOscillator(type: string): OptionGroup {
  return {
    type: oneOf(type, OMNI_TYPES),
    partialCount: int(0, 0, 64),
    partials: { kind: 'list', default: [], min: -1, max: 1, length: 64 },
    phase: num(0, 0, 360, '°'),
    harmonicity: num(1, 0.01, 32),
    modulationIndex: num(2, 0, 100),
    modulationType: oneOf('square', SHAPES),
    count: int(3, 1, 8),
    spread: num(20, 0, 1200, 'cents'),
    width: num(0.2, -1, 1),
    modulationFrequency: num(0.4, 0.01, 100, 'Hz'),
  };
}

/** Tone's Filter options. */
export function filter(d: { type: string; frequency: number; Q: number; rolloff: number }): OptionGroup {
  return {
    type: oneOf(d.type, FILTER_TYPES),
    frequency: num(d.frequency, 10, 22_050, 'Hz'),
    Q: num(d.Q, 0, 100),
    rolloff: oneOf(d.rolloff, ROLLOFFS),
    gain: num(0, -40, 40, 'dB'),
    detune: num(0, -1200, 1200, 'cents'),
  };
}

/** Tone's FrequencyEnvelope options (MonoSynth's filter envelope). */
export function frequencyEnvelope(d: {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
  baseFrequency: number;
  octaves: number;
}): OptionGroup {
  return {
    ...envelope(d),
    baseFrequency: num(d.baseFrequency, 10, 22_050, 'Hz'),
    octaves: num(d.octaves, 0, 10),
    exponent: num(2, 0.1, 10),
  };
}

/** A level in decibels. */
export const volume = (d = 0): OptionSpec => num(d, -60, 12, 'dB');
/** The dry/wet mix of an effect. */
export const wet = (d: number): OptionSpec => num(d, 0, 1);
