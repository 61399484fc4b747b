/** Sample libraries for Sampler parts: which a sound needs. (Loading: see library.ts.) */
import type { SoundSpec } from '../catalogue';

export type { SampleLibraries } from '../instruments/samples';

/** The sample libraries the Sampler parts of `sound` play. */
export function libraryIds(sound: SoundSpec): string[] {
  const ids = new Set<string>();
  for (const part of Object.values(sound.parts))
    if (part.voice.instrument === 'Sampler')
      ids.add(String((part.voice.options as { samples?: string } | undefined)?.samples ?? 'salamander-grand-piano'));
  return [...ids];
}
