import ambient from '../../presets/ambient.json';
import chiptune from '../../presets/chiptune.json';
import chorale from '../../presets/chorale.json';
import ambientCorpus from '../../presets/corpora/ambient.json';
import chiptuneCorpus from '../../presets/corpora/chiptune.json';
import chorales from '../../presets/corpora/chorales.json';
import folkJigs from '../../presets/corpora/folk-jigs.json';
import lofiJazzCorpus from '../../presets/corpora/lofi-jazz.json';
import songbook from '../../presets/corpora/songbook.json';
import waltzes from '../../presets/corpora/waltzes.json';
import folkDance from '../../presets/folk-dance.json';
import folkJig from '../../presets/folk-jig.json';
import lofiJazz from '../../presets/lofi-jazz.json';
import minorNocturne from '../../presets/minor-nocturne.json';
import musicBoxWaltz from '../../presets/music-box-waltz.json';
import popBallad from '../../presets/pop-ballad.json';
import { type Corpus, parseCorpus } from '../corpus';
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

const corpusFiles: Record<string, unknown> = {
  songbook,
  'folk-jigs': folkJigs,
  'lofi-jazz': lofiJazzCorpus,
  chorales,
  ambient: ambientCorpus,
  waltzes,
  chiptune: chiptuneCorpus,
};
const corpora = new Map<string, Corpus>();

/** The built-in corpus called `name`, parsed once; undefined when there is none. */
export function builtinCorpus(name: string): Corpus | undefined {
  let corpus = corpora.get(name);
  if (!corpus && Object.hasOwn(corpusFiles, name)) {
    const parsed = parseCorpus(corpusFiles[name]);
    if (!parsed.ok) throw new Error(`built-in corpus ${name}: ${parsed.error.message}`);
    corpus = parsed.value;
    corpora.set(name, corpus);
  }
  return corpus;
}

/** Names of the built-in corpora, for choosing one in a preset. */
export function builtinCorpusNames(): string[] {
  return Object.keys(corpusFiles);
}
