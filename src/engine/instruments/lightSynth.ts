import { deepMerge } from 'tone/build/esm/core/util/Defaults';
import type { RecursivePartial } from 'tone/build/esm/core/util/Interface';
import type { Seconds } from '../../core';
import type { FilteredWave } from './bank';
import { type Adsr, automate, envelopeEvents, releaseEvents } from './envelope';
import { type NoteStart, type Sounding, type Voice, VoiceInstrument, type VoiceInstrumentOptions } from './voices';
import { BASE_SHAPES, type BaseShape, HARMONICS, type WaveShape } from './waves';

/** Oscillator names in Tone.js's terms: a shape, optionally `fat`, `am` or `fm` before it; or `pulse`, `custom`. */
export const OSCILLATOR_TYPES = [
  ...BASE_SHAPES,
  ...BASE_SHAPES.map((s) => `fat${s}` as const),
  ...BASE_SHAPES.map((s) => `am${s}` as const),
  ...BASE_SHAPES.map((s) => `fm${s}` as const),
  'pulse',
  'custom',
] as const;
export type OscillatorType = (typeof OSCILLATOR_TYPES)[number];

/** The oscillator of a light voice, with the option names and defaults of Tone's OmniOscillator. */
export interface LightOscillatorOptions {
  type: OscillatorType;
  /** `fat…`: how many detuned oscillators. */
  count: number;
  /** `fat…`: cents between the lowest and the highest of them. */
  spread: number;
  /** `pulse`: width, 0 (square) to 1. */
  width: number;
  /** `am…`/`fm…`: modulator frequency over the note's (a whole number: the wave repeats each period). */
  harmonicity: number;
  /** `fm…`: frequency deviation over the note's frequency. */
  modulationIndex: number;
  /** `am…`/`fm…`: the modulator's shape. */
  modulationType: BaseShape;
  /** Sine amplitudes of the harmonics (`custom`), or a limit to how many a shape keeps (none: all). */
  partials: number[];
}

/** A low-pass filter that follows the key, baked into the voice's wave (so no filter node per note). */
export interface KeyFilterOptions {
  /** Cutoff in harmonics of the note (64: open). */
  harmonics: number;
  /** Resonance. */
  Q: number;
  /** How much darker the softest notes are than the loudest, 0–1. */
  velocity: number;
}

export interface LightSynthOptions extends VoiceInstrumentOptions {
  oscillator: LightOscillatorOptions;
  envelope: Adsr;
  filter: KeyFilterOptions;
  /** Level of breath noise (a band around 2–3 kHz) under the tone, 0–1, shaped by the envelope: a flute's air. */
  breath: number;
}

export interface LightFMSynthOptions extends LightSynthOptions {
  /** Modulator frequency over the note's. */
  harmonicity: number;
  /** Depth of the frequency modulation, as Tone's FMSynth counts it. */
  modulationIndex: number;
  modulation: { type: BaseShape };
  modulationEnvelope: Adsr;
}

/** Velocity steps of brightness: each is one PeriodicWave per instrument. */
export const BRIGHTNESS_STEPS = 3;

const OSCILLATOR_DEFAULTS: LightOscillatorOptions = {
  type: 'triangle',
  count: 3,
  spread: 20,
  width: 0.2,
  harmonicity: 1,
  modulationIndex: 2,
  modulationType: 'square',
  partials: [],
};

/** Decibels to a gain factor. */
export const dbToGain = (db: number): number => 10 ** (db / 20);

/** The wave shape of an oscillator's options (Tone's names). */
export function waveShapeOf(o: LightOscillatorOptions): WaveShape {
  const m = /^(fat|am|fm)?(sine|triangle|square|sawtooth|pulse|custom)$/.exec(o.type);
  const shape = (m?.[2] ?? 'sine') as WaveShape['shape'];
  const prefix = m?.[1];
  const partials = o.partials.length > 0 ? o.partials : undefined;
  return {
    shape,
    width: shape === 'pulse' ? o.width : undefined,
    partials,
    modulation:
      prefix === 'am' || prefix === 'fm'
        ? {
            kind: prefix,
            shape: o.modulationType,
            harmonicity: o.harmonicity,
            index: prefix === 'fm' ? o.modulationIndex : 0,
          }
        : undefined,
  };
}

/**
 * Our light oscillator voice as a Tone.js instrument: Tone's Synth options (oscillator with Tone's
 * names and defaults — `fatsawtooth` is `count` 3 at `spread` 20 cents —, an ADSR envelope,
 * volume), polyphonic like a PolySynth, plus a key-tracked low-pass filter and velocity
 * brightness baked into the oscillator's PeriodicWave. Each note starts its oscillators once, at
 * its start, and the voice gain is its envelope: about 3 nodes a note where a PolySynth of Synths
 * keeps a dozen per voice running.
 *
 * @example
 * const lead = new LightSynth({ oscillator: { type: 'fatsawtooth' }, envelope: { attack: 0.02 } }).toDestination();
 * lead.triggerAttackRelease(['C4', 'E4'], 0.5);
 */
export class LightSynth<O extends LightSynthOptions = LightSynthOptions> extends VoiceInstrument<O> {
  readonly name: string = 'LightSynth';

  constructor(options: RecursivePartial<O> = {}) {
    super(deepMerge(LightSynth.getDefaults(), options) as O);
  }

  static getDefaults(): LightSynthOptions {
    return {
      ...VoiceInstrument.getDefaults(),
      oscillator: { ...OSCILLATOR_DEFAULTS },
      envelope: { attack: 0.005, decay: 0.1, sustain: 0.3, release: 1 },
      filter: { harmonics: HARMONICS, Q: Math.SQRT1_2, velocity: 0 },
      breath: 0,
    };
  }

  protected startNote(voice: Voice, note: NoteStart): Omit<Sounding, 'voice' | 'released'> {
    const o = this.options;
    const ctx = this.raw;
    const fat = o.oscillator.type.startsWith('fat');
    const count = fat ? Math.max(1, Math.round(o.oscillator.count)) : 1;
    // Tone's FatOscillator plays each of its oscillators at −6 − 1.1·count dB.
    const level = fat ? dbToGain(-6 - count * 1.1) : 1;
    const peak = note.velocity * level * this.carrierLevel;
    const { events, end } = envelopeEvents(o.envelope, note.start, note.off, peak);
    automate(voice.amp.gain, events);
    const wave = this.bank.wave(this.waveAt(note.velocity));
    const sources: AudioScheduledSourceNode[] = [];
    for (let i = 0; i < count; i++) {
      const osc = ctx.createOscillator();
      this.bank.setWave(osc, () => wave);
      osc.frequency.value = note.frequency;
      if (count > 1) osc.detune.value = -o.oscillator.spread / 2 + (o.oscillator.spread * i) / (count - 1);
      osc.connect(voice.amp);
      sources.push(osc);
    }
    const sounding: Omit<Sounding, 'voice' | 'released'> = {
      frequency: note.frequency,
      start: note.start,
      end,
      sources,
      others: [],
      automation: [{ param: voice.amp.gain, events }],
    };
    this.modulate(sounding, note);
    if (o.breath > 0) {
      const air = ctx.createBufferSource();
      air.buffer = this.bank.noise('breath');
      air.loop = true;
      const level = ctx.createGain();
      level.gain.value = o.breath;
      air.connect(level).connect(voice.amp);
      sounding.sources.push(air);
      sounding.others.push(level);
    }
    for (const s of sounding.sources) {
      s.start(note.start);
      if (Number.isFinite(end)) s.stop(end);
    }
    return sounding;
  }

  protected releaseNote(note: Sounding, at: Seconds): void {
    const release = this.options.envelope.release;
    let end = at + release;
    for (const a of note.automation) {
      const r = releaseEvents(
        a.events,
        at,
        a === note.automation[0] ? release : this.modulationRelease,
        peakOf(a.events),
      );
      a.param.cancelScheduledValues(at);
      automate(
        a.param,
        r.events.filter((e) => e.time >= at),
      );
      a.events = r.events;
      if (a === note.automation[0]) end = r.end;
    }
    for (const s of note.sources) s.stop(end);
    note.end = end;
  }

  /** The carrier's level (Tone's FMSynth plays its carrier at −10 dB). */
  protected get carrierLevel(): number {
    return 1;
  }

  /** The release of the modulation envelope. */
  protected get modulationRelease(): Seconds {
    return this.options.envelope.release;
  }

  /** Adds the FM modulator of a note (LightFMSynth). */
  protected modulate(_note: Omit<Sounding, 'voice' | 'released'>, _start: NoteStart): void {}

  /** The wave at `velocity` (0–1): softer is darker, in {@link BRIGHTNESS_STEPS}. */
  private waveAt(velocity: number): FilteredWave {
    const f = this.options.filter;
    const step = Math.round(Math.min(1, Math.max(0, velocity)) * (BRIGHTNESS_STEPS - 1));
    const dark = 1 - f.velocity * (1 - step / (BRIGHTNESS_STEPS - 1));
    return { shape: waveShapeOf(this.options.oscillator), cutoff: Math.max(1, f.harmonics * dark), q: f.Q };
  }
}

/** The highest value a list of automation events reaches. */
function peakOf(events: readonly { value: number }[]): number {
  let peak = 0;
  for (const e of events) peak = Math.max(peak, e.value);
  return peak;
}

/** Tone's ModulationSynth plays its carrier and its modulator at −10 dB. */
const MODULATION_SYNTH_LEVEL = dbToGain(-10);

/**
 * Our light FM voice as a Tone.js instrument, with the options of Tone's FMSynth: a carrier
 * (`oscillator`, `envelope`) whose frequency a modulator at `harmonicity` times the note swings
 * by `modulationIndex`, shaped by its own `modulationEnvelope` — the bright attack and mellow
 * sustain of an electric piano or a bell. Two oscillators and a gain per note.
 */
export class LightFMSynth extends LightSynth<LightFMSynthOptions> {
  readonly name: string = 'LightFMSynth';

  constructor(options: RecursivePartial<LightFMSynthOptions> = {}) {
    super(deepMerge(LightFMSynth.getDefaults(), options) as LightFMSynthOptions);
  }

  static getDefaults(): LightFMSynthOptions {
    return {
      ...LightSynth.getDefaults(),
      oscillator: { ...OSCILLATOR_DEFAULTS, type: 'sine' },
      envelope: { attack: 0.01, decay: 0.01, sustain: 1, release: 0.5 },
      harmonicity: 3,
      modulationIndex: 10,
      modulation: { type: 'square' },
      modulationEnvelope: { attack: 0.5, decay: 0, sustain: 1, release: 0.5 },
    };
  }

  protected get carrierLevel(): number {
    return MODULATION_SYNTH_LEVEL;
  }

  protected get modulationRelease(): Seconds {
    return this.options.modulationEnvelope.release;
  }

  protected modulate(sounding: Omit<Sounding, 'voice' | 'released'>, note: NoteStart): void {
    const o = this.options;
    const ctx = this.raw;
    const modulator = ctx.createOscillator();
    const shape = o.modulation.type;
    this.bank.setWave(modulator, () => this.bank.wave({ shape: { shape }, cutoff: 1e6, q: Math.SQRT1_2 }));
    modulator.frequency.value = note.frequency * o.harmonicity;
    const depth = ctx.createGain();
    depth.gain.value = 0;
    // Deviation in Hz: the note's frequency × the index × the modulator's −10 dB, under its envelope.
    const peak = note.frequency * o.modulationIndex * MODULATION_SYNTH_LEVEL;
    const env = { ...o.modulationEnvelope, attack: Math.max(o.modulationEnvelope.attack, 1e-4) };
    const { events } = envelopeEvents(env, note.start, note.off, peak);
    automate(depth.gain, events);
    modulator.connect(depth);
    for (const osc of sounding.sources) depth.connect((osc as OscillatorNode).frequency);
    sounding.sources.push(modulator);
    sounding.others.push(depth);
    sounding.automation.push({ param: depth.gain, events });
  }
}

/** Whether `type` names one of the plain shapes. */
export const isBaseShape = (type: string): type is BaseShape => (BASE_SHAPES as readonly string[]).includes(type);
