import {
  applyEdits,
  type ComposeOptions,
  type Composition,
  composeSteps,
  type Piece,
  resolveOptions,
} from '../compose';
import { beatTicks, err, ok, type Result, runSteps, type Steps } from '../core';
import type { Corpus } from '../corpus';
import { harmonicChanges, percentile } from '../eval';
import { DEFAULT_MELODY_MAX_RUN, type MuseModel, provenanceOf as modelProvenanceOf, trainModel } from '../model';
import { type BlendedModels, blendedModels, blendLeans, type ModelChoice, type PhraseLean } from './blend';
import { builtinCorpus, builtinModelFiles, findPreset, isBuiltinCorpus } from './builtin';
import { prebuiltModel } from './prebuiltModels';
import { type Provenance, provenanceOf } from './provenance';
import { checkRecipe, type FullRecipe, fillRecipe, type Recipe, type RecipeError } from './recipe';
import type { Preset } from './schema';
import { type PresetSound, presetSound } from './sound';

const models = new Map<string, MuseModel>();
const prebuilt = new WeakSet<MuseModel>();

/** Whether `model` came ready with its built-in corpus (trained at build time) rather than trained here. */
export function isPrebuiltModel(model: MuseModel): boolean {
  return prebuilt.has(model);
}

/**
 * The model a preset composes with: trained on its corpus (all modes: the model conditions on the
 * mode family) with the preset's order and originality limit, once per corpus and settings. In the
 * page a built-in corpus comes with its presets' models trained at build time (prebuiltModels.ts):
 * then the model is parsed, not trained.
 */
export function modelFor(corpus: Corpus, preset: Pick<Preset, 'model'>): MuseModel {
  const maxRun = preset.model.maxRun ?? DEFAULT_MELODY_MAX_RUN;
  const key = `${corpus.name}|${preset.model.order}|${maxRun}`;
  let model = models.get(key);
  if (!model) {
    const files = isBuiltinCorpus(corpus.name) ? builtinModelFiles(corpus.name) : [];
    const ready =
      files.length > 0
        ? prebuiltModel(files, corpus, preset.model.order, maxRun, () => modelProvenanceOf(corpus.pieces).contentHash)
        : undefined;
    if (ready) prebuilt.add(ready);
    model = ready ?? trainModel(corpus.pieces, { order: preset.model.order, melodyMaxRun: maxRun });
    models.set(key, model);
  }
  return model;
}

const longestChords = new WeakMap<Corpus, number | undefined>();

/**
 * How long the corpus holds a chord: the 95th percentile of its chords' lengths in beats (a chord
 * struck again right after itself counted as held), measured as `muse stats` measures it. The
 * composer holds no chord longer. Undefined for a corpus without chords.
 */
export function corpusLongestChord(corpus: Corpus): number | undefined {
  if (!longestChords.has(corpus)) {
    const lengths = corpus.pieces.flatMap((p) =>
      harmonicChanges(p.chords ?? []).map((c) => c.duration / beatTicks(p.meter)),
    );
    longestChords.set(corpus, lengths.length > 0 ? percentile(lengths, 95) : undefined);
  }
  return longestChords.get(corpus);
}

/** The composer's options for a preset and the recipe's overrides. */
export function composeOptions(preset: Preset, recipe: Recipe): Partial<ComposeOptions> {
  const full = fillRecipe(recipe, preset);
  return {
    title: `${preset.name} #${recipe.seed}`,
    key: full.key,
    mode: full.mode,
    meter: full.meter,
    tempo: full.tempo,
    bars: full.bars,
    form: full.form,
    phraseBars: preset.phraseBars,
    sectionBars: preset.sectionBars ?? 2 * preset.phraseBars,
    temperature: full.temperature,
    melody: preset.melody,
    chords: preset.chords,
    bass: preset.bass,
    humanizeVelocity: preset.humanizeVelocity,
    drums: preset.drums,
    groove: preset.groove,
  };
}

/**
 * A generated piece with everything needed to play it, to make it again and to say what it owes
 * its corpus: what the page plays and shows, and what every export writes, without composing again.
 */
export interface Generated {
  piece: Piece;
  /** The preset's sound settings as the engine takes them. */
  sound: PresetSound;
  /** Where the piece comes from (every export carries it). */
  provenance: Provenance;
  /** Composed without swing and timing humanization (`quantize`). */
  quantized: boolean;
  /** The options it was made with (a user's preset or model), to make its quantized twin alike. */
  madeWith: Omit<GenerateOptions, 'quantize'>;
  preset: Preset;
  /** The recipe with every default filled in. */
  recipe: FullRecipe;
  model: MuseModel;
  /** The corpus or model file the model comes from. */
  modelName: string;
  originality: Composition['originality'];
  /** With a blend: the corpus each phrase leans on. */
  leans?: PhraseLean[];
}

export type GenerateError =
  | RecipeError
  | { code: 'unknown-preset'; field: 'preset'; message: string }
  /** The preset's corpus is built in but not loaded yet: await `loadBuiltinCorpus(corpus)` first. */
  | { code: 'corpus-not-loaded'; field: 'preset'; corpus: string; message: string }
  | { code: 'unknown-corpus'; field: 'preset'; corpus: string; message: string }
  /** The blend names a trained model (by name and content hash) that was not given: `blendModel`. */
  | { code: 'model-not-available'; field: 'blend'; name: string; hash: string; message: string };

/** How to make a recipe's piece. */
export interface GenerateOptions {
  /** Leave swing and timing humanization out: every onset on the grid. */
  quantize?: boolean;
  /** A preset of the user's (already checked by parsePreset) instead of the built-in one named. */
  preset?: Preset;
  /** A trained model (muse train) instead of the preset's corpus, with its name for provenance. */
  model?: ModelChoice;
  /**
   * The trained model a recipe's blend names (`blend.model`, its content hash), with its name:
   * recipes and share links name it, only its owner has it.
   */
  blendModel?: ModelChoice;
}

/**
 * The front door: recipe → `{ piece, sound, provenance }`. The one function the page, the CLI, the
 * benchmarks and the exports call — once per piece: the page composes when the recipe changes and
 * exports what it shows; `muse generate` composes once and writes from that — so the same recipe
 * gives the same piece (and the same MIDI bytes) everywhere. Errors are values: a recipe out of
 * range, an unknown preset, a corpus not loaded yet.
 *
 * @example
 * await loadBuiltinCorpus('songbook');
 * const g = generate({ preset: 'pop-ballad', seed: 42 });
 * if (g.ok) player.load(g.value.piece, g.value.sound);
 */
export function generate(asked: Recipe, options: GenerateOptions = {}): Result<Generated, GenerateError> {
  return runSteps(generateSteps(asked, options));
}

/**
 * {@link generate} a step at a time (a step per phrase composed: compose.ts's `composeSteps`), for
 * a caller that gives the page a turn between steps. The same result as `generate`, step for step.
 */
export function* generateSteps(asked: Recipe, options: GenerateOptions = {}): Steps<Result<Generated, GenerateError>> {
  const checked = checkRecipe(asked);
  if (!checked.ok) return checked;
  const recipe = checked.value;
  const preset = options.preset ?? findPreset(recipe.preset);
  if (!preset)
    return err({ code: 'unknown-preset', field: 'preset', message: `there is no preset called "${recipe.preset}"` });
  const full = fillRecipe({ ...recipe, preset: preset.name }, preset);
  let model = options.model?.model;
  let modelName = options.model?.name ?? preset.corpus;
  if (model) {
    // A trained model's guard was built with its own limit: the recipe cannot change it.
    const trained = model.options.melodyMaxRun;
    if (recipe.maxRun !== undefined && recipe.maxRun !== trained)
      return err({
        code: 'recipe',
        field: 'maxRun',
        message: `the originality limit of a trained model is set when it is trained (this one: ${trained}); train it again with another limit`,
      });
    full.maxRun = trained;
  } else {
    const corpus = builtinCorpus(preset.corpus);
    if (!corpus) return err(missingCorpus(preset));
    model = modelFor(corpus, { model: { ...preset.model, maxRun: full.maxRun } });
    modelName = corpus.name;
  }
  let blended: BlendedModels | undefined;
  if (full.blend) {
    // Blend: the preset's corpus (or the user's model) and a second corpus or trained model, mixed
    // by the recipe's weight (blend.ts).
    const found = blendedModels(preset, full, options.model, options.blendModel);
    if (!found.ok) return found;
    blended = found.value;
    model = blended.model;
    modelName = blended.name;
  }
  const settings = composeOptions(preset, full);
  const builtin = options.model ? undefined : builtinCorpus(preset.corpus);
  if (builtin) settings.longestChord = corpusLongestChord(builtin);
  // Quantized: the same notes on the grid (swing and timing humanization are seeded apart).
  if (options.quantize) settings.groove = undefined;
  const { piece: composed, originality } = yield* composeSteps(model, settings, full.seed);
  // The user's edits on top, in order: the same recipe gives the same edited piece everywhere.
  const piece = full.edits
    ? applyEdits(composed, full.edits, { model, options: resolveOptions(settings), seed: full.seed })
    : composed;
  const leans = blended && blendLeans(piece, resolveOptions(settings), blended);
  return ok({
    piece,
    sound: presetSound(preset),
    provenance: provenanceOf(full, preset, model, modelName, blended?.sides),
    quantized: options.quantize === true,
    madeWith: { preset: options.preset, model: options.model, blendModel: options.blendModel },
    preset,
    recipe: full,
    model,
    modelName,
    originality,
    ...(leans ? { leans } : {}),
  });
}

/** Why a preset's corpus is not at hand: not loaded yet (the page loads corpora on demand), or none. */
function missingCorpus(preset: Preset): GenerateError {
  const corpus = preset.corpus;
  return isBuiltinCorpus(corpus)
    ? {
        code: 'corpus-not-loaded',
        field: 'preset',
        corpus,
        message: `the ${corpus} corpus of preset ${preset.name} is not loaded yet (loadBuiltinCorpus("${corpus}") loads it)`,
      }
    : {
        code: 'unknown-corpus',
        field: 'preset',
        corpus,
        message: `preset ${preset.name} names a corpus that is not built in: ${corpus}`,
      };
}
