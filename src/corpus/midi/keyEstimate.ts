import type { Note } from '../types';
import { type Key, type KeyMode, nameTonic } from './keySignature';

/** A pair of key profiles: the weight of each pitch class, from the tonic up, in major and in minor. */
export interface KeyProfiles {
  major: readonly number[];
  minor: readonly number[];
}

/**
 * Key profiles the estimate can use.
 * - `krumhansl-kessler`: probe-tone ratings by listeners (Krumhansl & Kessler 1982), the classic
 *   Krumhansl–Schmuckler profiles.
 * - `aarden-essen`: pitch-class durations in the major and minor melodies of the Essen folk song
 *   collection (Aarden 2003); music21's default. They punish chromatic notes harder and favour the
 *   tonic triad, which tells a folk tune's tonic from its dominant better (see the Nottingham test).
 */
export const KEY_PROFILES = {
  'krumhansl-kessler': {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  'aarden-essen': {
    major: [
      17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122,
    ],
    minor: [
      18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623,
    ],
  },
} as const satisfies Record<string, KeyProfiles>;

/** The name of a profile pair in {@link KEY_PROFILES}. */
export type KeyProfileName = keyof typeof KEY_PROFILES;

/** The profiles {@link estimateKey} uses unless told otherwise. */
export const DEFAULT_KEY_PROFILES: KeyProfileName = 'aarden-essen';

/** The most likely key of some notes, with the Pearson correlation (−1..1) of its profile. */
export interface KeyEstimate extends Key {
  correlation: number;
}

/** The duration-weighted pitch-class profile of notes: total ticks sounding per pitch class. */
export function pitchClassProfile(notes: readonly Note[]): number[] {
  const profile = new Array<number>(12).fill(0);
  for (const n of notes) profile[n.pitch % 12] += n.duration;
  return profile;
}

/**
 * All 24 major and minor keys ranked by how well their rotated key profile correlates with
 * `profile` (the Krumhansl–Schmuckler method), best first. A flat or empty profile correlates 0
 * with every key, and C major comes first.
 */
export function rankKeys(profile: readonly number[], profiles: KeyProfileName = DEFAULT_KEY_PROFILES): KeyEstimate[] {
  const keys: KeyEstimate[] = [];
  const { major, minor } = KEY_PROFILES[profiles];
  for (const [mode, template] of [
    ['major', major],
    ['minor', minor],
  ] as const) {
    for (let tonic = 0; tonic < 12; tonic++) {
      const rotated = profile.map((_, pc) => template[(pc - tonic + 12) % 12]);
      keys.push({ key: nameTonic(tonic, mode as KeyMode), mode, correlation: correlate(profile, rotated) });
    }
  }
  return keys.sort((a, b) => b.correlation - a.correlation);
}

/**
 * Estimates the key of notes by the Krumhansl–Schmuckler method: the duration-weighted pitch-class
 * profile correlated with the 24 rotations of a major and a minor key profile (Aarden–Essen unless
 * `profiles` says otherwise). Pass only pitched notes (no drums).
 *
 * @example
 * estimateKey(notesOfTwinkleTwinkleInG); // => { key: 'G', mode: 'major', correlation: 0.9… }
 */
export function estimateKey(notes: readonly Note[], profiles: KeyProfileName = DEFAULT_KEY_PROFILES): KeyEstimate {
  return rankKeys(pitchClassProfile(notes), profiles)[0];
}

/** Pearson correlation of two series of the same length; 0 when either is constant. */
function correlate(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  return Number.isFinite(r) ? r : 0;
}
