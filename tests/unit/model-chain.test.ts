import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core';
import { START } from '../../src/model/chain';
import { countsAfter, distribution, log2Probability, probabilityOf, sample } from '../../src/model/chainQuery';
import { trainChainOnContexts, trainVariableChain } from '../../src/model/chainTraining';
import { estimateDiscounts } from '../../src/model/kneserNey';

const toy = [
  ['a', 'b', 'c', 'a', 'b', 'd'],
  ['a', 'b', 'c'],
];
const sum = (p: Float64Array) => p.reduce((a, b) => a + b, 0);

describe('trainVariableChain', () => {
  const chain = trainVariableChain(toy, { order: 2 });

  it('counts every token after its contexts of 0 to `order` tokens, from the phrase start', () => {
    expect(countsAfter(chain, [])).toEqual(
      new Map([
        ['a', 3],
        ['b', 3],
        ['c', 2],
        ['d', 1],
      ]),
    );
    expect(countsAfter(chain, ['a'])).toEqual(new Map([['b', 3]]));
    expect(countsAfter(chain, ['b'])).toEqual(
      new Map([
        ['c', 2],
        ['d', 1],
      ]),
    );
    expect(countsAfter(chain, ['a', 'b'])).toEqual(
      new Map([
        ['c', 2],
        ['d', 1],
      ]),
    );
    expect(countsAfter(chain, [START, START])).toEqual(new Map([['a', 2]]));
    expect(countsAfter(chain, [START, 'a'])).toEqual(new Map([['b', 2]]));
    expect(countsAfter(chain, ['x'])).toEqual(new Map());
  });

  it('trains from contexts a model builds the same as from sequences', () => {
    const events = toy.flatMap((seq) =>
      seq.map((token, i) => ({ context: [START, START, ...seq.slice(0, i)].slice(-2), token })),
    );
    const other = trainChainOnContexts(events, { order: 2 });
    for (const ctx of [[], ['a'], ['a', 'b'], ['c', 'a'], ['x', 'y']])
      expect(distribution(other, ctx).probabilities).toEqual(distribution(chain, ctx).probabilities);
  });
});

describe('distribution (interpolated Kneser–Ney)', () => {
  const chain = trainVariableChain(toy, { order: 2 });

  it('sums to 1 with every token positive, for seen and unseen contexts, at every order', () => {
    for (const ctx of [[], ['a'], ['a', 'b'], ['b', 'c'], ['d'], ['x'], ['x', 'y'], ['d', 'a']]) {
      for (const order of [0, 1, 2]) {
        const { tokens, probabilities } = distribution(chain, ctx, { order });
        expect(tokens).toEqual(['a', 'b', 'c', 'd']);
        expect(sum(probabilities)).toBeCloseTo(1, 12);
        for (const p of probabilities) expect(p).toBeGreaterThan(0);
      }
    }
  });

  it('backs off: an unseen context predicts like its seen suffix', () => {
    const unseen = distribution(chain, ['x', 'b']);
    const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));
    expect(unseen.tokens[argmax(unseen.probabilities)]).toBe('c');
    expect(probabilityOf(chain, ['x', 'b'], 'c')).toBeGreaterThan(probabilityOf(chain, ['x', 'b'], 'a'));
    const nothing = distribution(chain, ['x', 'y']);
    expect(sum(nothing.probabilities)).toBeCloseTo(1, 12);
  });

  it('matches a computation by hand on a toy corpus (log₂ P in bits)', () => {
    // Corpus [a b a c], [a b] at order 1; ^ is the phrase start.
    // Raw order-1 counts: ^→a 2, a→b 2, a→c 1, b→a 1 (n1 = 2, n2 = 2: one discount Y = 2/6 = 1/3).
    // Continuation counts at order 0: a follows {^, b} = 2, b follows {a} = 1, c follows {a} = 1
    // (n1 = 2, n2 = 1: D = 2/4 = 1/2; γ = 3 · 1/2 / 4 = 3/8), so P₀(a) = 1.5/4 + 3/8 · 1/3 = 1/2,
    // P₀(b) = P₀(c) = 0.5/4 + 1/8 = 1/4.
    const c = trainVariableChain(
      [
        ['a', 'b', 'a', 'c'],
        ['a', 'b'],
      ],
      { order: 1 },
    );
    expect(c.discounts.raw[1].d1).toBeCloseTo(1 / 3, 12);
    expect(c.discounts.continuation[0].d1).toBeCloseTo(1 / 2, 12);
    const d = 1 / 3;
    const pAStart = (2 - d) / 2 + (d / 2) * 0.5; // γ(^) = D · N(^) / c(^) = (1/3) / 2
    const pBAfterA = (2 - d) / 3 + ((2 * d) / 3) * 0.25; // γ(a) = 2 · (1/3) / 3
    const pAAfterB = (1 - d) / 1 + d * 0.5; // γ(b) = 1/3
    expect(probabilityOf(c, [], 'a')).toBeCloseTo(pAStart, 12);
    expect(log2Probability(c, ['a', 'b', 'a'])).toBeCloseTo(
      Math.log2(pAStart) + Math.log2(pBAfterA) + Math.log2(pAAfterB),
      12,
    );
    expect(log2Probability(c, ['c', 'c', 'c', 'c'])).toBeGreaterThan(Number.NEGATIVE_INFINITY);
    expect(log2Probability(c, ['z'])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('truncates to an order: order 0 is the interpolated token frequencies', () => {
    const d0 = distribution(chain, ['a', 'b'], { order: 0 });
    const dEmpty = distribution(chain, [], { order: 0 });
    expect(d0.probabilities).toEqual(dEmpty.probabilities);
    expect(probabilityOf(chain, ['a', 'b'], 'c', { order: 2 })).toBeGreaterThan(
      probabilityOf(chain, ['a', 'b'], 'c', { order: 0 }),
    );
  });

  it('keeps declared vocabulary tokens positive although never seen', () => {
    const c = trainVariableChain(toy, { order: 2, vocabulary: ['e'] });
    expect(probabilityOf(c, ['a', 'b'], 'e')).toBeGreaterThan(0);
    expect(log2Probability(c, ['e', 'e'])).toBeGreaterThan(Number.NEGATIVE_INFINITY);
  });

  it('estimates monotone discounts from count-of-counts', () => {
    const d = estimateDiscounts([0, 100, 40, 20, 10]);
    expect(d.d1).toBeGreaterThan(0);
    expect(d.d1).toBeLessThanOrEqual(d.d2);
    expect(d.d2).toBeLessThanOrEqual(d.d3);
    expect(d.d3).toBeLessThan(3);
  });
});

describe('sample', () => {
  const chain = trainVariableChain(toy, { order: 2 });
  const draw = (seed: number, temperature = 1, n = 50) => {
    const rng = createRng(seed);
    return Array.from({ length: n }, () => sample(chain, ['a', 'b'], rng, { temperature }));
  };

  it('follows the seed', () => {
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('draws in proportion to the distribution at temperature 1', () => {
    const p = probabilityOf(chain, ['a', 'b'], 'c');
    const n = 20_000;
    const share = draw(11, 1, n).filter((t) => t === 'c').length / n;
    expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('sharpens below temperature 1 and flattens above it', () => {
    const share = (t: number) => draw(5, t, 4000).filter((x) => x === 'c').length / 4000;
    expect(share(0.2)).toBeGreaterThan(share(1) + 0.1);
    expect(share(5)).toBeLessThan(share(1) - 0.1);
  });

  it('honours weights, and returns undefined when they rule out everything', () => {
    const rng = createRng(1);
    for (let i = 0; i < 100; i++) expect(sample(chain, [], rng, { weight: (t) => (t === 'd' ? 1 : 0) })).toBe('d');
    expect(sample(chain, [], rng, { weight: () => 0 })).toBeUndefined();
  });
});
