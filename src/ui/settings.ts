import { checkRecipe, decodeEdits, encodeEdits, type Recipe } from '../presets';

const KEY = 'markov-muse/settings/v1';
const NUMBERS = ['seed', 'tempo', 'bars', 'temperature', 'maxRun'] as const;
const WORDS = ['key', 'mode', 'form'] as const;

/** The last settings the user had, if storage has them and they look right. Never throws. */
export function loadSettings(): Recipe | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<Record<keyof Recipe, unknown>>;
    if (typeof v.preset !== 'string' || typeof v.seed !== 'number') return undefined;
    const recipe: Recipe = { preset: v.preset, seed: v.seed };
    for (const field of NUMBERS) if (typeof v[field] === 'number') recipe[field] = v[field];
    for (const field of WORDS) if (typeof v[field] === 'string') Object.assign(recipe, { [field]: v[field] });
    const meter = v.meter;
    if (Array.isArray(meter) && meter.length === 2 && meter.every((n) => typeof n === 'number'))
      recipe.meter = [meter[0], meter[1]] as Recipe['meter'];
    // Edits are kept in their share-link form; edits that cannot be read are dropped, not the settings.
    const edits = typeof v.edits === 'string' ? decodeEdits(v.edits) : undefined;
    if (edits?.ok && edits.value.length > 0) recipe.edits = edits.value;
    const blend = v.blend as { corpus?: unknown; weight?: unknown; model?: unknown } | undefined;
    if (blend && typeof blend.corpus === 'string' && typeof blend.weight === 'number')
      recipe.blend = {
        corpus: blend.corpus,
        weight: blend.weight,
        ...(typeof blend.model === 'string' ? { model: blend.model } : {}),
      };
    return checkRecipe(recipe).ok ? recipe : undefined;
  } catch {
    return undefined; // private mode, storage disabled, or a corrupt entry: start from defaults
  }
}

/** Remembers the settings for the next visit; a full or failing storage is not an error here. */
export function saveSettings(recipe: Recipe): void {
  try {
    const { edits, ...rest } = recipe;
    localStorage.setItem(KEY, JSON.stringify(edits?.length ? { ...rest, edits: encodeEdits(edits) } : rest));
  } catch {
    // Quota exceeded or storage disabled: the settings are simply not remembered.
  }
}
