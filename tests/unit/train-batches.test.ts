import { describe, expect, it } from 'vitest';
import { nextBatch } from '../../src/ui/trainClient';

/** The batch sizes the page sends pieces in when each piece takes `cost(i)` ms to send (i: its index). */
function batches(pieces: number, cost: (i: number) => number): { size: number; ms: number }[] {
  const out: { size: number; ms: number }[] = [];
  let batch = 8;
  for (let i = 0; i < pieces; ) {
    const size = Math.min(batch, pieces - i);
    let ms = 0;
    for (let k = i; k < i + size; k++) ms += cost(k);
    out.push({ size, ms });
    i += size;
    batch = nextBatch(batch, ms);
  }
  return out;
}

describe('the batches the page sends training pieces in (trainClient.nextBatch)', () => {
  it('grows at most twofold after a fast batch, and never below one piece', () => {
    expect(nextBatch(8, 0)).toBe(16);
    expect(nextBatch(100, 0.01)).toBe(200);
    expect(nextBatch(8, 1000)).toBe(1);
  });

  it('settles at what fits the budget at a steady rate', () => {
    const sent = batches(2000, () => 0.05); // 0.05 ms a piece: 160 pieces in 8 ms
    expect(sent.at(-2)?.size).toBe(160);
    expect(Math.max(...sent.map((b) => b.ms))).toBeLessThanOrEqual(8 + 1e-9);
  });

  it('keeps a batch short when pieces get slower than the ones before (planted: growing fourfold fails)', () => {
    // Fast pieces first (0.01 ms), then pieces ten times slower: the first slow batch may overrun
    // the budget only by what the twofold cap lets through, not by the fourfold growth it had.
    const sent = batches(3000, (i) => (i < 300 ? 0.01 : 0.1));
    expect(Math.max(...sent.map((b) => b.ms))).toBeLessThanOrEqual(32);
    expect(sent.reduce((n, b) => n + b.size, 0)).toBe(3000);
  });
});
