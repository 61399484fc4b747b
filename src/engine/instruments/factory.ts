import type { Context } from 'tone/build/esm/core/context/Context';
import { DrumKit } from './drumKit';
import { LightFMSynth, LightSynth } from './lightSynth';

/** The instruments written for markov-muse (Tone.js instruments all the same). */
export const BUILT_IN_INSTRUMENTS = { LightSynth, LightFMSynth, DrumKit } as const;
export type BuiltInInstrumentName = keyof typeof BUILT_IN_INSTRUMENTS;

/** An instrument as a preset names it: a Tone.js instrument (or one of ours) and its options. */
export interface InstrumentSpec {
  instrument: BuiltInInstrumentName;
  options?: Record<string, unknown>;
}

export type AnyInstrument = LightSynth | LightFMSynth | DrumKit;

/** Makes the instrument `spec` names in `context`. */
export function makeInstrument(spec: InstrumentSpec, context: Context): AnyInstrument {
  const Make = BUILT_IN_INSTRUMENTS[spec.instrument];
  return new Make({ ...(spec.options ?? {}), context } as never);
}
