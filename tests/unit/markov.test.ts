import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core';
import { logProbability, predict, SEP, sampleNext, trainChain } from '../../src/model';

const corpus = [
  ['a', 'b', 'c', 'a', 'b', 'd'],
  ['a', 'b', 'c'],
];

describe('trainChain', () => {
  const chain = trainChain(corpus, 2);

  it('counts every n-gram up to the order', () => {
    expect(chain.tables[0].get('')).toEqual(
      new Map([
        ['a', 3],
        ['b', 3],
        ['c', 2],
        ['d', 1],
      ]),
    );
    expect(chain.tables[1].get('a')).toEqual(new Map([['b', 3]]));
    expect(chain.tables[1].get('b')).toEqual(
      new Map([
        ['c', 2],
        ['d', 1],
      ]),
    );
    expect(chain.tables[2].get(['a', 'b'].join(SEP))).toEqual(
      new Map([
        ['c', 2],
        ['d', 1],
      ]),
    );
    expect(chain.tables[2].get(['c', 'a'].join(SEP))).toEqual(new Map([['b', 1]]));
    const total = (k: number) =>
      [...chain.tables[k].values()].reduce((s, row) => s + [...row.values()].reduce((a, b) => a + b, 0), 0);
    expect(total(0)).toBe(9);
    expect(total(1)).toBe(7);
    expect(total(2)).toBe(5);
  });

  it('backs off to a shorter context when the long one was never seen', () => {
    expect(predict(chain, ['d', 'a']).order).toBe(1);
    expect(predict(chain, ['x', 'y']).order).toBe(0);
    expect(predict(chain, ['c', 'a']).order).toBe(2);
  });

  it('backs off when a weight rules out every continuation of the longer context', () => {
    const p = predict(chain, ['a', 'b'], (t) => (t === 'a' ? 1 : 0));
    expect(p.tokens).toEqual(['a']);
    expect(p.order).toBe(0);
  });
});

describe('sampleNext', () => {
  const chain = trainChain(corpus, 2);
  const run = (seed: number) => {
    const rng = createRng(seed);
    return Array.from({ length: 50 }, () => sampleNext(chain, ['a', 'b'], rng, { temperature: 1 }));
  };

  it('follows the seed', () => {
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('samples in proportion to the counts', () => {
    const rng = createRng(11);
    let c = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (sampleNext(chain, ['a', 'b'], rng, { temperature: 1 }) === 'c') c++;
    expect(c / n).toBeGreaterThan(0.64);
    expect(c / n).toBeLessThan(0.69);
  });

  it('sharpens with a low temperature', () => {
    const rng = createRng(11);
    let c = 0;
    for (let i = 0; i < 2000; i++) if (sampleNext(chain, ['a', 'b'], rng, { temperature: 0.2 }) === 'c') c++;
    expect(c / 2000).toBeGreaterThan(0.9);
  });

  it('returns undefined when no token is allowed', () => {
    expect(sampleNext(chain, ['a'], createRng(1), { temperature: 1, weight: () => 0 })).toBeUndefined();
  });
});

describe('logProbability', () => {
  it('is the sum of the back-off predictions', () => {
    const chain = trainChain(corpus, 1);
    // P(a) = 3/9, P(b|a) = 1, P(d|b) = 1/3
    expect(logProbability(chain, ['a', 'b', 'd'])).toBeCloseTo(Math.log(3 / 9) + Math.log(1) + Math.log(1 / 3), 10);
    expect(logProbability(chain, ['z'])).toBe(Number.NEGATIVE_INFINITY);
  });
});
