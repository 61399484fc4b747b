import { OfflineContext } from 'tone/build/esm/core/context/OfflineContext';
import { Noise } from 'tone/build/esm/source/Noise';
import { createRng, hashString } from '../../core';

/**
 * Runs `work` with `Math.random` drawing from a generator seeded by `seed`. Tone.js draws its
 * noise from Math.random — the noise buffers it makes once per page, and where each start of a
 * noise source reads from (PluckSynth's pluck, NoiseSynth) — so a render does its scheduling under
 * this: two renders of a piece then give the same samples. Live playback has no need of it.
 */
export function withSeededRandom<T>(seed: string, work: () => T): T {
  return seededRandom(seed)(work);
}

/**
 * A seeded scope that lasts: each call runs its work with `Math.random` drawing on from where the
 * last call left off — a render that schedules its notes in steps draws what it would have drawn
 * scheduling them all at once.
 */
export function seededRandom(seed: string): <T>(work: () => T) => T {
  const rng = createRng(hashString(seed));
  return (work) => {
    const original = Math.random;
    Math.random = () => rng.next();
    try {
      return work();
    } finally {
      Math.random = original;
    }
  };
}

let primed = false;

/** Has Tone.js make its noise buffers (white, pink, brown) from seeded draws, once per page, before any other use. */
export function primeToneNoise(): void {
  if (primed) return;
  primed = true;
  const context = new OfflineContext(1, 0.01, 44_100);
  withSeededRandom('tone-noise', () => {
    for (const type of ['white', 'pink', 'brown'] as const) new Noise({ context, type }).start(0).dispose();
  });
  void context.dispose();
}
