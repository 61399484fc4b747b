import { checkRecipe, type Recipe } from '../presets';

const KEY = 'markov-muse/settings/v1';

/** The last settings the user had, if storage has them and they look right. Never throws. */
export function loadSettings(): Required<Recipe> | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<Record<keyof Recipe, unknown>>;
    const int = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : undefined);
    const seed = int(v.seed);
    const tempo = int(v.tempo);
    const bars = int(v.bars);
    if (typeof v.preset !== 'string' || seed === undefined || tempo === undefined || bars === undefined)
      return undefined;
    const recipe = { preset: v.preset, seed, tempo, bars };
    return checkRecipe(recipe).ok ? recipe : undefined;
  } catch {
    return undefined; // private mode, storage disabled, or a corrupt entry: start from defaults
  }
}

/** Remembers the settings for the next visit; a full or failing storage is not an error here. */
export function saveSettings(recipe: Required<Recipe>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(recipe));
  } catch {
    // Quota exceeded or storage disabled: the settings are simply not remembered.
  }
}
