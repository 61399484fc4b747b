import type { Edit } from '../compose';
import { describeIssue, err, ok, type Result } from '../core';
import { DEFAULT_MELODY_MAX_RUN } from '../model';
import type { Blend } from './blend';
import { builtinCorpusNames, isBuiltinCorpus } from './builtinCorpora';
import { checkEdits } from './editCodec';
import { LIMITS, type Preset, presetSchema } from './schema';

/**
 * What makes a piece, exactly: a preset, a seed, and the user's overrides of the preset's key, mode,
 * meter, tempo, length (bars) or form, its novelty (temperature) and its originality limit (the
 * longest run of melody notes that may be copied from one training piece).
 */
export interface Recipe {
  preset: string;
  seed: number;
  bars?: number;
  tempo?: number;
  key?: string;
  mode?: Preset['mode'];
  meter?: Preset['meter'];
  form?: string;
  temperature?: number;
  maxRun?: number;
  /** What the user changed in the composed piece, in order (src/compose/edits.ts); none when absent. */
  edits?: readonly Edit[];
  /** A second built-in corpus or trained model blended into the model, with its weight 0–1 (blend.ts); none when absent. */
  blend?: Blend;
}

/** A recipe with every override filled in (from the preset where the user set none); edits only where there are some. */
export type FullRecipe = Required<Omit<Recipe, 'edits' | 'blend'>> & Pick<Recipe, 'edits' | 'blend'>;

/** A recipe the user got wrong, with the field at fault. */
export interface RecipeError {
  code: 'recipe';
  field: keyof Recipe | `edits[${number}]`;
  message: string;
}

/** The fields a recipe may override, each checked by the preset schema's own rule. */
export const OVERRIDES = ['key', 'mode', 'meter', 'form', 'temperature', 'maxRun'] as const;
const modelShape = presetSchema.shape.model.shape;
const rules = {
  key: presetSchema.shape.key,
  mode: presetSchema.shape.mode,
  meter: presetSchema.shape.meter,
  form: presetSchema.shape.form,
  temperature: modelShape.temperature,
  maxRun: modelShape.maxRun.unwrap(),
} as const;

/** The ranges of the numeric overrides, as the preset schema sets them (for fields and messages). */
export const OVERRIDE_RANGES = {
  temperature: { min: Number(rules.temperature.minValue), max: Number(rules.temperature.maxValue) },
  maxRun: { min: Number(rules.maxRun.minValue), max: Number(rules.maxRun.maxValue) },
} as const;

const checkInt = (field: 'seed' | 'bars' | 'tempo', value: number | undefined): RecipeError | undefined => {
  if (value === undefined) return undefined;
  const { min, max } = LIMITS[field];
  if (!Number.isInteger(value) || value < min || value > max)
    return { code: 'recipe', field, message: `${field} must be a whole number from ${min} to ${max}, not ${value}` };
  return undefined;
};

/** The parts of an override a message names. */
const PART_NAMES: Readonly<Record<string, string>> = {
  'meter.0': 'the beats per bar',
  'meter.1': 'the beat unit',
};

const checkOverride = (recipe: Recipe, field: (typeof OVERRIDES)[number]): RecipeError | undefined => {
  const value = recipe[field];
  if (value === undefined) return undefined;
  const parsed = rules[field].safeParse(value);
  if (parsed.success) return undefined;
  const shown =
    field === 'meter' && Array.isArray(value)
      ? meterText(value as Preset['meter'])
      : typeof value === 'string'
        ? `"${value.slice(0, 40)}"`
        : JSON.stringify(value)?.slice(0, 40);
  const { field: part, reason } = describeIssue(rules[field], parsed.error.issues[0], value);
  const which = part === '(root)' ? '' : `${PART_NAMES[`${field}.${part}`] ?? `${field}.${part}`} `;
  return { code: 'recipe', field, message: `${field} ${shown} is not allowed: ${which}${reason}` };
};

/** A model's content hash as model files and provenance write it. */
export const MODEL_HASH = /^fnv1a64:[0-9a-f]{16}$/;
/** The longest name of a trained model a blend may carry. */
export const MODEL_NAME_MAX = 100;

/** Why a blend cannot be made (an unknown corpus, a weight outside 0–1), or undefined. */
function checkBlend(blend: Blend): string | undefined {
  if (typeof blend !== 'object' || blend === null) return 'blend must name a corpus and a weight';
  if (blend.model !== undefined) {
    // A trained model, named by its content hash and its name (which only labels it).
    if (typeof blend.model !== 'string' || !MODEL_HASH.test(blend.model))
      return `blend model must be a model's content hash such as "fnv1a64:0123456789abcdef", not ${JSON.stringify(blend.model)?.slice(0, 40)}`;
    if (typeof blend.corpus !== 'string' || blend.corpus.trim() === '' || blend.corpus.length > MODEL_NAME_MAX)
      return `blend model name must be 1–${MODEL_NAME_MAX} characters`;
  } else if (typeof blend.corpus !== 'string' || !isBuiltinCorpus(blend.corpus))
    return `blend corpus "${String(blend.corpus).slice(0, 40)}" is not a built-in corpus (${builtinCorpusNames().join(', ')})`;
  if (typeof blend.weight !== 'number' || !(blend.weight >= 0 && blend.weight <= 1))
    return `blend weight must be a number from 0 to 1, not ${String(blend.weight).slice(0, 20)}`;
  return undefined;
}

/**
 * Checks the numbers and overrides of a recipe against {@link LIMITS} and the preset schema, and its
 * edits by writing them as a share link would: the recipe it gives has the edits as read back.
 */
export function checkRecipe(recipe: Recipe): Result<Recipe, RecipeError> {
  const problem =
    checkInt('seed', recipe.seed) ??
    checkInt('bars', recipe.bars) ??
    checkInt('tempo', recipe.tempo) ??
    OVERRIDES.reduce<RecipeError | undefined>((found, field) => found ?? checkOverride(recipe, field), undefined);
  if (problem) return err(problem);
  const blendProblem = recipe.blend && checkBlend(recipe.blend);
  if (blendProblem) return err({ code: 'recipe', field: 'blend', message: blendProblem });
  if (recipe.edits === undefined) return ok(recipe);
  const edits = checkEdits(recipe.edits);
  if (!edits.ok)
    return err({ code: 'recipe', field: edits.error.field as RecipeError['field'], message: edits.error.message });
  return ok({ ...recipe, edits: edits.value });
}

/** The recipe with the preset's values where it sets none. */
export function fillRecipe(recipe: Recipe, preset: Preset): FullRecipe {
  return {
    preset: recipe.preset,
    seed: recipe.seed,
    bars: recipe.bars ?? preset.bars,
    tempo: recipe.tempo ?? preset.tempo,
    key: recipe.key ?? preset.key,
    mode: recipe.mode ?? preset.mode,
    meter: recipe.meter ?? preset.meter,
    form: recipe.form ?? preset.form,
    temperature: recipe.temperature ?? preset.model.temperature,
    maxRun: recipe.maxRun ?? preset.model.maxRun ?? DEFAULT_MELODY_MAX_RUN,
    ...(recipe.edits?.length ? { edits: recipe.edits } : {}),
    ...(recipe.blend && recipe.blend.weight > 0 ? { blend: recipe.blend } : {}),
  };
}

/** A meter as it is written in links, flags and fields: "6/8". */
export function meterText(meter: Preset['meter']): string {
  return `${meter[0]}/${meter[1]}`;
}

/** "6/8" → [6, 8]; undefined for text that is not BEATS/UNIT (whether the meter is allowed is {@link checkRecipe}'s). */
export function parseMeter(text: string): Preset['meter'] | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(text);
  return m ? ([Number(m[1]), Number(m[2])] as Preset['meter']) : undefined;
}
