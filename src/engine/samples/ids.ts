import type { SoundSpec } from '../catalogue';
import { PIANO, PIANO_CREDIT } from './piano';

/** The sample libraries the Sampler parts of `sound` play. */
export function libraryIds(sound: SoundSpec): string[] {
  const ids = new Set<string>();
  for (const part of Object.values(sound.parts))
    if (part.voice.instrument === 'Sampler')
      ids.add(String((part.voice.options as { samples?: string } | undefined)?.samples ?? PIANO));
  return [...ids];
}

/** What an export says of the samples its sound plays: the piano's credit and licence, or the user's own. */
export function sampleCredits(sound: SoundSpec): object[] {
  return libraryIds(sound).map((id) =>
    id === PIANO ? PIANO_CREDIT : { library: id, source: "the user's own samples, kept in their browser" },
  );
}
