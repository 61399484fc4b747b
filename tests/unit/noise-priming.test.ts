/**
 * Tone.js's noise buffers made from one seeded scope (seededNoise.ts): primed at once, a buffer
 * per task (the live engine, made at idle), or a render needing them halfway through the tasks —
 * each buffer gets the same draws, so renders stay the same however the page made its engine.
 * Tone's Noise is replaced by one that records, per type, the draws its first start makes (as the
 * real one makes its buffer on first use); Node has no Web Audio to make real buffers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const drawn = vi.hoisted(() => ({ byType: new Map<string, number[]>(), order: [] as string[] }));

vi.mock('tone/build/esm/core/context/OfflineContext', () => ({
  OfflineContext: class {
    dispose() {
      return Promise.resolve();
    }
  },
}));
vi.mock('tone/build/esm/source/Noise', () => ({
  Noise: class {
    constructor(private readonly options: { type: string }) {}
    start() {
      const { type } = this.options;
      if (!drawn.byType.has(type)) {
        drawn.byType.set(
          type,
          Array.from({ length: 8 }, () => Math.random()),
        );
        drawn.order.push(type);
      }
      return this;
    }
    dispose() {}
  },
}));

/** A fresh copy of the module (its once-per-page state anew) and an empty record. */
async function fresh() {
  vi.resetModules();
  drawn.byType.clear();
  drawn.order.length = 0;
  return import('../../src/engine/instruments/seededNoise');
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('noise priming', () => {
  /** What the buffers draw: one seeded scope, white then pink then brown, each going on from the last. */
  let atOnce: Map<string, number[]>;
  beforeEach(async () => {
    const noise = await fresh();
    const scope = noise.seededRandom('tone-noise');
    atOnce = new Map(
      ['white', 'pink', 'brown'].map((type) => [type, scope(() => Array.from({ length: 8 }, () => Math.random()))]),
    );
  });

  it('makes white, pink and brown once, from seeded draws, at once', async () => {
    const noise = await fresh();
    noise.primeToneNoise();
    expect(drawn.order).toEqual(['white', 'pink', 'brown']);
    expect(drawn.byType).toEqual(atOnce);
    // Seeded: another page makes the same buffers; and not Math.random's own draws.
    const again = await fresh();
    again.primeToneNoise();
    expect(drawn.byType).toEqual(atOnce);
    again.primeToneNoise();
    expect(drawn.order).toEqual(['white', 'pink', 'brown']);
  });

  it('gives the same buffers a task at a time', async () => {
    const noise = await fresh();
    let pauses = 0;
    await noise.primeToneNoiseInTasks(() => {
      pauses++;
      return pause();
    });
    expect(pauses).toBe(3);
    expect(drawn.byType).toEqual(atOnce);
  });

  it('gives the same buffers when a render primes them at once halfway through the tasks', async () => {
    const noise = await fresh();
    let pauses = 0;
    const tasks = noise.primeToneNoiseInTasks(async () => {
      if (++pauses === 1) {
        // A render starts between the tasks: it needs every buffer now.
        noise.primeToneNoise();
        expect(drawn.order).toEqual(['white', 'pink', 'brown']);
      }
      await pause();
    });
    await tasks;
    expect(pauses).toBe(1);
    expect(drawn.byType).toEqual(atOnce);
  });

  it('draws from Math.random as before once primed', async () => {
    const noise = await fresh();
    const before = Math.random;
    await noise.primeToneNoiseInTasks(pause);
    expect(Math.random).toBe(before);
  });
});
