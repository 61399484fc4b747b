import './generationPanel.css';
import { MODES } from '../corpus';
import { checkRecipe, type FullRecipe, fillRecipe, OVERRIDES, type Preset, type Recipe } from '../presets';

/** The keys offered (a preset's own spelling is added when it is not among them). */
const KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
/** The meters offered (likewise). */
const METERS = ['2/4', '3/4', '4/4', '6/8', '9/8', '12/8'];

type Overrides = Pick<Recipe, 'key' | 'mode' | 'meter' | 'form' | 'temperature' | 'maxRun'>;

/** What the generation panel offers the page. */
export interface GenerationPanel {
  /** Shows a recipe's key, mode, meter, form, novelty and originality limit. */
  fill(recipe: FullRecipe): void;
  /** The overrides as the fields say now, or a message naming the field at fault. */
  read(): { ok: true; value: Overrides } | { ok: false; error: string };
  /** Calls back when the user changes a field (committed changes only). */
  onChange(listener: () => void): void;
  /**
   * Shows a preset's values: all of them for another preset (`before` undefined or `follow` 'all'),
   * only those an edit changed ('changes'), or none.
   */
  follow(preset: Preset, before: Preset | undefined, follow: 'all' | 'changes' | 'none'): void;
  /** Locks or unlocks the originality limit (a trained model carries its own). */
  lockMaxRun(limit: number | undefined): void;
}

function field<T extends HTMLElement>(root: HTMLElement, id: string): T {
  const el = root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`the generation panel has no #${id}`);
  return el;
}

/** Adds `value` to a select when missing, then selects it. */
function choose(select: HTMLSelectElement, value: string): void {
  if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
  select.value = value;
}

const LABELS: Record<keyof Overrides, string> = {
  key: 'Key',
  mode: 'Mode',
  meter: 'Meter',
  form: 'Form',
  temperature: 'Novelty',
  maxRun: 'Originality limit',
};

/**
 * Wires the generation panel (key, mode, meter, form, novelty = the model's temperature, originality
 * limit = the longest melody run that may be copied from one training piece). Its fields are the
 * recipe's overrides; a preset change refills them with the preset's values.
 */
export function startGenerationPanel(root: HTMLElement): GenerationPanel {
  const key = field<HTMLSelectElement>(root, 'key');
  const mode = field<HTMLSelectElement>(root, 'mode');
  const meter = field<HTMLSelectElement>(root, 'meter');
  const form = field<HTMLInputElement>(root, 'form');
  const temperature = field<HTMLInputElement>(root, 'temperature');
  const temperatureShown = field<HTMLOutputElement>(root, 'temperature-value');
  const maxRun = field<HTMLInputElement>(root, 'max-run');
  for (const k of KEYS) key.add(new Option(k, k));
  for (const m of MODES) mode.add(new Option(m, m));
  for (const m of METERS) meter.add(new Option(m, m));
  const showTemperature = () => {
    temperatureShown.value = Number(temperature.value).toFixed(2);
  };
  temperature.addEventListener('input', showTemperature);
  const inputs = { key, mode, meter, form, temperature, maxRun };
  /** The user's limit while a trained model's own is shown. */
  let unlocked = '';

  return {
    fill(recipe) {
      choose(key, recipe.key);
      choose(mode, recipe.mode);
      choose(meter, `${recipe.meter[0]}/${recipe.meter[1]}`);
      form.value = recipe.form;
      temperature.value = String(recipe.temperature);
      showTemperature();
      // A trained model's own limit stays on show; the recipe's comes back when it is unlocked.
      if (maxRun.disabled) unlocked = String(recipe.maxRun);
      else maxRun.value = String(recipe.maxRun);
      for (const input of Object.values(inputs)) input.setAttribute('aria-invalid', 'false');
    },
    read() {
      const [beats, unit] = meter.value.split('/').map(Number);
      const value: Overrides = {
        key: key.value,
        mode: mode.value as Overrides['mode'],
        meter: [beats, unit] as Overrides['meter'],
        form: form.value.trim().replace(/\s+/g, ' '),
        temperature: Number(temperature.value),
        maxRun: maxRun.disabled ? undefined : maxRun.value.trim() === '' ? Number.NaN : Number(maxRun.value),
      };
      if (value.maxRun === undefined) delete value.maxRun;
      for (const input of Object.values(inputs)) input.setAttribute('aria-invalid', 'false');
      const checked = checkRecipe({ preset: '', seed: 0, ...value });
      if (checked.ok) return { ok: true, value };
      const at = checked.error.field as keyof Overrides;
      inputs[at]?.setAttribute('aria-invalid', 'true');
      const message = checked.error.message.replace(/^\w+/, LABELS[at] ?? at);
      return { ok: false, error: `${message}.` };
    },
    follow(preset, before, follow) {
      if (follow === 'none') return;
      const next = fillRecipe({ preset: preset.name, seed: 0 }, preset);
      const old = before && follow === 'changes' ? fillRecipe({ preset: before.name, seed: 0 }, before) : undefined;
      const current = this.read();
      const shown = { ...(current.ok ? current.value : {}) };
      for (const f of OVERRIDES) {
        if (!old || JSON.stringify(old[f]) !== JSON.stringify(next[f])) Object.assign(shown, { [f]: next[f] });
      }
      this.fill({ ...next, ...shown });
    },
    onChange(listener) {
      for (const input of Object.values(inputs)) input.addEventListener('change', listener);
    },
    lockMaxRun(limit) {
      if (limit !== undefined && !maxRun.disabled) unlocked = maxRun.value;
      else if (limit === undefined && maxRun.disabled) maxRun.value = unlocked;
      maxRun.disabled = limit !== undefined;
      if (limit !== undefined) maxRun.value = String(limit);
      maxRun.title = limit === undefined ? '' : 'A trained model carries the originality limit it was trained with.';
    },
  };
}
