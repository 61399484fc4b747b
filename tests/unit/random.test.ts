import { describe, expect, it } from 'vitest';
import { createRng, pickWeighted } from '../../src/core';

const draw = (seed: number, n = 20) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same numbers for the same seed and different ones for another seed', () => {
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const values = draw(123, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]++;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });

  it('forks independent streams that do not depend on draws from the parent', () => {
    const a = createRng(5);
    const b = createRng(5);
    b.next();
    b.next();
    expect(a.fork('drums').next()).toBe(b.fork('drums').next());
    expect(a.fork('drums').next()).not.toBe(a.fork('melody').next());
  });

  it('keeps int() inside [0, n)', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('pickWeighted', () => {
  it('picks in proportion to the weights and never a zero weight', () => {
    const rng = createRng(99);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[pickWeighted([1, 0, 3], rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
  });

  it('returns -1 when nothing can be picked', () => {
    expect(pickWeighted([0, 0], createRng(1))).toBe(-1);
    expect(pickWeighted([], createRng(1))).toBe(-1);
  });
});
