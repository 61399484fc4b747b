import type { Context } from 'tone/build/esm/core/context/Context';
import { AMSynth } from 'tone/build/esm/instrument/AMSynth';
import { DuoSynth } from 'tone/build/esm/instrument/DuoSynth';
import { FMSynth } from 'tone/build/esm/instrument/FMSynth';
import type { Instrument, InstrumentOptions } from 'tone/build/esm/instrument/Instrument';
import { MembraneSynth } from 'tone/build/esm/instrument/MembraneSynth';
import { MetalSynth } from 'tone/build/esm/instrument/MetalSynth';
import { MonoSynth } from 'tone/build/esm/instrument/MonoSynth';
import { NoiseSynth } from 'tone/build/esm/instrument/NoiseSynth';
import { PluckSynth } from 'tone/build/esm/instrument/PluckSynth';
import { Sampler } from 'tone/build/esm/instrument/Sampler';
import { Synth } from 'tone/build/esm/instrument/Synth';
import { fullOptions, type InstrumentSpec, releaseSeconds } from '../catalogue';
import { hasWorklets, WorkletUnavailable } from '../worklets/load';
import { DrumKit } from './drumKit';
import { LightFMSynth, LightSynth } from './lightSynth';
import { type SampleLibraries, samplesFor } from './samples';
import { ToneVoices } from './toneVoices';

/** What the engine plays a track on: any Tone.js instrument (polyphonic, with releaseAll). */
export type AnyInstrument = Instrument<InstrumentOptions> & {
  releaseAll(time?: number): unknown;
};

/** Our built-in instruments, which can also take back notes not yet started, exactly. */
export type BuiltInInstrument = LightSynth | LightFMSynth | DrumKit;

/** Whether `i` is one of ours (with `cancelAfter`, `silence`, `sweep`). */
export function isBuiltIn(i: AnyInstrument): i is AnyInstrument & BuiltInInstrument {
  return i instanceof LightSynth || i instanceof DrumKit;
}

const MONOPHONIC = { Synth, AMSynth, FMSynth, DuoSynth, MonoSynth, MembraneSynth, MetalSynth, PluckSynth, NoiseSynth };

/**
 * Makes the instrument `spec` names in `context`: one of ours (LightSynth, LightFMSynth, DrumKit),
 * a stock Tone.js instrument (each monophonic one played polyphonically by {@link ToneVoices},
 * up to `maxPolyphony` of them), or a Sampler on a loaded sample library.
 */
export function makeInstrument(spec: InstrumentSpec, context: Context, libraries?: SampleLibraries): AnyInstrument {
  const options = spec.options ?? {};
  if (spec.instrument === 'PluckSynth' && !hasWorklets(context.rawContext as unknown as BaseAudioContext))
    throw new WorkletUnavailable('PluckSynth');
  switch (spec.instrument) {
    case 'LightSynth':
      return new LightSynth({ ...options, context } as never) as unknown as AnyInstrument;
    case 'LightFMSynth':
      return new LightFMSynth({ ...options, context } as never) as unknown as AnyInstrument;
    case 'DrumKit':
      return new DrumKit({ ...options, context } as never) as unknown as AnyInstrument;
    case 'Sampler': {
      const { samples, ...rest } = fullOptions(spec) as { samples: string } & Record<string, unknown>;
      return new Sampler({ ...rest, urls: samplesFor(samples, libraries), context } as never) as AnyInstrument;
    }
    default: {
      const { maxPolyphony, volume, ...voice } = fullOptions(spec) as {
        maxPolyphony: number;
        volume: number;
      } & Record<string, unknown>;
      const Make = MONOPHONIC[spec.instrument];
      return new ToneVoices({
        context,
        volume,
        maxPolyphony,
        release: releaseSeconds(spec, 60),
        unpitched: spec.instrument === 'NoiseSynth',
        make: () => new Make({ ...voice, context } as never),
      }) as unknown as AnyInstrument;
    }
  }
}
