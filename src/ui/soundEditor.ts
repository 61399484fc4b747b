import {
  defaultsOf,
  EFFECT_NAMES,
  EFFECTS,
  type EffectSpec,
  INSTRUMENT_NAMES,
  INSTRUMENTS,
  type InstrumentSpec,
  mergeOptions,
  type OptionGroup,
  type OptionSpec,
} from '../engine/catalogue';
import { MAX_EFFECTS } from '../presets';
import { N_, t } from './i18n';
import { fieldLabel, fieldName, inName } from './presetFieldLabels';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What the sound controls need from the preset editor. */
export interface SoundEditing {
  /** Sets the value at `path` of the preset (undefined removes it) and checks the preset. */
  commit(input: HTMLElement, path: readonly string[], value: Json | undefined): void;
  /** The sample libraries a Sampler may play (built-in and the user's). */
  libraries: readonly string[];
}

const fieldset = (legend: string) => {
  const set = document.createElement('fieldset');
  const l = document.createElement('legend');
  l.textContent = legend;
  set.append(l);
  return set;
};

/**
 * One control per option of a Tone.js instrument or effect, every option shown with the value in
 * force (the preset's, else Tone's default): numbers with their ranges, choices for enums, note
 * values or seconds for times, the partials as a list, nested groups as fieldsets. `path` is where
 * the options object lives in the preset; `names` the path the accessible names are made from.
 */
function optionControls(
  group: OptionGroup,
  values: Record<string, unknown>,
  path: readonly string[],
  names: readonly string[],
  editing: SoundEditing,
): HTMLElement[] {
  return Object.entries(group).map(([key, spec]) => {
    const at = [...path, key];
    const name = [...names, key];
    if (spec.kind === 'group') {
      const set = fieldset(fieldLabel(key));
      for (const c of optionControls(spec.options, (values[key] ?? {}) as Record<string, unknown>, at, name, editing))
        set.append(c);
      return set;
    }
    return optionControl(spec, values[key], at, name, editing);
  });
}

function optionControl(
  spec: Exclude<OptionSpec, { kind: 'group' }>,
  value: unknown,
  path: readonly string[],
  names: readonly string[],
  editing: SoundEditing,
): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  const id = `edit-${path.join('-')}`;
  const caption = document.createElement('label');
  caption.htmlFor = id;
  caption.textContent = fieldLabel(path[path.length - 1]);
  let input: HTMLInputElement | HTMLSelectElement;
  if (spec.kind === 'enum' || spec.kind === 'library') {
    const select = document.createElement('select');
    const values = spec.kind === 'enum' ? spec.values : editing.libraries;
    for (const v of values) select.add(new Option(String(v), String(v)));
    select.value = String(value);
    select.addEventListener('change', () => {
      const chosen = spec.kind === 'enum' ? spec.values.find((v) => String(v) === select.value) : select.value;
      editing.commit(select, path, (chosen ?? select.value) as Json);
    });
    input = select;
  } else {
    const field = document.createElement('input');
    if (spec.kind === 'number') {
      field.type = 'number';
      field.min = String(spec.min);
      field.max = String(spec.max);
      field.step = spec.int ? '1' : 'any';
      field.value = String(value);
      field.addEventListener('change', () =>
        editing.commit(field, path, field.value === '' ? null : Number(field.value)),
      );
    } else {
      // A time (seconds, or a note value like "8n."), or the partials as numbers with commas.
      field.type = 'text';
      field.value = Array.isArray(value) ? value.join(', ') : String(value);
      field.addEventListener('change', () => {
        const text = field.value.trim();
        const v: Json =
          spec.kind === 'list'
            ? text === ''
              ? []
              : text.split(/[\s,]+/).map(Number)
            : text !== '' && Number.isFinite(Number(text))
              ? Number(text)
              : text;
        editing.commit(field, path, v);
      });
    }
    input = field;
  }
  input.id = id;
  input.setAttribute('aria-label', fieldName(names));
  input.dataset.path = path.join('.');
  wrap.append(caption, input);
  return wrap;
}

/** A select of names, labelled `name`, committing the chosen one through `change`. */
function nameSelect(
  names: readonly string[],
  value: string,
  path: readonly string[],
  label: string,
): HTMLSelectElement {
  const select = document.createElement('select');
  for (const n of names) select.add(new Option(n, n));
  select.value = value;
  select.id = `edit-${path.join('-')}`;
  select.setAttribute('aria-label', label);
  select.dataset.path = path.join('.');
  return select;
}

/**
 * The instrument of a part: a choice of every instrument (Tone.js's and ours), and every option of
 * the chosen one. Choosing another instrument starts it from its defaults.
 */
export function voiceControl(spec: InstrumentSpec, path: readonly string[], editing: SoundEditing): HTMLElement {
  const set = fieldset(fieldName(path));
  const field = document.createElement('div');
  field.className = 'field';
  const label = document.createElement('label');
  label.textContent = t('Instrument');
  const select = nameSelect(
    INSTRUMENT_NAMES,
    spec.instrument,
    [...path, 'instrument'],
    fieldName([...path, 'instrument']),
  );
  label.htmlFor = select.id;
  select.addEventListener('change', () => editing.commit(select, path, { instrument: select.value }));
  field.append(label, select);
  const group = INSTRUMENTS[spec.instrument] as OptionGroup;
  const values = mergeOptions(defaultsOf(group), spec.options ?? {});
  const options = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = t('{name} options', { name: spec.instrument });
  options.append(summary);
  for (const c of optionControls(group, values, [...path, 'options'], path, editing)) options.append(c);
  set.append(field, options);
  return set;
}

/**
 * A chain of effects, in signal order: each with its choice of effect, every option of it, and
 * buttons to move it up or remove it; a choice and a button to add one at the end.
 */
export function effectsControl(
  effects: readonly EffectSpec[],
  path: readonly string[],
  editing: SoundEditing,
): HTMLElement {
  const set = fieldset(fieldName(path));
  const json = () => effects.map((e) => structuredClone(e)) as unknown as Json;
  effects.forEach((effect, i) => {
    const item = fieldset(t('Effect {n}: {name}', { n: i + 1, name: effect.effect }));
    const names = [path[0], t('effect {n}', { n: i + 1 })];
    const select = nameSelect(
      EFFECT_NAMES,
      effect.effect,
      [...path, String(i), 'effect'],
      fieldName([...names, 'effect']),
    );
    select.addEventListener('change', () => {
      const list = json() as Json[];
      list[i] = { effect: select.value };
      editing.commit(select, path, list);
    });
    const up = document.createElement('button');
    up.type = 'button';
    up.textContent = t('Move up');
    up.setAttribute('aria-label', t('Move up: {name}', { name: inName(fieldName(names)) }));
    up.disabled = i === 0;
    up.addEventListener('click', () => {
      const list = json() as Json[];
      [list[i - 1], list[i]] = [list[i], list[i - 1]];
      editing.commit(up, path, list);
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('Remove');
    remove.setAttribute('aria-label', t('Remove: {name}', { name: inName(fieldName(names)) }));
    remove.addEventListener('click', () => {
      const list = json() as Json[];
      list.splice(i, 1);
      editing.commit(remove, path, list);
    });
    const group = EFFECTS[effect.effect] as OptionGroup;
    const values = mergeOptions(defaultsOf(group), effect.options ?? {});
    item.append(select, up, remove);
    for (const c of optionControls(group, values, [...path, String(i), 'options'], names, editing)) item.append(c);
    set.append(item);
  });
  const add = document.createElement('div');
  add.className = 'field';
  const choice = nameSelect(
    EFFECT_NAMES,
    'LightReverb',
    [...path, 'add'],
    t('{field}: effect to add', { field: fieldName(path) }),
  );
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('Add effect');
  button.setAttribute('aria-label', t('Add effect to {field}', { field: inName(fieldName(path)) }));
  button.disabled = effects.length >= MAX_EFFECTS;
  button.addEventListener('click', () =>
    editing.commit(button, path, [...(json() as Json[]), { effect: choice.value }]),
  );
  add.append(choice, button);
  set.append(add);
  return set;
}

/** Words the sound controls show, for the German dictionary's coverage. */
export const SOUND_EDITOR_WORDS = [N_('Instrument')];
