import { MAX_SEED } from '../core';
import { type FullRecipe, fillRecipe, LIMITS, type Preset, type Recipe } from '../presets';
import type { startGenerationPanel } from './generationPanel';
import { N_, t } from './i18n';

/** The labels of the fields the page checks itself, as an error names them. */
const FIELD_LABELS = { seed: N_('Seed'), tempo: N_('Tempo'), bars: N_('Bars') } as const;

/** A new random seed (the UI may use the platform's randomness; the domain never does). */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] % (MAX_SEED + 1);
}

/** The fields a recipe is read from: Preset, Seed, Tempo, Bars and the generation panel. */
export interface RecipeInputs {
  preset: HTMLSelectElement;
  seed: HTMLInputElement;
  tempo: HTMLInputElement;
  bars: HTMLInputElement;
  generation: ReturnType<typeof startGenerationPanel>;
}

/**
 * The recipe fields of the page: `fill` shows a recipe in them, `read` reads one back — or marks
 * the first invalid field (aria-invalid), says why with `say` and gives undefined.
 */
export interface RecipeFields {
  /** Shows a recipe in the fields. */
  fill(recipe: FullRecipe): void;
  /** The recipe the fields say, or undefined (the field at fault marked and named). */
  read(): Recipe | undefined;
  /**
   * Shows a preset's values (tempo, bars and the generation panel's overrides): all of them for
   * another preset (`before` undefined, or `follow` 'all'), only those an edit changed from
   * `before` ('changes'), none ('none'). The preset select and seed stay as they are.
   */
  follow(preset: Preset, before: Preset | undefined, follow: 'all' | 'changes' | 'none'): void;
}

export function recipeFields(inputs: RecipeInputs, say: (text: string, isError?: boolean) => void): RecipeFields {
  const { preset, seed, tempo, bars, generation } = inputs;
  return {
    follow(next, before, follow) {
      if (follow === 'none') return;
      const values = fillRecipe({ preset: next.name, seed: 0 }, next);
      const old = before && follow === 'changes' ? fillRecipe({ preset: before.name, seed: 0 }, before) : undefined;
      const changed = (field: keyof FullRecipe) => !old || JSON.stringify(old[field]) !== JSON.stringify(values[field]);
      if (changed('tempo')) tempo.value = String(values.tempo);
      if (changed('bars')) bars.value = String(values.bars);
      generation.follow(values, changed);
    },
    fill(recipe) {
      preset.value = recipe.preset;
      seed.value = String(recipe.seed);
      tempo.value = String(recipe.tempo);
      bars.value = String(recipe.bars);
      generation.fill(recipe);
    },
    read() {
      const fields = { seed, tempo, bars } as const;
      const values: Partial<Record<keyof typeof fields, number>> = {};
      for (const [name, input] of Object.entries(fields) as [keyof typeof fields, HTMLInputElement][]) {
        const value = Number(input.value);
        const { min, max } = LIMITS[name];
        const valid = input.value.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
        input.setAttribute('aria-invalid', String(!valid));
        if (!valid) {
          say(
            t('{field} must be a whole number from {min} to {max}.', { field: t(FIELD_LABELS[name]), min, max }),
            true,
          );
          return undefined;
        }
        values[name] = value;
      }
      const overrides = generation.read();
      if (!overrides.ok) {
        say(overrides.error, true);
        return undefined;
      }
      return {
        preset: preset.value,
        seed: values.seed ?? 0,
        tempo: values.tempo,
        bars: values.bars,
        ...overrides.value,
      };
    },
  };
}
