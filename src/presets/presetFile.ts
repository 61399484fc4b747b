import { describeIssue, err, inspectJson, ok, parseUntrustedJson, type Result, tooDeepMessage } from '../core';
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

/**
 * Checks untrusted data as a preset: the schema (types, ranges, no unknown keys), no
 * `__proto__`/`constructor` keys, each part's low below its high, a corpus that exists. Nothing is
 * merged into existing objects; the result is a fresh, validated copy. A preset of the format
 * before Tone.js names (`synth`, `reverb`) is migrated first; `notes` (when given) receives what changed.
 */
export function parsePreset(json: unknown, notes?: string[]): Result<Preset, PresetError> {
  // Checked without recursion before anything recursive (the schema, the migration) reads it.
  const shape = inspectJson(json);
  if (shape?.kind === 'too-deep') return fail(shape.path || '(root)', `the preset ${tooDeepMessage()}`);
  if (shape) {
    const field = shape.path ? `${shape.path}.${shape.key}` : shape.key;
    return fail(field, `preset field ${field}: this name is not allowed`);
  }
  const migrated = migratePreset(json);
  for (const note of migrated.notes) notes?.push(note);
  const parsed = presetSchema.safeParse(migrated.json);
  if (!parsed.success) {
    const { field, reason } = describeIssue(presetSchema, parsed.error.issues[0], json);
    return fail(field, `preset field ${field}: ${reason}`);
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
  const json = parseUntrustedJson(text);
  if (!json.ok) return fail('(file)', `the preset ${json.error.message}`);
  return parsePreset(json.value, notes);
}
