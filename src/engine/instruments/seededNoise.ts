import { OfflineContext } from 'tone/build/esm/core/context/OfflineContext';
import { Noise } from 'tone/build/esm/source/Noise';
import { createRng, hashString } from '../../core';

/**
 * A seeded scope that lasts: each call runs its work with `Math.random` drawing from a generator
 * seeded by `seed`, on from where the last call left off. Tone.js draws its noise from Math.random
 * — the noise buffers it makes once per page, and where each start of a noise source reads from
 * (PluckSynth's pluck, NoiseSynth) — so a render does its scheduling under this: two renders of a
 * piece then give the same samples, and a render that schedules its notes in steps draws what it
 * would have drawn scheduling them all at once. Live playback has no need of it.
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

/** Tone.js's noise buffers, in the order they are primed (each draws on from the one before). */
const NOISE_TYPES = ['white', 'pink', 'brown'] as const;
/** How many of {@link NOISE_TYPES} are made so far, from the one seeded scope below. */
let primed = 0;
/** The seeded scope and the context the buffers are made in, while some are still to make. */
let priming: { scope: <T>(work: () => T) => T; context: OfflineContext } | undefined;

/** Makes the next of Tone.js's noise buffers from the seeded draws. */
function primeNextNoise(): void {
  priming ??= { scope: seededRandom('tone-noise'), context: new OfflineContext(1, 0.01, 44_100) };
  const { scope, context } = priming;
  const type = NOISE_TYPES[primed++];
  scope(() => new Noise({ context, type }).start(0).dispose());
  if (primed === NOISE_TYPES.length) void context.dispose();
}

/** Has Tone.js make its noise buffers (white, pink, brown) from seeded draws, once per page, before any other use. */
export function primeToneNoise(): void {
  while (primed < NOISE_TYPES.length) primeNextNoise();
}

/**
 * {@link primeToneNoise} one buffer per task (`pause` between: 30–50 ms each in a trace of the
 * page making its audio engine at idle), so that a click meanwhile is not held off. The draws go
 * on from one seeded scope in the same order: the same buffers, whether made so, at once, or
 * finished at once by a render that needs them first.
 */
export async function primeToneNoiseInTasks(pause: () => Promise<void>): Promise<void> {
  while (primed < NOISE_TYPES.length) {
    primeNextNoise();
    await pause();
  }
}
