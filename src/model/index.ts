/**
 * Markov models of harmony and melody: count n-grams of key-relative tokens, back off to shorter
 * contexts, sample with a seeded generator.
 */
export * from './chordModel';
export * from './markov';
export * from './melodyModel';
