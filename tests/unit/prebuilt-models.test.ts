import { describe, expect, it } from 'vitest';
import { provenanceOf, serializeModel, trainModel } from '../../src/model';
import { builtinCorpus, generate, isPrebuiltModel } from '../../src/presets';
import { prebuildModels, prebuiltModel, presetSettingsOf } from '../../src/presets/prebuiltModels';

describe('models of the built-in corpora trained ahead of time (the page build)', () => {
  const corpus = builtinCorpus('reels');
  if (!corpus) throw new Error('reels not loaded');
  const hash = () => provenanceOf(corpus.pieces).contentHash;

  it('are the models training gives, for the settings of the presets on that corpus', () => {
    expect(presetSettingsOf('reels')).toEqual([{ order: 4, maxRun: 6 }]);
    const files = prebuildModels(corpus, 'reels');
    expect(files).toHaveLength(1);
    const model = prebuiltModel(files, corpus, 4, 6, hash);
    expect(model).toBeDefined();
    const trained = trainModel(corpus.pieces, { order: 4, melodyMaxRun: 6 });
    expect(JSON.stringify(model && serializeModel(model))).toBe(JSON.stringify(serializeModel(trained)));
  });

  it('are not used for other settings or another version of the corpus (then the model is trained)', () => {
    const files = prebuildModels(corpus, 'reels');
    expect(prebuiltModel(files, corpus, 3, 6, hash)).toBeUndefined();
    expect(prebuiltModel(files, corpus, 4, 5, hash)).toBeUndefined();
    expect(prebuiltModel(files, corpus, 4, 6, () => 'fnv1a64:0000000000000000')).toBeUndefined();
  });

  it('Node has none: generate trains, and says so', () => {
    const g = generate({ preset: 'folk-dance', seed: 1 });
    expect(g.ok && isPrebuiltModel(g.value.model)).toBe(false);
  });
});
