import { afterEach, describe, expect, it } from 'vitest';
import { presetSchema } from '../../src/presets';
import { setLanguage } from '../../src/ui/i18n';
import { FIELD_LABELS, fieldName, words } from '../../src/ui/presetFieldLabels';

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** Every path of the preset schema the editor shows (objects opened, optionals unwrapped). */
function paths(shape: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    let def = defOf(schema);
    if (def.type === 'optional') def = defOf(def.innerType);
    const path = [...prefix, key];
    return def.type === 'object' && def.shape ? [path, ...paths(def.shape, path)] : [path];
  });
}

describe('preset editor field labels', () => {
  afterEach(() => setLanguage('en'));
  const all = paths(presetSchema.shape as unknown as Record<string, unknown>).filter((p) => p[0] !== 'name');

  it('has a label for every key of the preset schema', () => {
    const keys = new Set(all.flat());
    const missing = [...keys].filter((k) => !Object.hasOwn(FIELD_LABELS, k));
    expect(missing).toEqual([]);
    expect(all.length).toBeGreaterThan(40);
  });

  it('keeps the English names the editor had (tests and users find fields by them)', () => {
    // The names as they were derived from the keys before the table existed.
    const derived = (path: string[]) => {
      const [first, ...rest] = path;
      return rest.length
        ? [words(first), ...rest.map((k) => words(k).toLowerCase())].join(' ')
        : `Preset ${words(first).toLowerCase()}`;
    };
    for (const path of all) expect(fieldName(path), path.join('.')).toBe(derived(path));
    expect(fieldName(['melody', 'high'])).toBe('Melody high');
    expect(fieldName(['tempo'])).toBe('Preset tempo');
  });

  it('names the fields in German, nouns capitalized, names still unique', () => {
    setLanguage('de');
    expect(fieldName(['melody', 'high'])).toBe('Melodie – Höchster Ton');
    expect(fieldName(['melody', 'synth', 'attack'])).toBe('Melodie – Synth – Anstiegszeit');
    expect(fieldName(['tempo'])).toBe('Tempo (Voreinstellung)');
    const names = all.map(fieldName);
    expect(new Set(names).size).toBe(names.length);
  });
});
