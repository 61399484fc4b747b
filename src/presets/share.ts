import { err, ok, type Result } from '../core';
import { findPreset } from './builtin';
import { checkRecipe, type Recipe } from './recipe';

/** Version of the share-link fragment format. */
export const SHARE_VERSION = 1;
const KEYS = new Set(['v', 'preset', 'seed', 'bars', 'tempo']);
const MAX_LENGTH = 2000;

/** A share link the app cannot use, with the field at fault. */
export interface ShareError {
  code: 'share-link';
  field: string;
  message: string;
}

/** The fragment of a share link for a recipe, e.g. "v=1&preset=pop-ballad&seed=5&bars=16&tempo=72". */
export function shareFragment(recipe: Required<Recipe>): string {
  const params = new URLSearchParams({
    v: String(SHARE_VERSION),
    preset: recipe.preset,
    seed: String(recipe.seed),
    bars: String(recipe.bars),
    tempo: String(recipe.tempo),
  });
  return params.toString();
}

/**
 * The recipe of a share-link fragment (with or without the leading "#"). Untrusted: too long, an
 * unknown or repeated key (such as `__proto__`), a wrong version, an unknown preset or a number out
 * of range is refused with the field named; nothing is merged into any object.
 */
export function parseShareFragment(fragment: string): Result<Recipe, ShareError> {
  const fail = (field: string, message: string) => err<ShareError>({ code: 'share-link', field, message });
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_LENGTH) return fail('link', `the link is longer than ${MAX_LENGTH} characters`);
  const seen = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (!KEYS.has(key)) return fail(key, `the link has an unknown field "${key.slice(0, 40)}"`);
    if (seen.has(key)) return fail(key, `the link gives "${key}" twice`);
    seen.set(key, value);
  }
  if (seen.get('v') !== String(SHARE_VERSION))
    return fail('v', `the link is of version ${seen.get('v') ?? 'none'}, not ${SHARE_VERSION}`);
  const preset = seen.get('preset') ?? '';
  if (!findPreset(preset)) return fail('preset', `the link names no known preset ("${preset.slice(0, 40)}")`);
  const int = (field: 'seed' | 'bars' | 'tempo'): number | undefined => {
    const raw = seen.get(field);
    return raw === undefined ? undefined : /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  };
  const seed = int('seed');
  if (seed === undefined) return fail('seed', 'the link has no seed');
  const recipe: Recipe = { preset, seed, bars: int('bars'), tempo: int('tempo') };
  const checked = checkRecipe(recipe);
  return checked.ok ? ok(recipe) : fail(checked.error.field, `the link's ${checked.error.message}`);
}
