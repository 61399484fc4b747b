/**
 * Seeded pseudo-random numbers. Randomness always comes in as a parameter: the same seed gives the
 * same piece, in Node and in the browser alike (pure 32-bit integer arithmetic, no Math.random).
 */

/** A seeded generator of numbers in [0, 1). */
export interface Rng {
  /** The next number in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /**
   * An independent stream derived from this generator's seed and `label`, so that one part of a
   * piece (say the drums) does not change when another part draws more or fewer numbers.
   */
  fork(label: string): Rng;
}

/** The largest seed; seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** FNV-1a hash of a string to an unsigned 32-bit integer. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Creates a generator (sfc32, seeded through splitmix32) from an unsigned 32-bit seed.
 *
 * @example
 * const rng = createRng(42);
 * rng.next(); // => the same number on every run
 */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    fork: (label) => createRng(hashString(label, seed >>> 0)),
  };
}

/**
 * Picks an index with probability proportional to `weights` (non-negative, not all zero).
 * Returns -1 when every weight is zero.
 */
export function pickWeighted(weights: readonly number[], rng: Rng): number {
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0)) return -1;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}
