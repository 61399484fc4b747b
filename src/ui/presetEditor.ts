import type { z } from 'zod';
import type { EffectSpec, InstrumentSpec } from '../engine/catalogue';
import { type Preset, parsePreset, presetSchema } from '../presets';
import { N_, t } from './i18n';
import { modeName } from './i18n/terms';
import { fieldLabel, fieldName, inName } from './presetFieldLabels';
import { effectsControl, type SoundEditing, voiceControl } from './soundEditor';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type AnySchema = z.ZodType & { _zod: { def: { type: string; [k: string]: unknown } } };

/** Defaults for the optional groups a user switches on. */
const OPTIONAL_DEFAULTS: Record<string, Json> = {
  drums: { name: 'Drums', program: 0, velocity: 80, style: 'rock', fills: true, volume: -14 },
  voice: { instrument: 'DrumKit' },
  pan: 0,
  groove: { swing: 0, swingUnit: 'eighth', timing: 0 },
  sectionBars: 8,
  maxRun: 6,
};

function setAt(target: { [key: string]: Json }, path: readonly string[], value: Json | undefined): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as { [key: string]: Json };
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

const typeOf = (s: AnySchema): string => s._zod.def.type;

/** Fields the editor leaves to the page: the name is chosen when the preset is saved. */
const NOT_EDITED = new Set(['name']);

/**
 * The preset editor: one control per field of the preset schema — numbers with their ranges,
 * choices for enums, switches for booleans and optional groups — built from the schema itself, so
 * a new field appears without UI code. Each change is checked by `parsePreset`; a valid preset goes
 * to `onChange`, an invalid field is marked and named.
 */
export function renderPresetEditor(
  root: HTMLElement,
  preset: Preset,
  onChange: (preset: Preset) => void,
  say: (text: string, isError?: boolean) => void,
  corpora: readonly string[],
  libraries: readonly string[] = ['salamander-grand-piano'],
): void {
  const working = JSON.parse(JSON.stringify(preset)) as { [key: string]: Json };
  const commit = (input: HTMLElement, path: readonly string[], value: Json | undefined) => {
    setAt(working, path, value);
    const parsed = parsePreset(working);
    for (const el of root.querySelectorAll('[aria-invalid="true"]')) el.setAttribute('aria-invalid', 'false');
    if (!parsed.ok) {
      const bad = root.querySelector(`[data-path="${parsed.error.field}"]`) ?? input;
      bad.setAttribute('aria-invalid', 'true');
      say(parsed.error.message, true);
      return;
    }
    onChange(parsed.value);
    // Another instrument or another chain of effects has other options: show them.
    const last = path[path.length - 1];
    if (last === 'voice' || last === 'effects') {
      const focus = (input as HTMLElement).getAttribute('aria-label');
      renderPresetEditor(root, parsed.value, onChange, say, corpora, libraries);
      if (focus) (root.querySelector(`[aria-label="${CSS.escape(focus)}"]`) as HTMLElement | null)?.focus();
    }
  };
  const editing: SoundEditing = { commit, libraries };

  const control = (schema: AnySchema, value: Json | undefined, path: string[], label: string): HTMLElement => {
    const id = `edit-${path.join('-')}`;
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const caption = document.createElement('label');
    caption.htmlFor = id;
    caption.textContent = label;
    let type = typeOf(schema);
    const key = path[path.length - 1];
    if (key === 'voice' && value) return voiceControl(value as unknown as InstrumentSpec, path, editing);
    if (key === 'effects') return effectsControl((value ?? []) as unknown as EffectSpec[], path, editing);
    if (type === 'optional') {
      const inner = (schema as unknown as z.ZodOptional<z.ZodType>).unwrap() as AnySchema;
      const box = document.createElement('div');
      box.className = 'optional';
      const toggle = document.createElement('input');
      toggle.type = 'checkbox';
      toggle.id = `${id}-on`;
      toggle.checked = value !== undefined;
      const toggleLabel = document.createElement('label');
      toggleLabel.htmlFor = toggle.id;
      // Nested options (each part's pan) are named with their part, so each name is unique.
      toggleLabel.textContent = t('Use {name}', { name: inName(path.length > 1 ? fieldName(path) : label) });
      const body = document.createElement('div');
      const fill = (v: Json | undefined) =>
        body.replaceChildren(...(v === undefined ? [] : [control(inner, v, path, label)]));
      fill(value);
      toggle.addEventListener('change', () => {
        const v = toggle.checked ? (OPTIONAL_DEFAULTS[path[path.length - 1]] ?? null) : undefined;
        fill(v === null ? undefined : v);
        commit(toggle, path, v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Json));
      });
      box.append(toggle, toggleLabel, body);
      return box;
    }
    if (type === 'object') {
      const set = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = label;
      set.append(legend);
      const shape = (schema as unknown as z.ZodObject).shape as Record<string, AnySchema>;
      for (const [key, inner] of Object.entries(shape)) {
        set.append(control(inner, (value as { [key: string]: Json })?.[key], [...path, key], fieldLabel(key)));
      }
      return set;
    }
    if (type === 'tuple') {
      const set = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = label;
      set.append(legend);
      const parts = value as number[];
      [N_('Beats per bar'), N_('Beat unit')].forEach((name, i) => {
        // The beat unit is one of a few values: a choice, not a number to type.
        const input = i === 1 ? document.createElement('select') : document.createElement('input');
        if (input instanceof HTMLSelectElement) for (const unit of [2, 4, 8]) input.add(new Option(String(unit)));
        else Object.assign(input, { type: 'number', min: '1', max: '16', step: '1' });
        input.id = `${id}-${i}`;
        input.value = String(parts[i]);
        input.setAttribute('aria-label', t('{field}: {part}', { field: fieldName(path), part: inName(t(name)) }));
        input.dataset.path = [...path, String(i)].join('.');
        input.addEventListener('change', () =>
          commit(input, [...path, String(i)], input.value === '' ? null : Number(input.value)),
        );
        set.append(input);
      });
      return set;
    }
    let input: HTMLInputElement | HTMLSelectElement;
    const options =
      type === 'enum'
        ? ((schema as unknown as z.ZodEnum).options as string[])
        : path[path.length - 1] === 'corpus'
          ? [...corpora]
          : null;
    if (options) {
      const select = document.createElement('select');
      for (const o of options) select.add(new Option(path[0] === 'mode' ? modeName(o) : o, o));
      select.value = String(value);
      select.addEventListener('change', () => commit(select, path, select.value));
      input = select;
      type = 'enum';
    } else {
      const field = document.createElement('input');
      if (type === 'boolean') {
        field.type = 'checkbox';
        field.checked = value === true;
        field.addEventListener('change', () => commit(field, path, field.checked));
      } else if (type === 'number') {
        const n = schema as unknown as z.ZodNumber;
        field.type = 'number';
        if (n.minValue !== null && Number.isFinite(n.minValue)) field.min = String(n.minValue);
        if (n.maxValue !== null && Number.isFinite(n.maxValue)) field.max = String(n.maxValue);
        field.step = n.isInt ? '1' : 'any';
        field.value = String(value ?? '');
        field.addEventListener('change', () => commit(field, path, field.value === '' ? null : Number(field.value)));
      } else {
        field.type = 'text';
        field.value = String(value ?? '');
        field.addEventListener('change', () => commit(field, path, field.value));
      }
      input = field;
    }
    input.id = id;
    input.setAttribute('aria-label', fieldName(path));
    input.dataset.path = path.join('.');
    wrap.append(caption, input);
    return wrap;
  };

  const shape = presetSchema.shape as unknown as Record<string, AnySchema>;
  root.replaceChildren(
    ...Object.entries(shape)
      .filter(([key]) => !NOT_EDITED.has(key))
      .map(([key, schema]) => control(schema, working[key], [key], fieldLabel(key))),
  );
}
