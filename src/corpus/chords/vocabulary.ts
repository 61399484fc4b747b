import type { PitchClass } from '../../core';

/**
 * One chord type the labeller can name: tonal's suffix ("" major, "m7", "sus4"…), its intervals in
 * semitones above the root, and a prior cost per label, in beats, that favours simpler chords when
 * the evidence does not tell them apart (a triad over its seventh chord when the seventh barely sounds).
 */
export interface ChordType {
  suffix: string;
  intervals: readonly number[];
  cost: number;
}

/**
 * The vocabulary, in order of preference on ties: triads, sevenths, sixths, suspensions.
 * Every suffix parses with tonal after any root ("C" + suffix) and survives `romanOf`.
 */
export const CHORD_TYPES: readonly ChordType[] = [
  { suffix: '', intervals: [0, 4, 7], cost: 0 },
  { suffix: 'm', intervals: [0, 3, 7], cost: 0.02 },
  { suffix: 'dim', intervals: [0, 3, 6], cost: 0.3 },
  { suffix: 'aug', intervals: [0, 4, 8], cost: 0.5 },
  { suffix: '7', intervals: [0, 4, 7, 10], cost: 0.3 },
  { suffix: 'maj7', intervals: [0, 4, 7, 11], cost: 0.4 },
  { suffix: 'm7', intervals: [0, 3, 7, 10], cost: 0.4 },
  { suffix: 'm7b5', intervals: [0, 3, 6, 10], cost: 0.4 },
  { suffix: 'dim7', intervals: [0, 3, 6, 9], cost: 0.4 },
  { suffix: '6', intervals: [0, 4, 7, 9], cost: 0.5 },
  { suffix: 'm6', intervals: [0, 3, 7, 9], cost: 0.5 },
  { suffix: 'sus4', intervals: [0, 5, 7], cost: 0.4 },
  { suffix: 'sus2', intervals: [0, 2, 7], cost: 0.5 },
  { suffix: '7sus4', intervals: [0, 5, 7, 10], cost: 0.5 },
];

/** Suffixes of {@link CHORD_TYPES}, the names `LabelOptions.types` accepts. */
export const CHORD_SUFFIXES: readonly string[] = CHORD_TYPES.map((t) => t.suffix);

/** A chord type placed on a root: its pitch classes (root first) and their bit mask. */
export interface ChordTemplate {
  type: number;
  root: PitchClass;
  tones: readonly PitchClass[];
  mask: number;
}

/** All templates of `types` (indices into {@link CHORD_TYPES}) on all twelve roots, by root then type. */
export function buildTemplates(types: readonly number[]): ChordTemplate[][] {
  const byRoot: ChordTemplate[][] = [];
  for (let root = 0; root < 12; root++) {
    byRoot.push(
      types.map((type) => {
        const tones = CHORD_TYPES[type].intervals.map((i) => (root + i) % 12);
        return { type, root, tones, mask: maskOf(tones) };
      }),
    );
  }
  return byRoot;
}

/** Bit mask of a set of pitch classes (bit 0 = C). */
export function maskOf(pitchClasses: Iterable<PitchClass>): number {
  let mask = 0;
  for (const pc of pitchClasses) mask |= 1 << (((pc % 12) + 12) % 12);
  return mask;
}

/** Indices into {@link CHORD_TYPES} of the given suffixes, in vocabulary order; unknown suffixes are ignored. */
export function typeIndices(suffixes: readonly string[]): number[] {
  return CHORD_TYPES.flatMap((t, i) => (suffixes.includes(t.suffix) ? [i] : []));
}
