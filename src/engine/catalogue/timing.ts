import type { Bpm, Seconds } from '../../core';
import { drumHit, hitLength, LONGEST_HIT } from '../instruments/kit';
import { EFFECTS, type EffectName } from './effects';
import { INSTRUMENTS } from './instruments';
import { defaultsOf, NOTE_VALUE } from './options';
import type { EffectSpec, InstrumentSpec } from './spec';

/** `over` merged into a copy of `base`, objects key by key (arrays and values replaced). */
export function mergeOptions(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeOptions(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** The options of `spec` over its instrument's defaults (the catalogue's: Tone's and ours). */
export function fullOptions(spec: InstrumentSpec): Record<string, unknown> {
  return mergeOptions(defaultsOf(INSTRUMENTS[spec.instrument]), structuredClone(spec.options ?? {}));
}

/**
 * Seconds of a note value at `bpm` (a quarter is a beat): "4n" a beat, "8n." three sixteenths,
 * "8t" two thirds of an eighth, "2m" two 4/4 bars. Numbers are seconds already.
 *
 * @example
 * noteSeconds('8n.', 120) // => 0.375
 */
export function noteSeconds(value: number | string, bpm: Bpm): Seconds {
  if (typeof value === 'number') return value;
  if (!NOTE_VALUE.test(value)) return 0;
  const beat = 60 / bpm;
  const bars = /^(\d)m$/.exec(value);
  if (bars) return Number(bars[1]) * 4 * beat;
  const n = Number.parseInt(value, 10);
  let seconds = (4 / n) * beat;
  if (value.includes('t')) seconds *= 2 / 3;
  if (value.endsWith('.')) seconds *= 1.5;
  return seconds;
}

/** Options given as note values ("8n.") that follow the tempo: the delays' times, the LFOs' rates. */
export const TEMPO_TIMES: Partial<Record<EffectName, { key: string; as: 'seconds' | 'hertz' }>> = {
  FeedbackDelay: { key: 'delayTime', as: 'seconds' },
  PingPongDelay: { key: 'delayTime', as: 'seconds' },
  Chorus: { key: 'frequency', as: 'hertz' },
  Phaser: { key: 'frequency', as: 'hertz' },
  Tremolo: { key: 'frequency', as: 'hertz' },
  Vibrato: { key: 'frequency', as: 'hertz' },
  AutoFilter: { key: 'frequency', as: 'hertz' },
};

/** A note-value option at `bpm`, as the effect takes it (seconds, or Hz for a rate). */
export function timedValue(value: number | string, as: 'seconds' | 'hertz', bpm: Bpm): number {
  if (typeof value === 'number') return value;
  const seconds = noteSeconds(value, bpm);
  return as === 'seconds' ? seconds : 1 / Math.max(seconds, 1e-3);
}

/** The options of `spec` over the effect's defaults, with note values turned into seconds or Hz at `bpm`. */
export function effectOptions(spec: EffectSpec, bpm: Bpm): Record<string, unknown> {
  const options = mergeOptions(defaultsOf(EFFECTS[spec.effect]), structuredClone(spec.options ?? {}));
  const timed = TEMPO_TIMES[spec.effect];
  if (timed) options[timed.key] = timedValue(options[timed.key] as number | string, timed.as, bpm);
  if (spec.effect === 'FeedbackDelay' || spec.effect === 'PingPongDelay') {
    // Room for the echo at a quarter of the tempo, so a live tempo change never runs past the line's end.
    options.maxDelay = Math.min(4, Math.max(options.maxDelay as number, (options.delayTime as number) * 4));
  }
  return options;
}

/** Seconds `spec` rings on after its input falls silent (a reverb's decay, a delay's echoes to −60 dB). */
export function effectTail(spec: EffectSpec, bpm: Bpm): Seconds {
  const o = effectOptions(spec, bpm) as Record<string, number>;
  switch (spec.effect) {
    case 'LightReverb':
    case 'Reverb':
      return o.decay + o.preDelay;
    case 'Freeverb':
      // Comb lines of 35–60 ms fed back by the room size: −60 dB after three decades of it.
      return Math.min(10, (0.06 * 3) / -Math.log10(Math.max(0.01, Math.min(0.99, o.roomSize)))) + 0.1;
    case 'FeedbackDelay':
    case 'PingPongDelay': {
      const echoes = o.feedback > 0 ? Math.log(1000) / Math.log(1 / Math.min(0.95, o.feedback)) : 1;
      return Math.min(12, o.delayTime * (echoes + 1) * (spec.effect === 'PingPongDelay' ? 2 : 1));
    }
    case 'Chorus':
    case 'Phaser':
      return 0.05;
    case 'Vibrato':
      return o.maxDelay;
    default:
      return 0;
  }
}

/** How long a note of `spec` rings after its note-off (a hit of the DrumKit: from its start). */
export function releaseSeconds(spec: InstrumentSpec, pitch: number): Seconds {
  const o = fullOptions(spec) as Record<string, never>;
  const env = (x: unknown) => x as { release: number; decay: number };
  switch (spec.instrument) {
    case 'DrumKit':
      return hitLength(drumHit(pitch)) * (o.decay as number);
    case 'PluckSynth':
    case 'Sampler':
      return o.release as number;
    case 'MonoSynth':
      return Math.max(env(o.envelope).release, env(o.filterEnvelope).release);
    case 'DuoSynth':
      return Math.max(
        env((o.voice0 as { envelope: unknown }).envelope).release,
        env((o.voice1 as { envelope: unknown }).envelope).release,
      );
    case 'MetalSynth':
    case 'MembraneSynth':
      // Tone's percussion synths ring through their decay even when the note-off comes first.
      return env(o.envelope).release + env(o.envelope).decay;
    default:
      return env(o.envelope).release;
  }
}

/** The longest any note of `spec` rings after its note-off (the kit: its longest hit). */
export function longestRing(spec: InstrumentSpec): Seconds {
  if (spec.instrument === 'DrumKit') return LONGEST_HIT * (fullOptions(spec).decay as number);
  return releaseSeconds(spec, 60);
}
