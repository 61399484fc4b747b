import { err, ok, type Result } from '../core';
import { isBuiltinCorpus } from './builtin';
import { migratePreset } from './migrate';
import { type Preset, presetSchema } from './schema';

/** Largest preset file or text accepted, in bytes. */
export const PRESET_MAX_BYTES = 64 * 1024;

/** A preset that was refused, with the field at fault and the reason. */
export interface PresetError {
  code: 'preset';
  field: string;
  message: string;
}

const fail = (field: string, message: string) => err<PresetError>({ code: 'preset', field, message });
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The first key anywhere in `value` that could reach an object's prototype, as a dotted path. */
function forbiddenKey(value: unknown, path: string[] = []): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) return [...path, key].join('.');
    const inner = forbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Checks untrusted data as a preset: the schema (types, ranges, no unknown keys), no
 * `__proto__`/`constructor` keys, each part's low below its high, a corpus that exists. Nothing is
 * merged into existing objects; the result is a fresh, validated copy. A preset of the format
 * before Tone.js names (`synth`, `reverb`) is migrated first; `notes` (when given) receives what changed.
 */
export function parsePreset(json: unknown, notes?: string[]): Result<Preset, PresetError> {
  const bad = forbiddenKey(json);
  if (bad) return fail(bad, `preset field ${bad}: this name is not allowed`);
  const migrated = migratePreset(json);
  notes?.push(...migrated.notes);
  const parsed = presetSchema.safeParse(migrated.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const unknown = issue.code === 'unrecognized_keys' ? `.${issue.keys[0]}` : '';
    const field = `${issue.path.join('.')}${unknown}`.replace(/^\./, '') || '(root)';
    return fail(field, `preset field ${field}: ${issue.message}`);
  }
  const preset = parsed.data;
  for (const part of ['melody', 'chords', 'bass'] as const) {
    if (preset[part].low >= preset[part].high)
      return fail(`${part}.low`, `preset field ${part}.low: must be below ${part}.high (${preset[part].high})`);
  }
  if (!isBuiltinCorpus(preset.corpus))
    return fail('corpus', `preset field corpus: there is no corpus called "${preset.corpus}"`);
  return ok(preset);
}

/** Parses the text of a preset file (JSON), refusing texts over {@link PRESET_MAX_BYTES}. */
export function parsePresetText(text: string, notes?: string[]): Result<Preset, PresetError> {
  if (text.length > PRESET_MAX_BYTES) return fail('(file)', `the preset is larger than ${PRESET_MAX_BYTES / 1024} KiB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('(file)', `the preset is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return parsePreset(json, notes);
}
