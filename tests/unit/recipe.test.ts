import { describe, expect, it } from 'vitest';
import { barTicks } from '../../src/core';
import { builtinPresets, checkRecipe, fillRecipe, generate, type Recipe } from '../../src/presets';

const piece = (recipe: Recipe) => {
  const r = generate(recipe);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('recipe overrides of key, mode, meter, form, novelty and originality limit', () => {
  it('fills every override from the preset when the recipe sets none', () => {
    const preset = builtinPresets()[0];
    const full = fillRecipe({ preset: preset.name, seed: 3 }, preset);
    expect(full).toMatchObject({
      key: preset.key,
      mode: preset.mode,
      meter: preset.meter,
      form: preset.form,
      temperature: preset.model.temperature,
      bars: preset.bars,
      tempo: preset.tempo,
    });
    // The filled-in recipe makes the same piece as the bare one.
    expect(piece(full).piece).toEqual(piece({ preset: preset.name, seed: 3 }).piece);
    expect(piece({ preset: preset.name, seed: 3 }).recipe).toEqual(full);
  });

  it('each override reaches the piece', () => {
    const base = { preset: 'pop-ballad', seed: 5, bars: 24 };
    const plain = piece(base).piece;
    const keyed = piece({ ...base, key: 'Eb' }).piece;
    expect(keyed.key).toBe('Eb');
    expect(plain.key).not.toBe('Eb');
    const moded = piece({ ...base, mode: 'dorian' }).piece;
    expect(moded.mode).toBe('dorian');
    const waltz = piece({ ...base, meter: [3, 4] }).piece;
    expect(waltz.meter).toEqual([3, 4]);
    const lastEnd = Math.max(...waltz.tracks.flatMap((t) => t.notes.map((n) => n.tick + n.duration)));
    expect(lastEnd).toBeLessThanOrEqual(24 * barTicks([3, 4]) + barTicks([3, 4]));
    const formed = piece({ ...base, form: 'A B C' }).piece;
    expect(formed.sections.map((s) => s.label)).toEqual(expect.arrayContaining(['A', 'B', 'C']));
    expect(plain.sections.map((s) => s.label)).not.toContain('C');
    const hot = piece({ ...base, temperature: 2.5 }).piece;
    expect(hot.tracks[0].notes).not.toEqual(plain.tracks[0].notes);
    const strict = piece({ ...base, maxRun: 3 });
    expect(strict.originality.melody.maxRun).toBe(3);
    expect(strict.originality.melody.longestCopy.length).toBeLessThanOrEqual(3);
    expect(strict.recipe.maxRun).toBe(3);
  });

  it.each([
    [{ key: 'H' }, 'key'],
    [{ key: 'c' }, 'key'],
    [{ mode: 'blues' }, 'mode'],
    [{ meter: [7, 3] }, 'meter'],
    [{ meter: [0, 4] }, 'meter'],
    [{ form: 'A<script>' }, 'form'],
    [{ form: '' }, 'form'],
    [{ temperature: 0 }, 'temperature'],
    [{ temperature: Number.NaN }, 'temperature'],
    [{ maxRun: 1 }, 'maxRun'],
    [{ maxRun: 2.5 }, 'maxRun'],
  ])('refuses %j, naming %s', (override, field) => {
    const r = checkRecipe({ preset: 'pop-ballad', seed: 1, ...(override as Partial<Recipe>) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(field);
    }
    expect(generate({ preset: 'pop-ballad', seed: 1, ...(override as Partial<Recipe>) }).ok).toBe(false);
  });

  it("keeps a trained model's own originality limit and refuses another", () => {
    const g = piece({ preset: 'folk-dance', seed: 2 });
    const model = { model: g.model, name: 'mine.json' };
    const same = generate({ preset: 'folk-dance', seed: 2 }, { model });
    expect(same.ok && same.value.recipe.maxRun).toBe(g.model.options.melodyMaxRun);
    const other = generate({ preset: 'folk-dance', seed: 2, maxRun: g.model.options.melodyMaxRun + 1 }, { model });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.field).toBe('maxRun');
  });
});
