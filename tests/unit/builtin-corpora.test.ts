import { describe, expect, it, vi } from 'vitest';
import * as all from '../../src/presets';

/**
 * The built-in corpora load on demand (the page fetches one chunk per corpus). The setup file has
 * loaded them all in this module registry, so each test imports a fresh copy of src/presets where
 * none is loaded yet.
 */
async function freshPresets() {
  vi.resetModules();
  return import('../../src/presets');
}

describe('built-in corpora loaded on demand', () => {
  it('generate with a corpus not loaded yet returns a clear typed error and does not throw', async () => {
    const presets = await freshPresets();
    expect(presets.isBuiltinCorpusLoaded('ballads')).toBe(false);
    expect(presets.builtinCorpus('ballads')).toBeUndefined();
    const result = presets.generate({ preset: 'pop-ballad', seed: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'corpus-not-loaded', field: 'preset', corpus: 'ballads' });
    expect(result.error.message).toMatch(/ballads corpus .* is not loaded yet/);
  });

  it('loads one corpus and no other; then generate gives the same piece as with all loaded', async () => {
    const expected = all.generate({ preset: 'pop-ballad', seed: 7 });
    const presets = await freshPresets();
    const loaded = await presets.loadBuiltinCorpus('ballads');
    expect(loaded.ok && loaded.value.name).toBe('ballads');
    expect(presets.builtinCorpusNames().filter(presets.isBuiltinCorpusLoaded)).toEqual(['ballads']);
    const result = presets.generate({ preset: 'pop-ballad', seed: 7 });
    expect(result.ok && expected.ok).toBe(true);
    if (!result.ok || !expected.ok) return;
    expect(result.value.piece).toEqual(expected.value.piece);
    expect(presets.generate({ preset: 'folk-jig', seed: 7 }).ok).toBe(false);
  });

  it('loads each corpus once however many ask at the same time', async () => {
    const presets = await freshPresets();
    const [a, b] = await Promise.all([presets.loadBuiltinCorpus('waltzes'), presets.loadBuiltinCorpus('waltzes')]);
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
  });

  it('names an unknown corpus, and a preset file may name a corpus not loaded yet', async () => {
    const presets = await freshPresets();
    expect(await presets.loadBuiltinCorpus('nope')).toMatchObject({ ok: false, error: { code: 'unknown-corpus' } });
    const own = { ...presets.findPreset('folk-jig'), name: 'my-jig' };
    expect(presets.parsePreset(own).ok).toBe(true);
    expect(presets.parsePreset({ ...own, corpus: 'nope' })).toMatchObject({ ok: false, error: { field: 'corpus' } });
    const custom = { ...own, corpus: 'nope' } as all.Preset;
    const result = presets.generate({ preset: 'my-jig', seed: 1 }, { preset: custom });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-corpus', corpus: 'nope' } });
  });
});
