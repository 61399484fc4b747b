import type { Corpus } from '../corpus';
import { DEFAULT_MELODY_MAX_RUN, type MuseModel, parseModel, serializeModel, trainModel } from '../model';
import { builtinPresets } from './builtin';

/**
 * Models of the built-in corpora trained ahead of time. The page's build (vite.config.ts,
 * `builtinModels`) trains each corpus with the settings of the presets that compose with it and
 * puts the model files in the corpus's own chunk, so that switching preset in the page parses a
 * model (milliseconds) rather than training one on the main thread. Node code (CLI, tests) has
 * none and trains at first use as before; the models are the same either way.
 */

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

/** The model files (as {@link serializeModel} writes them) of `corpus` for its presets' settings. */
export function prebuildModels(corpus: Corpus, name: string): unknown[] {
  return presetSettingsOf(name).map((s) =>
    serializeModel(trainModel(corpus.pieces, { order: s.order, melodyMaxRun: s.maxRun })),
  );
}

/**
 * The prebuilt model among `files` trained with `order` and `maxRun` on exactly `corpus` (its
 * content hash), parsed; undefined when there is none (then the caller trains). A file that does
 * not parse is a bug of the build and throws.
 */
export function prebuiltModel(
  files: readonly unknown[],
  corpus: Corpus,
  order: number,
  maxRun: number,
  contentHash: () => string,
): MuseModel | undefined {
  for (const file of files) {
    const head = file as { options?: { order?: unknown; melodyMaxRun?: unknown } };
    if (head.options?.order !== order || head.options?.melodyMaxRun !== maxRun) continue;
    const parsed = parseModel(file);
    if (!parsed.ok) throw new Error(`prebuilt model of ${corpus.name}: ${parsed.error.message}`);
    // A model built from another version of the corpus is not this corpus's model.
    if (parsed.value.provenance.contentHash !== contentHash()) return undefined;
    return parsed.value;
  }
  return undefined;
}
