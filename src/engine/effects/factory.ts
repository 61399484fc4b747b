import { Compressor } from 'tone/build/esm/component/dynamics/Compressor';
import { Limiter } from 'tone/build/esm/component/dynamics/Limiter';
import { EQ3 } from 'tone/build/esm/component/filter/EQ3';
import { Filter } from 'tone/build/esm/component/filter/Filter';
import type { Context } from 'tone/build/esm/core/context/Context';
import type { ToneAudioNode } from 'tone/build/esm/core/context/ToneAudioNode';
import { AutoFilter } from 'tone/build/esm/effect/AutoFilter';
import { BitCrusher } from 'tone/build/esm/effect/BitCrusher';
import { Chorus } from 'tone/build/esm/effect/Chorus';
import { Distortion } from 'tone/build/esm/effect/Distortion';
import { FeedbackDelay } from 'tone/build/esm/effect/FeedbackDelay';
import { Freeverb } from 'tone/build/esm/effect/Freeverb';
import { Phaser } from 'tone/build/esm/effect/Phaser';
import { PingPongDelay } from 'tone/build/esm/effect/PingPongDelay';
import { Tremolo } from 'tone/build/esm/effect/Tremolo';
import { Vibrato } from 'tone/build/esm/effect/Vibrato';
import { LFO } from 'tone/build/esm/source/oscillator/LFO';
import type { Bpm, Seconds } from '../../core';
import { type EffectName, type EffectSpec, effectOptions, TEMPO_TIMES, timedValue } from '../catalogue';
import { hasWorklets, WorkletUnavailable } from '../worklets/load';
import { LightReverb } from './lightReverb';
import { Reverb } from './toneReverb';

/** A Tone.js effect as the graph holds it. */
export type AnyEffect = ToneAudioNode;

const MAKERS: Record<EffectName, new (options: never) => AnyEffect> = {
  LightReverb,
  Reverb,
  Freeverb,
  FeedbackDelay,
  PingPongDelay,
  Chorus,
  Phaser,
  Tremolo,
  Vibrato,
  AutoFilter,
  BitCrusher,
  Distortion,
  EQ3,
  Compressor,
  Limiter,
  Filter,
};

/** Effects Tone.js runs in an AudioWorklet: they cannot play where the page has none. */
export const WORKLET_EFFECTS: readonly EffectName[] = ['BitCrusher', 'Freeverb'];

/** Stock instruments Tone.js builds on an AudioWorklet (PluckSynth's comb filter). */
export const WORKLET_INSTRUMENTS: readonly string[] = ['PluckSynth'];

/** Effects whose LFO Tone.js leaves stopped until `start()`. */
const STARTED: readonly EffectName[] = ['Chorus', 'Tremolo', 'AutoFilter'];

/** Makes the Tone.js effect `spec` names in `context`, at `bpm`, its LFOs running. */
export function makeEffect(spec: EffectSpec, context: Context, bpm: Bpm): AnyEffect {
  if (WORKLET_EFFECTS.includes(spec.effect) && !hasWorklets(context.rawContext as unknown as BaseAudioContext))
    throw new WorkletUnavailable(spec.effect);
  const Make = MAKERS[spec.effect];
  const effect = new Make({ ...effectOptions(spec, bpm), context } as never);
  if (STARTED.includes(spec.effect)) (effect as unknown as { start(time?: number): void }).start(0);
  return effect;
}

/** Follows a tempo change: effects whose times are note values take the new tempo's. */
export function retime(effect: AnyEffect, spec: EffectSpec, bpm: Bpm): void {
  const timed = TEMPO_TIMES[spec.effect];
  const value = spec.options?.[timed?.key ?? ''];
  if (!timed || typeof value !== 'string') return;
  const param = (effect as unknown as Record<string, { rampTo(v: number, t: number): void }>)[timed.key];
  param?.rampTo(timedValue(value, timed.as, bpm), 0.05);
}

/**
 * Turns the LFOs of `effect` to where they would be `origin` seconds after they started, so a
 * render chunk starting there continues the sweep of the chunk before it without a jump.
 */
export function alignLfos(effect: AnyEffect, origin: Seconds): void {
  if (origin === 0) return;
  for (const value of Object.values(effect)) {
    if (!(value instanceof LFO)) continue;
    const turned = value.phase + 360 * (value.frequency.value as number) * origin;
    value.phase = ((turned % 360) + 360) % 360;
  }
}
