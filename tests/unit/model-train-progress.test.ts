import { describe, expect, it } from 'vitest';
import { serializeModel, type TrainProgress, trainModel } from '../../src/model';
import { builtinCorpus } from '../../src/presets';

describe('trainModel progress', () => {
  const pieces = builtinCorpus('songbook')?.pieces ?? [];

  it('reports each finished step in order, ending at the total, and trains the same model', () => {
    const steps: TrainProgress[] = [];
    const model = trainModel(pieces, { order: 3 }, (p) => steps.push(p));
    expect(steps.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(steps.map((s) => s.total))).toEqual(new Set([10]));
    expect(steps.map((s) => s.stage)).toEqual([
      'melody lines',
      ...Array(5).fill('pitch weights'),
      'harmony',
      'rhythm',
      'pitch experts',
      'originality guard',
    ]);
    expect(serializeModel(model)).toEqual(serializeModel(trainModel(pieces, { order: 3 })));
  });

  it('still reaches the end when the weights are not fitted (too few pieces)', () => {
    const steps: number[] = [];
    trainModel(pieces.slice(0, 3), { order: 2 }, (p) => steps.push(p.done));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
