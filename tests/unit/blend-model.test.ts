import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MuseModel, mergeChains, serializeModel, trainModel, type VariableChain } from '../../src/model';
import { chainToJson } from '../../src/model/chainJson';
import {
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
const own = preset && builtinCorpus(preset.corpus);
const jigs = builtinCorpus('folk-jigs');
const waltzes = builtinCorpus('waltzes');
if (!preset || !own || !jigs || !waltzes) throw new Error('folk-dance, its corpus, folk-jigs or waltzes missing');

/** A chain's top-order counts by their tokens (ids differ between chains): what the chain is. */
function countsOf(chain: VariableChain): Map<string, number> {
  const json = chainToJson(chain);
  const out = new Map<string, number>();
  const width = json.order + 2;
  for (let i = 0; i < json.counts.length; i += width) {
    const key = json.counts
      .slice(i, i + json.order + 1)
      .map((id) => json.symbols[id])
      .join(' ');
    out.set(key, (out.get(key) ?? 0) + json.counts[i + json.order + 1]);
  }
  return out;
}

// "A trained model" in these tests: the jigs trained as `muse train` would (the pieces then forgotten).
const trainedJigs: MuseModel = trainModel(jigs.pieces, { order: preset.model.order });
const mine = { model: trainedJigs, name: 'My jigs' };

describe('Blend with a trained model', () => {
  it("adds the chains' counts: exactly the chain trained on both corpora (a planted fault differs)", () => {
    const a = trainModel(own.pieces.slice(0, 6), { order: 3, fitWeights: false });
    const b = trainModel(jigs.pieces.slice(0, 9), { order: 3, fitWeights: false });
    const both = trainModel([...own.pieces.slice(0, 6), ...jigs.pieces.slice(0, 9), ...jigs.pieces.slice(0, 9)], {
      order: 3,
      fitWeights: false,
    });
    for (const part of ['harmony', 'rhythm'] as const)
      expect(countsOf(mergeChains(a[part], b[part], { a: 1, b: 2 }))).toEqual(countsOf(both[part]));
    expect(countsOf(mergeChains(a.pitch.experts.tonal, b.pitch.experts.tonal, { a: 1, b: 2 }))).toEqual(
      countsOf(both.pitch.experts.tonal),
    );
    // Negative control: other copies are another chain.
    expect(countsOf(mergeChains(a.harmony, b.harmony, { a: 1, b: 1 }))).not.toEqual(countsOf(both.harmony));
    // A higher-order side is cut to the lower order: the same as training it at that order.
    const b4 = trainModel(jigs.pieces.slice(0, 9), { order: 4, fitWeights: false });
    expect(countsOf(mergeChains(a.rhythm, b4.rhythm, { a: 1, b: 2 }))).toEqual(countsOf(both.rhythm));
  });

  it('blends the preset with a trained model as it blends two built-in corpora: the same chains', () => {
    const recipe = {
      preset: 'folk-dance',
      seed: 4,
      blend: { corpus: mine.name, weight: 0.4, model: mine.model.provenance.contentHash },
    };
    const g = generate(recipe, { blendModel: mine });
    if (!g.ok) throw new Error(g.error.message);
    const builtIn = blendFor(own, jigs, 0.4, preset);
    for (const part of ['harmony', 'rhythm'] as const)
      expect(countsOf(g.value.model[part])).toEqual(countsOf(builtIn[part]));
    // The guard covers both corpora; the piece copies no more than the limit from either.
    const ids = new Set(g.value.model.guards.melody.pieces.map((p) => p.id));
    expect([...own.pieces, ...jigs.pieces].every((p) => ids.has(p.id))).toBe(true);
    expect(g.value.originality.melody.longestCopy.length).toBeLessThanOrEqual(g.value.model.options.melodyMaxRun);
    // The provenance names the trained model by name and content hash.
    const provenance = JSON.parse(pieceJson(g.value)).provenance;
    expect(provenance.model.corpus).toBe(`${own.name} + My jigs (40 %)`);
    expect(provenance.model.blend).toEqual({
      weight: 0.4,
      sides: [
        {
          kind: 'corpus',
          name: own.name,
          hash: modelFor(own, preset).provenance.contentHash,
          pieces: own.pieces.length,
        },
        { kind: 'model', name: 'My jigs', hash: trainedJigs.provenance.contentHash, pieces: jigs.pieces.length },
      ],
    });
    expect(provenance.recipe.blend).toEqual(recipe.blend);
    // Each phrase says which side it leans on.
    expect((g.value.leans ?? []).every((l) => [own.name, 'My jigs'].includes(l.corpus))).toBe(true);
    const plain = generate({ preset: 'folk-dance', seed: 4 });
    expect(plain.ok && plain.value.piece).not.toEqual(g.value.piece);
  });

  it('works on either side: a trained model blended with a built-in corpus, and two trained models', () => {
    const trainedWaltzes = { model: trainModel(waltzes.pieces, { order: 4, melodyMaxRun: 5 }), name: 'My waltzes' };
    const first = generate(
      { preset: 'folk-dance', seed: 2, blend: { corpus: 'folk-jigs', weight: 0.5 } },
      { model: trainedWaltzes },
    );
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.modelName).toBe('My waltzes + folk-jigs (50 %)');
    // The lower limit of the two sides: the trained model's 5 holds for its corpus.
    expect(first.value.model.options.melodyMaxRun).toBe(5);
    const both = generate(
      {
        preset: 'folk-dance',
        seed: 2,
        blend: { corpus: mine.name, weight: 0.5, model: trainedJigs.provenance.contentHash },
      },
      { model: trainedWaltzes, blendModel: mine },
    );
    if (!both.ok) throw new Error(both.error.message);
    expect(both.value.provenance.model.blend?.sides.map((s) => s.kind)).toEqual(['model', 'model']);
    const ids = new Set(both.value.model.guards.melody.pieces.map((p) => p.id));
    expect([...waltzes.pieces, ...jigs.pieces].every((p) => ids.has(p.id))).toBe(true);
    expect(both.value.originality.melody.longestCopy.length).toBeLessThanOrEqual(5);
  });

  it('a share link names the model but cannot carry it: without it, a clear error; with it, the same piece', () => {
    const recipe = {
      preset: 'folk-dance',
      seed: 7,
      blend: { corpus: 'My jigs & reels', weight: 0.3, model: trainedJigs.provenance.contentHash },
    };
    const made = generate(recipe, { blendModel: mine });
    if (!made.ok) throw new Error(made.error.message);
    const fragment = shareFragment(made.value.recipe);
    expect(fragment).toContain(`b=model%3A${trainedJigs.provenance.contentHash.slice(8)}.30`);
    const link = parseShareFragment(fragment);
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value.recipe.blend).toEqual(recipe.blend);
    const without = generate(link.value.recipe);
    expect(without.ok).toBe(false);
    if (!without.ok)
      expect(without.error).toMatchObject({
        code: 'model-not-available',
        field: 'blend',
        message: expect.stringMatching(/My jigs & reels.*fnv1a64:[0-9a-f]{16}.*not here/),
      });
    // Another model (another hash) is not taken for it.
    const other = generate(link.value.recipe, { blendModel: { model: modelFor(waltzes, preset), name: 'x' } });
    expect(other.ok).toBe(false);
    const again = generate(link.value.recipe, { blendModel: mine });
    expect(again.ok && again.value.piece).toEqual(made.value.piece);
    for (const [bad, field] of [
      ['b=model:0123.30&bn=x', 'b'],
      ['b=model:0123456789abcdef.30', 'bn'],
      [`b=model:0123456789abcdef.30&bn=${'x'.repeat(101)}`, 'bn'],
      ['b=folk-jigs.30&bn=x', 'bn'],
    ]) {
      const r = parseShareFragment(`v=1&preset=folk-dance&seed=1&${bad}`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.field).toBe(field);
    }
  });

  it('muse generate --blend MODEL.json:W and --model M.json --blend CORPUS:W, with the checks of any model file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blend-model-'));
    const file = join(dir, 'jigs.json');
    writeFileSync(file, JSON.stringify(serializeModel(trainedJigs)));
    const out = join(dir, 'a.json');
    const r = await muse(
      'generate',
      '--preset',
      'folk-dance',
      '--seed',
      '4',
      '--blend',
      `${file}:0.4`,
      '--out',
      out,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.provenance.model.corpus).toBe(`${own.name} + jigs.json (40 %)`);
    expect(written.provenance.model.blend.sides[1]).toMatchObject({
      kind: 'model',
      hash: trainedJigs.provenance.contentHash,
    });
    expect(JSON.parse(r.out).leans.length).toBeGreaterThan(0);
    // The page's recipe with the same model gives the same piece.
    const page = generate(
      {
        preset: 'folk-dance',
        seed: 4,
        blend: { corpus: 'jigs.json', weight: 0.4, model: trainedJigs.provenance.contentHash },
      },
      { blendModel: { model: trainedJigs, name: 'jigs.json' } },
    );
    expect(page.ok && JSON.parse(pieceJson(page.value)).piece).toEqual(written.piece);
    const second = await muse(
      'generate',
      '--model',
      file,
      '--seed',
      '1',
      '--blend',
      'reels:0.5',
      '--out',
      join(dir, 'b.mid'),
      '--json',
    );
    expect(second.code, second.err).toBe(0);
    expect(JSON.parse(second.out).recipe.blend).toEqual({ corpus: 'reels', weight: 0.5 });
    // A model file edited after training (its checksum no longer matches) is refused, as with --model.
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.provenance.contentHash = 'fnv1a64:0000000000000000';
    const bad = join(dir, 'edited.json');
    writeFileSync(bad, JSON.stringify(edited));
    const refused = await muse(
      'generate',
      '--preset',
      'folk-dance',
      '--seed',
      '1',
      '--blend',
      `${bad}:0.5`,
      '--out',
      join(dir, 'c.mid'),
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/checksum/);
    const missing = await muse(
      'generate',
      '--preset',
      'folk-dance',
      '--seed',
      '1',
      '--blend',
      `${join(dir, 'none.json')}:0.5`,
      '--out',
      join(dir, 'd.mid'),
    );
    expect(missing.code).toBe(2);
  });
});
