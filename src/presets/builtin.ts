import ambient from '../../presets/ambient.json';
import chiptune from '../../presets/chiptune.json';
import chorale from '../../presets/chorale.json';
import folkDance from '../../presets/folk-dance.json';
import folkJig from '../../presets/folk-jig.json';
import lofiJazz from '../../presets/lofi-jazz.json';
import minorNocturne from '../../presets/minor-nocturne.json';
import musicBoxWaltz from '../../presets/music-box-waltz.json';
import popBallad from '../../presets/pop-ballad.json';
import { type Preset, presetSchema } from './schema';

/**
 * The built-in presets, in the order the app lists them. They are checked against the schema when
 * first asked for, so a broken preset file fails loudly in tests rather than quietly in the app.
 */
let presets: Preset[] | undefined;
export function builtinPresets(): readonly Preset[] {
  presets ??= [popBallad, folkDance, musicBoxWaltz, minorNocturne, folkJig, lofiJazz, chorale, ambient, chiptune].map(
    (json) => {
      const parsed = presetSchema.safeParse(json);
      if (!parsed.success)
        throw new Error(`built-in preset ${(json as { name?: string }).name}: ${parsed.error.message}`);
      return parsed.data;
    },
  );
  return presets;
}

/** The built-in preset called `name`, if any. */
export function findPreset(name: string): Preset | undefined {
  return builtinPresets().find((p) => p.name === name);
}

// The corpora are loaded on demand (the page fetches only those it needs): see builtinCorpora.ts.
export {
  builtinCorpus,
  builtinCorpusNames,
  builtinModelFiles,
  type CorpusChunk,
  type CorpusLoadError,
  isBuiltinCorpus,
  isBuiltinCorpusLoaded,
  loadBuiltinCorpora,
  loadBuiltinCorpus,
  useBuiltinCorpusChunks,
} from './builtinCorpora';
