import type { PitchClass } from '../../core';
import { tonicPitchClass } from '../theory';

/** The two modes a MIDI key signature (and the key estimate) can state. */
export type KeyMode = 'major' | 'minor';

/** A key as the corpus writes it: tonic letter ("G", "Bb", "F#") and mode. */
export interface Key {
  key: string;
  mode: KeyMode;
}

/** How an estimated key relates to a stated one: the same, its relative major/minor, or another key. */
export type KeyAgreement = 'same' | 'relative' | 'different';

/** Major tonics for −7 (seven flats) … +7 (seven sharps). */
const MAJOR_TONICS = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
/** Minor tonics for −7 … +7. */
const MINOR_TONICS = ['Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'];
/** Spelling of a tonic found by pitch class, the common choice in each mode. */
const MAJOR_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];

/**
 * The key a MIDI key signature meta event states: `sf` sharps (> 0) or flats (< 0), −7..7, and `mi`
 * 0 for major or 1 for minor. Undefined when either is out of range.
 *
 * @example
 * keyOfSignature(1, 0); // => { key: 'G', mode: 'major' }
 * keyOfSignature(-3, 1); // => { key: 'C', mode: 'minor' }
 */
export function keyOfSignature(sf: number, mi: number): Key | undefined {
  if (!Number.isInteger(sf) || sf < -7 || sf > 7 || (mi !== 0 && mi !== 1)) return undefined;
  return mi === 0 ? { key: MAJOR_TONICS[sf + 7], mode: 'major' } : { key: MINOR_TONICS[sf + 7], mode: 'minor' };
}

/** The usual spelling of the tonic with pitch class `pc` in `mode` (e.g. 10, major → "Bb"). */
export function nameTonic(pc: PitchClass, mode: KeyMode): string {
  return (mode === 'major' ? MAJOR_NAMES : MINOR_NAMES)[((pc % 12) + 12) % 12];
}

/**
 * Compares an estimated key with a stated one by pitch class (so "F#" equals "Gb"): the same key,
 * the relative major or minor (C major / A minor), or different.
 */
export function compareKeys(stated: Key, estimate: Key): KeyAgreement {
  const a = tonicPitchClass(stated.key);
  const b = tonicPitchClass(estimate.key);
  if (a === b && stated.mode === estimate.mode) return 'same';
  if (a < 0 || b < 0 || stated.mode === estimate.mode) return 'different';
  const relative = stated.mode === 'major' ? (a + 9) % 12 : (a + 3) % 12;
  return b === relative ? 'relative' : 'different';
}
