import { err, ok, type Result } from '../core';
import { LIMITS } from './schema';

/** What makes a piece, exactly: a preset, a seed, and the user's overrides. */
export interface Recipe {
  preset: string;
  seed: number;
  bars?: number;
  tempo?: number;
}

/** A recipe the user got wrong, with the field at fault. */
export interface RecipeError {
  code: 'recipe';
  field: keyof Recipe;
  message: string;
}

const checkInt = (field: 'seed' | 'bars' | 'tempo', value: number | undefined): RecipeError | undefined => {
  if (value === undefined) return undefined;
  const { min, max } = LIMITS[field];
  if (!Number.isInteger(value) || value < min || value > max)
    return { code: 'recipe', field, message: `${field} must be a whole number from ${min} to ${max}, not ${value}` };
  return undefined;
};

/** Checks the numbers of a recipe against {@link LIMITS}. */
export function checkRecipe(recipe: Recipe): Result<Recipe, RecipeError> {
  const problem = checkInt('seed', recipe.seed) ?? checkInt('bars', recipe.bars) ?? checkInt('tempo', recipe.tempo);
  return problem ? err(problem) : ok(recipe);
}
