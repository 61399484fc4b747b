import { describe, expect, it } from 'vitest';
import { MAX_CHAIN_ORDER, MAX_RUN, MODEL_ORDER, parseModel, serializeModel, trainModel } from '../../src/model';
import { createChainBuilder } from '../../src/model/chainBuilder';
import { builtinCorpus, findPreset, parsePreset } from '../../src/presets';
import { TRAIN_LIMITS } from '../../src/ui/trainPanel';
import { muse } from '../helpers/cli';

/** Every place that takes a model order or an originality limit takes exactly the same range. */
describe('one source for the model limits', () => {
  const pieces = builtinCorpus('songbook')?.pieces.slice(0, 6) ?? [];
  const preset = findPreset('pop-ballad');
  if (!preset) throw new Error('no pop-ballad');
  const withModel = (model: Record<string, unknown>) =>
    parsePreset({ ...preset, model: { ...preset.model, ...model } });

  it('presets, training, model files, the panel and the chains agree on the order', () => {
    expect(TRAIN_LIMITS.order).toEqual(MODEL_ORDER);
    for (const order of [MODEL_ORDER.min, MODEL_ORDER.max]) expect(withModel({ order }).ok, String(order)).toBe(true);
    for (const order of [MODEL_ORDER.min - 1, MODEL_ORDER.max + 1]) {
      expect(withModel({ order }).ok, String(order)).toBe(false);
      expect(() => trainModel(pieces, { order, fitWeights: false })).toThrow(RangeError);
    }
    const top = serializeModel(trainModel(pieces, { order: MODEL_ORDER.max, fitWeights: false }));
    expect(parseModel(JSON.parse(JSON.stringify(top))).ok).toBe(true);
    const over = JSON.parse(JSON.stringify(top));
    over.options.order = MODEL_ORDER.max + 1;
    expect(parseModel(over).ok).toBe(false);
    expect(() => createChainBuilder({ order: MAX_CHAIN_ORDER })).not.toThrow();
    expect(() => createChainBuilder({ order: MAX_CHAIN_ORDER + 1 })).toThrow(RangeError);
  });

  it('and on the originality limit', () => {
    expect(TRAIN_LIMITS.maxRun).toEqual(MAX_RUN);
    expect(withModel({ maxRun: MAX_RUN.max }).ok).toBe(true);
    expect(withModel({ maxRun: MAX_RUN.max + 1 }).ok).toBe(false);
    expect(withModel({ maxRun: MAX_RUN.min - 1 }).ok).toBe(false);
  });

  it('muse train names the same range', async () => {
    const r = await muse('train', 'x.mid', '--out', 'm.json', '--order', String(MODEL_ORDER.max + 1));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--order must be from ${MODEL_ORDER.min} to ${MODEL_ORDER.max}`);
    const help = await muse('--help');
    expect(help.out).toContain(`order ${MODEL_ORDER.min}–${MODEL_ORDER.max}`);
    expect(help.out).toContain(`--max-run ${MAX_RUN.min}–${MAX_RUN.max}`);
  });
});
