import type { ToneAudioBuffer } from 'tone/build/esm/core/context/ToneAudioBuffer';

/** Decoded sample libraries by id ("salamander-grand-piano", "user:NAME"): note name → buffer. */
export type SampleLibraries = ReadonlyMap<string, Record<string, AudioBuffer | ToneAudioBuffer>>;

/** Why a Sampler cannot be made: its samples are not loaded. */
export class SamplesMissing extends Error {
  constructor(readonly library: string) {
    super(`the samples "${library}" are not loaded`);
  }
}

/** The buffers of library `id`, from `libraries`. */
export function samplesFor(id: string, libraries?: SampleLibraries): Record<string, AudioBuffer | ToneAudioBuffer> {
  const found = libraries?.get(id);
  if (!found) throw new SamplesMissing(id);
  return found;
}
