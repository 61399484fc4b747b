import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/model';
import {
  blendCopies,
  blendFor,
  builtinCorpus,
  findPreset,
  generate,
  modelFor,
  parseShareFragment,
  pieceJson,
  shareFragment,
} from '../../src/presets';
import { muse } from '../helpers/cli';

const preset = findPreset('folk-dance');
// folk-dance's own corpus (the reels), blended with the jigs.
const own = preset && builtinCorpus(preset.corpus);
const jigs = builtinCorpus('folk-jigs');
if (!preset || !own || !jigs) throw new Error('folk-dance, its corpus or folk-jigs missing');

describe('Blend', () => {
  it('counts each corpus as its weight asks, whatever the sizes', () => {
    expect(blendCopies(30, 30, 0.5)).toEqual({ a: 1, b: 1 });
    expect(blendCopies(30, 10, 0.5)).toEqual({ a: 1, b: 3 });
    expect(blendCopies(30, 30, 0)).toEqual({ a: 1, b: 0 });
    expect(blendCopies(30, 30, 1)).toEqual({ a: 0, b: 1 });
    expect(blendCopies(20, 20, 0.25)).toEqual({ a: 3, b: 1 });
  });

  it("mixes the chains' probabilities by the weight: the more of B, the better B's music is predicted", () => {
    const bits = (w: number) => {
      const m = w === 0 ? modelFor(own, preset) : blendFor(own, jigs, w, preset);
      const e = evaluate(m, jigs.pieces.slice(0, 8), []);
      return e.bitsPerPitch + e.bitsPerDuration;
    };
    const [none, some, most] = [bits(0), bits(0.3), bits(0.8)];
    expect(some).toBeLessThan(none);
    expect(most).toBeLessThan(some);
    // Negative control: a blend of weight 0 is the preset's own corpus, exactly.
    const zero = evaluate(blendFor(own, jigs, 0, preset), jigs.pieces.slice(0, 8), []);
    expect(zero.bitsPerPitch + zero.bitsPerDuration).toBeCloseTo(none, 9);
  });

  it('is part of the recipe: the same piece from a share link, provenance and guard over both corpora, leans per phrase', () => {
    const recipe = { preset: 'folk-dance', seed: 4, blend: { corpus: 'folk-jigs', weight: 0.4 } };
    const a = generate(recipe);
    if (!a.ok) throw new Error(a.error.message);
    const plain = generate({ preset: 'folk-dance', seed: 4 });
    if (!plain.ok) throw new Error(plain.error.message);
    expect(a.value.piece).not.toEqual(plain.value.piece);
    const link = parseShareFragment(shareFragment(a.value.recipe));
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value.recipe.blend).toEqual({ corpus: 'folk-jigs', weight: 0.4 });
    const b = generate(link.value.recipe);
    expect(b.ok && b.value.piece).toEqual(a.value.piece);
    const provenance = JSON.parse(pieceJson(a.value)).provenance;
    expect(provenance.recipe.blend).toEqual({ corpus: 'folk-jigs', weight: 0.4 });
    expect(provenance.model.corpus).toBe(`${own.name} + folk-jigs (40 %)`);
    expect(provenance.model.pieces).toBe(own.pieces.length + jigs.pieces.length);
    // The originality guard indexes the pieces of both corpora.
    const ids = new Set(a.value.model.provenance.pieces.map((p) => p.id));
    expect(own.pieces.every((p) => ids.has(p.id)) && jigs.pieces.every((p) => ids.has(p.id))).toBe(true);
    expect(a.value.originality.melody.longestCopy.length).toBeLessThanOrEqual(a.value.model.options.melodyMaxRun);
    const leans = a.value.leans ?? [];
    expect(leans.length).toBe(8);
    expect(leans.every((l) => [own.name, 'folk-jigs'].includes(l.corpus) && l.share >= 0.5 && l.share <= 1)).toBe(true);
  });

  it('refuses an unknown corpus or a weight out of range, in a recipe, a link and the CLI, naming the field', async () => {
    const r = generate({ preset: 'folk-dance', seed: 1, blend: { corpus: 'nope', weight: 0.5 } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({ field: 'blend', message: expect.stringMatching(/not a built-in corpus/) });
    for (const [b, message] of [
      ['nope.30', /not a built-in corpus/],
      ['folk-jigs.300', /weight must be a number from 0 to 1/],
      ['folk-jigs', /CORPUS\.PERCENT/],
    ] as const) {
      const link = parseShareFragment(`v=1&preset=folk-dance&seed=1&b=${b}`);
      expect(link.ok).toBe(false);
      if (!link.ok) expect(link.error).toMatchObject({ field: 'b', message: expect.stringMatching(message) });
    }
    for (const [value, message] of [
      ['folk-jigs', /--blend must be CORPUS:WEIGHT/],
      ['folk-jigs:2', /--blend weight must be from 0 to 1/],
      ['nope:0.5', /--blend: blend corpus "nope" is not a built-in corpus/],
    ] as const) {
      const run = await muse(
        'generate',
        '--preset',
        'folk-dance',
        '--seed',
        '1',
        '--blend',
        value,
        '--out',
        '/tmp/never.mid',
      );
      expect(run.code).toBe(2);
      expect(run.err).toMatch(message);
    }
  });
});
