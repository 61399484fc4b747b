import type { Corpus } from '../corpus';
import { DEFAULT_MELODY_MAX_RUN, decodeModel, encodeModel, type MuseModel, trainModel } from '../model';
import { builtinPresets } from './builtin';

/**
 * Models of the built-in corpora trained ahead of time. The page's build (vite.config.ts,
 * `builtinModels`) trains each corpus with the settings of the presets that compose with it and
 * puts the models in the corpus's own chunk, in binary form (modelBinary.ts: the finished tables;
 * gzipped, as base64 text, unpacked when the chunk arrives: builtinCorpora.ts), so that switching
 * preset in the page reads a model (views of its arrays, a millisecond) rather than training one
 * on the main thread. Node code (CLI, tests) has none and trains at first use as before; the
 * models are the same either way.
 */

/** A model of a built-in corpus: the settings it was trained with, and the model in binary form. */
export interface PrebuiltModel {
  readonly order: number;
  readonly maxRun: number;
  readonly bytes: Uint8Array;
}

/** The settings (order, originality limit) of the built-in presets that compose with `corpus`. */
export function presetSettingsOf(corpus: string): { order: number; maxRun: number }[] {
  const seen = new Map<string, { order: number; maxRun: number }>();
  for (const p of builtinPresets()) {
    if (p.corpus !== corpus) continue;
    const s = { order: p.model.order, maxRun: p.model.maxRun ?? DEFAULT_MELODY_MAX_RUN };
    seen.set(`${s.order}|${s.maxRun}`, s);
  }
  return [...seen.values()];
}

/** The models of `corpus` for its presets' settings. */
export function prebuildModels(corpus: Corpus, name: string): PrebuiltModel[] {
  return presetSettingsOf(name).map((s) => ({
    ...s,
    bytes: encodeModel(trainModel(corpus.pieces, { order: s.order, melodyMaxRun: s.maxRun })),
  }));
}

/**
 * The prebuilt model among `files` trained with `order` and `maxRun` on exactly `corpus` (its
 * content hash), read; undefined when there is none (then the caller trains). A model that does
 * not read is a bug of the build and throws.
 */
export function prebuiltModel(
  files: readonly PrebuiltModel[],
  corpus: Corpus,
  order: number,
  maxRun: number,
  contentHash: () => string,
): MuseModel | undefined {
  for (const file of files) {
    if (file.order !== order || file.maxRun !== maxRun) continue;
    const parsed = decodeModel(file.bytes);
    if (!parsed.ok) throw new Error(`prebuilt model of ${corpus.name}: ${parsed.error.message}`);
    // A model built from another version of the corpus is not this corpus's model.
    if (parsed.value.provenance.contentHash !== contentHash()) return undefined;
    return parsed.value;
  }
  return undefined;
}
