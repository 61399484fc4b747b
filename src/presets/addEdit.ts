import { applyEdit, type Edit, resolveOptions } from '../compose';
import { err, ok, type Result } from '../core';
import { composeOptions, type Generated } from './generate';
import { checkRecipe, type FullRecipe, type RecipeError } from './recipe';

/**
 * A generated piece with one more edit: the edit is checked and written as a share link would hold
 * it, then applied to the piece on screen — the same piece `generate` makes from the recipe with
 * every edit, without composing it all again (tests/unit/edits.test.ts checks they agree).
 */
export function addEdit(g: Generated, edit: Edit): Result<Generated, RecipeError> {
  const checked = checkRecipe({ ...g.recipe, edits: [...(g.recipe.edits ?? []), edit] });
  if (!checked.ok) return checked;
  const recipe = checked.value as FullRecipe;
  const added = recipe.edits?.at(-1);
  if (!added) return err({ code: 'recipe', field: 'edits', message: 'no edit to add' });
  const options = resolveOptions(composeOptions(g.preset, g.recipe));
  const piece = applyEdit(g.piece, added, { model: g.model, options, seed: g.recipe.seed });
  return ok({ ...g, recipe, piece });
}
