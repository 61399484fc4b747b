import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core';
import { createChainBuilder } from '../../src/model/chainBuilder';
import { chainDistribution } from '../../src/model/chainQuery';

/*
 * The pitch weights are fitted with each fold's experts as views of the whole chain less the fold's
 * counts (trieBuild.ts foldView), each view filling the arrays of the one before it. A view must
 * predict exactly what the chain counted without that fold predicts, whichever view came before.
 */
const FOLDS = 3;
const TOKENS = ['a', 'b', 'c', 'd', 'e'];

function builder() {
  const b = createChainBuilder({ order: 2, vocabulary: TOKENS, folds: FOLDS });
  const random = createRng(7);
  for (let line = 0; line < 30; line++) {
    const history: string[] = [];
    for (let i = 0; i < 20; i++) {
      const token = TOKENS[random.int(1 + (line % TOKENS.length))];
      b.addEvent(history.slice(-2), token, line % FOLDS);
      history.push(token);
    }
  }
  return b;
}

const contexts = [[], ['a'], ['b'], ['a', 'b'], ['c', 'a'], ['e', 'e'], ['d', 'c']];
const predictions = (chain: Parameters<typeof chainDistribution>[0]) =>
  contexts.map((c) => Array.from(chainDistribution(chain, c, 2)));

describe('fold views', () => {
  it('predict as the chain trained without the fold, each view reusing the one before', () => {
    const b = builder();
    const { without } = b.finishWithFolds();
    for (const f of [0, 1, 2, 0, 2]) {
      const view = without(f);
      expect(predictions(view)).toEqual(predictions(b.finishWithout(f)));
    }
  });

  it('forget what the view before memoised (its distributions are memoised per chain object)', () => {
    const b = builder();
    const { without } = b.finishWithFolds();
    const first = without(0);
    const before = predictions(first);
    const second = without(1);
    expect(second).toBe(first); // the same object, filled anew
    expect(predictions(second)).toEqual(predictions(b.finishWithout(1)));
    // Planted fault: fold 1's view does not predict what fold 0's did.
    expect(predictions(second)).not.toEqual(before);
  });
});

describe('released counts (finishing lets go of the pitch experts’ count tables before the fit)', () => {
  it('leave the finished chain and its fold views whole', () => {
    const kept = builder();
    const expected = [0, 1, 2].map((f) => predictions(kept.finishWithout(f)));
    const whole = predictions(kept.finish());
    const b = builder();
    const { chain, without } = b.finishWithFolds();
    b.release();
    expect(predictions(chain)).toEqual(whole);
    for (const f of [0, 1, 2]) expect(predictions(without(f))).toEqual(expected[f]);
    // Planted fault: the fold views differ from the whole chain (else this proves nothing).
    expect(expected[0]).not.toEqual(whole);
  });

  it('cannot be counted into, merged, sent or finished again', () => {
    const b = builder();
    b.finishWithFolds();
    b.release();
    expect(() => b.addEvent(['a'], 'b', 0)).toThrow(/release/);
    expect(() => b.counts.add([0, 0, 1], 0, 1, 0)).toThrow(/release/);
    expect(() => b.merge(builder())).toThrow(/release/);
    expect(() => b.data()).toThrow(/release/);
    expect(() => b.finish()).toThrow(/release/);
    expect(() => b.finishWithFolds()).toThrow(/release/);
    expect(b.counts.size).toBe(0);
    // A builder not released is still whole.
    const other = builder();
    other.finishWithFolds();
    expect(() => other.finish()).not.toThrow();
  });
});
