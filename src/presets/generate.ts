import { type ComposeOptions, compose, type Models, type Piece } from '../compose';
import { err, ok, type Result } from '../core';
import type { Corpus, Mode } from '../corpus';
import { trainChordModel, trainMelodyModel } from '../model';
import { builtinCorpus, findPreset } from './builtin';
import { checkRecipe, type Recipe, type RecipeError } from './recipe';
import type { Preset } from './schema';

const MINOR_LIKE: ReadonlySet<Mode> = new Set(['minor', 'dorian', 'phrygian', 'locrian']);

const models = new Map<string, Models>();

/**
 * The models a preset composes with: trained on the pieces of its corpus in the same mode family
 * (major-like or minor-like; all pieces when fewer than three match), cached per corpus, family
 * and order.
 */
export function modelsFor(corpus: Corpus, mode: Mode, order: number): Models {
  const minor = MINOR_LIKE.has(mode);
  const key = `${corpus.name}|${minor}|${order}`;
  let m = models.get(key);
  if (!m) {
    const family = corpus.pieces.filter((p) => MINOR_LIKE.has(p.mode) === minor);
    const pieces = family.length >= 3 ? family : corpus.pieces;
    m = { chords: trainChordModel(pieces, order), melody: trainMelodyModel(pieces, order) };
    models.set(key, m);
  }
  return m;
}

/** The composer's options for a preset and the recipe's overrides. */
export function composeOptions(preset: Preset, recipe: Recipe): Partial<ComposeOptions> {
  return {
    title: `${preset.name} #${recipe.seed}`,
    key: preset.key,
    mode: preset.mode,
    meter: preset.meter,
    tempo: recipe.tempo ?? preset.tempo,
    bars: recipe.bars ?? preset.bars,
    form: preset.form,
    phraseBars: preset.phraseBars,
    temperature: preset.model.temperature,
    melody: preset.melody,
    chords: preset.chords,
    bass: preset.bass,
    humanizeVelocity: preset.humanizeVelocity,
    drums: preset.drums,
    groove: preset.groove,
  };
}

/** A generated piece with everything needed to make it again. */
export interface Generated {
  piece: Piece;
  preset: Preset;
  /** The recipe with every default filled in. */
  recipe: Required<Recipe>;
  corpus: Corpus;
}

export type GenerateError = RecipeError | { code: 'unknown-preset'; field: 'preset'; message: string };

/** How to make a recipe's piece. */
export interface GenerateOptions {
  /** Leave swing and timing humanization out: every onset on the grid. */
  quantize?: boolean;
  /** A preset of the user's (already checked by parsePreset) instead of the built-in one named. */
  preset?: Preset;
}

/**
 * Makes the piece of a recipe: the one function the app and the CLI both call, so the same recipe
 * gives the same piece (and the same MIDI bytes) in both.
 */
export function generate(recipe: Recipe, options: GenerateOptions = {}): Result<Generated, GenerateError> {
  const checked = checkRecipe(recipe);
  if (!checked.ok) return checked;
  const preset = options.preset ?? findPreset(recipe.preset);
  if (!preset)
    return err({ code: 'unknown-preset', field: 'preset', message: `there is no preset called "${recipe.preset}"` });
  const corpus = builtinCorpus(preset.corpus);
  if (!corpus) throw new Error(`preset ${preset.name} names a corpus that is not built in: ${preset.corpus}`);
  const full = {
    preset: preset.name,
    seed: recipe.seed,
    bars: recipe.bars ?? preset.bars,
    tempo: recipe.tempo ?? preset.tempo,
  };
  const settings = composeOptions(preset, full);
  // Quantized: the same notes on the grid (swing and timing humanization are seeded apart).
  if (options.quantize) settings.groove = undefined;
  const piece = compose(modelsFor(corpus, preset.mode, preset.model.order), settings, full.seed);
  return ok({ piece, preset, recipe: full, corpus });
}
