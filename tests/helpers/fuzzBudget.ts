/**
 * How hard the fuzz and property tests of untrusted input push. In `npm test` (and CI) a fixed seed
 * and a bounded number of runs: the same cases every time, a few seconds. `npm run fuzz` sets
 * MUSE_FUZZ_RUNS (many more runs) and a fresh seed, printed so that a failure can be replayed with
 * `MUSE_FUZZ_SEED=… npm run fuzz`.
 */
export interface FuzzBudget {
  seed: number;
  /** Multiplies each test's own number of runs. */
  scale: number;
  long: boolean;
}

export function fuzzBudget(): FuzzBudget {
  const runs = Number(process.env.MUSE_FUZZ_RUNS ?? '');
  const long = Number.isFinite(runs) && runs > 1;
  const given = Number(process.env.MUSE_FUZZ_SEED ?? '');
  const seed = Number.isInteger(given) && process.env.MUSE_FUZZ_SEED ? given : long ? Date.now() % 2 ** 31 : 19;
  if (long) console.log(`fuzz: seed ${seed}, runs ×${runs} (replay with MUSE_FUZZ_SEED=${seed})`);
  return { seed, scale: long ? runs : 1, long };
}
