import './generationPanel.css';
import { MODES } from '../corpus';
import {
  checkRecipe,
  type FullRecipe,
  meterText,
  OVERRIDE_RANGES,
  OVERRIDES,
  parseMeter,
  type Recipe,
} from '../presets';
import { fixed, formatNumber, N_, onLanguageChange, t } from './i18n';
import { modeName } from './i18n/terms';

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
  /** Shows the overrides of `values` for which `changed` says so; the other fields keep what they show. */
  follow(values: FullRecipe, changed: (field: keyof Overrides) => boolean): void;
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
  key: N_('Key'),
  mode: N_('Mode'),
  meter: N_('Meter'),
  form: N_('Form'),
  temperature: N_('Novelty'),
  maxRun: N_('Originality limit'),
};

/** What a field allows, as an error says it (the form's is the schema's own message, in the page's words). */
function ruleOf(at: keyof Overrides): string | undefined {
  const shown = (n: number) => fixed(n, Number.isInteger(n) ? 0 : 1);
  if (at === 'form') return t('at most 32 letters A–Z, optionally "intro " first and " outro" last');
  if (at === 'temperature') {
    const { min, max } = OVERRIDE_RANGES.temperature;
    return t('a number from {min} to {max}', { min: shown(min), max: shown(max) });
  }
  if (at === 'maxRun') return t('a whole number from {min} to {max}', OVERRIDE_RANGES.maxRun);
  return undefined;
}

/** "Form "A <b>" is not allowed: letters A–Z, …." in the page's language, the field named by its label. */
function refusal(at: keyof Overrides, value: unknown, message: string): string {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : JSON.stringify(value)?.slice(0, 40);
  const reason = ruleOf(at) ?? message.replace(/^.*? is not allowed: /, '');
  return t('{field} {value} is not allowed: {reason}.', { field: t(LABELS[at] ?? at), value: shown ?? '', reason });
}

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
  for (const m of MODES) mode.add(new Option(modeName(m), m));
  for (const m of METERS) meter.add(new Option(m, m));
  const showTemperature = () => {
    temperatureShown.value = formatNumber(Number(temperature.value), 2);
  };
  temperature.addEventListener('input', showTemperature);
  onLanguageChange(showTemperature);
  const inputs = { key, mode, meter, form, temperature, maxRun };
  /** The user's limit while a trained model's own is shown. */
  let unlocked = '';

  return {
    fill(recipe) {
      choose(key, recipe.key);
      choose(mode, recipe.mode);
      choose(meter, meterText(recipe.meter));
      form.value = recipe.form;
      temperature.value = String(recipe.temperature);
      showTemperature();
      // A trained model's own limit stays on show; the recipe's comes back when it is unlocked.
      if (maxRun.disabled) unlocked = String(recipe.maxRun);
      else maxRun.value = String(recipe.maxRun);
      for (const input of Object.values(inputs)) input.setAttribute('aria-invalid', 'false');
    },
    read() {
      const value: Overrides = {
        key: key.value,
        mode: mode.value as Overrides['mode'],
        meter: parseMeter(meter.value),
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
      return { ok: false, error: refusal(at, value[at], checked.error.message) };
    },
    follow(values, changed) {
      const current = this.read();
      const shown = { ...(current.ok ? current.value : {}) };
      for (const f of OVERRIDES) if (changed(f)) Object.assign(shown, { [f]: values[f] });
      this.fill({ ...values, ...shown });
    },
    onChange(listener) {
      for (const input of Object.values(inputs)) input.addEventListener('change', listener);
    },
    lockMaxRun(limit) {
      if (limit !== undefined && !maxRun.disabled) unlocked = maxRun.value;
      else if (limit === undefined && maxRun.disabled) maxRun.value = unlocked;
      maxRun.disabled = limit !== undefined;
      if (limit !== undefined) maxRun.value = String(limit);
      maxRun.title = limit === undefined ? '' : t('A trained model carries the originality limit it was trained with.');
    },
  };
}
