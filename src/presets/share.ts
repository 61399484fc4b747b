import { base64ToBytes, bytesToBase64, err, ok, type Result } from '../core';
import { findPreset } from './builtin';
import { decodeEdits, encodeEdits } from './editCodec';
import { parsePreset } from './presetFile';
import { checkRecipe, meterText, parseMeter, type Recipe } from './recipe';
import type { Preset } from './schema';

/** Version of the share-link fragment format. */
export const SHARE_VERSION = 1;
const KEYS = new Set([
  'v',
  'preset',
  'seed',
  'bars',
  'tempo',
  'key',
  'mode',
  'meter',
  'form',
  'temperature',
  'maxRun',
  'p',
  'e',
  'b',
  'bn',
]);
const MAX_LENGTH = 16_000;

/** A share link the app cannot use, with the field at fault. */
export interface ShareError {
  code: 'share-link';
  field: string;
  message: string;
}

/** UTF-8 text as base64url, and back (links carry a user's preset this way). */
function toBase64Url(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(text: string): string {
  const bytes = base64ToBytes(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * The fragment of a share link for a recipe, e.g. "v=1&preset=pop-ballad&seed=5&bars=16&tempo=72&key=C&…"
 * (every override the recipe has: a generated piece's recipe has them all, so its link makes the same
 * piece even if the built-in preset changes later);
 * with a preset of the user's, the whole preset travels in `p`, so the link restores it exactly.
 */
export function shareFragment(recipe: Recipe, custom?: Preset): string {
  const params = new URLSearchParams({ v: String(SHARE_VERSION), preset: recipe.preset, seed: String(recipe.seed) });
  for (const field of ['bars', 'tempo', 'key', 'mode', 'form', 'temperature', 'maxRun'] as const) {
    const value = recipe[field];
    if (value !== undefined) params.set(field, String(value));
  }
  if (recipe.meter) params.set('meter', meterText(recipe.meter));
  if (custom) params.set('p', toBase64Url(JSON.stringify(custom)));
  // The user's edits of the piece, compactly (editCodec.ts): 50 edits take about a thousand characters.
  if (recipe.edits?.length) params.set('e', encodeEdits(recipe.edits));
  // A blend: the second corpus and its weight in per cent ("folk-jigs.30").
  // A trained model cannot travel in a link: the link names it by content hash ("model:0123….30")
  // and name (`bn`); who opens it needs the model (the page says so).
  if (recipe.blend?.model) {
    params.set('b', `model:${recipe.blend.model.slice('fnv1a64:'.length)}.${Math.round(recipe.blend.weight * 100)}`);
    params.set('bn', recipe.blend.corpus);
  } else if (recipe.blend) params.set('b', `${recipe.blend.corpus}.${Math.round(recipe.blend.weight * 100)}`);
  return params.toString();
}

/**
 * The recipe of a share-link fragment (with or without the leading "#"). Untrusted: too long, an
 * unknown or repeated key (such as `__proto__`), a wrong version, an unknown preset or a number out
 * of range is refused with the field named; nothing is merged into any object.
 */
export function parseShareFragment(fragment: string): Result<{ recipe: Recipe; preset?: Preset }, ShareError> {
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
  let custom: Preset | undefined;
  const packed = seen.get('p');
  if (packed !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(fromBase64Url(packed));
    } catch {
      return fail('p', "the link's preset is damaged");
    }
    const parsed = parsePreset(json);
    if (!parsed.ok) return fail(`p.${parsed.error.field}`, `the link's ${parsed.error.message}`);
    if (parsed.value.name !== preset) return fail('p.name', "the link's preset does not match its name");
    custom = parsed.value;
  } else if (!findPreset(preset)) return fail('preset', `the link names no known preset ("${preset.slice(0, 40)}")`);
  const int = (field: 'seed' | 'bars' | 'tempo' | 'maxRun'): number | undefined => {
    const raw = seen.get(field);
    return raw === undefined ? undefined : /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  };
  const seed = int('seed');
  if (seed === undefined) return fail('seed', 'the link has no seed');
  const recipe: Recipe = { preset, seed, bars: int('bars'), tempo: int('tempo') };
  const key = seen.get('key');
  if (key !== undefined) recipe.key = key;
  const mode = seen.get('mode');
  if (mode !== undefined) recipe.mode = mode as Recipe['mode'];
  const form = seen.get('form');
  if (form !== undefined) recipe.form = form;
  const meter = seen.get('meter');
  if (meter !== undefined) recipe.meter = parseMeter(meter) ?? ([Number.NaN, 4] as Recipe['meter']);
  const temperature = seen.get('temperature');
  if (temperature !== undefined)
    recipe.temperature = /^\d{1,2}(\.\d{1,6})?$/.test(temperature) ? Number(temperature) : Number.NaN;
  const maxRun = int('maxRun');
  if (maxRun !== undefined) recipe.maxRun = maxRun;
  const blend = seen.get('b');
  if (blend !== undefined) {
    const m = /^([a-z0-9-]{1,40})\.(\d{1,3})$/.exec(blend);
    const trained = /^model:([0-9a-f]{16})\.(\d{1,3})$/.exec(blend);
    if (trained) {
      const name = seen.get('bn');
      if (name === undefined) return fail('bn', "the link's blend names a trained model but not its name (bn)");
      recipe.blend = { corpus: name, weight: Number(trained[2]) / 100, model: `fnv1a64:${trained[1]}` };
    } else if (m && seen.has('bn'))
      return fail('bn', "the link names a blend's model (bn) but blends a built-in corpus");
    else if (m) recipe.blend = { corpus: m[1], weight: Number(m[2]) / 100 };
    else
      return fail(
        'b',
        `the link's blend "${blend.slice(0, 40)}" is not CORPUS.PERCENT (e.g. folk-jigs.30) or model:HASH.PERCENT`,
      );
  } else if (seen.has('bn')) return fail('bn', "the link names a blend's model (bn) but has no blend (b)");
  const edits = decodeEdits(seen.get('e') ?? '');
  if (!edits.ok) return fail(edits.error.field.replace('edits', 'e'), `the link's ${edits.error.message}`);
  if (edits.value.length > 0) recipe.edits = edits.value;
  const checked = checkRecipe(recipe);
  if (!checked.ok)
    return fail(
      checked.error.field === 'blend'
        ? checked.error.message.startsWith('blend model name')
          ? 'bn'
          : 'b'
        : checked.error.field,
      `the link's ${checked.error.message}`,
    );
  return ok(custom ? { recipe, preset: custom } : { recipe });
}
