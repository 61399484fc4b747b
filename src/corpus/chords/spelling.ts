import { Chord, Key, Note } from 'tonal';
import type { PitchClass } from '../../core';
import { romanOf } from '../theory';
import type { Mode } from '../types';
import { CHORD_TYPES } from './vocabulary';

/** A chord as the labeller hands it out: tonal symbol, roman numeral, pitch classes (root first), bass. */
export interface SpelledChord {
  symbol: string;
  roman: string;
  pitchClasses: PitchClass[];
  /** The bass of a slash chord ("C/E" → 4); absent in root position. */
  bass?: PitchClass;
}

/** Interval above the tonic that names each chromatic degree: bII, bIII, #IV, bVI, bVII. */
const DEGREE_INTERVALS = ['1P', '2m', '2M', '3m', '3M', '4P', '4A', '5P', '6m', '6M', '7m', '7M'];
/** Names of roots when the key is not a note tonal knows. */
const PLAIN_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
/** Interval from a mode's tonic up to its parent major's tonic. */
const PARENT_MAJOR: Record<Mode, string> = {
  major: '1P',
  minor: '3m',
  dorian: '7m',
  phrygian: '6m',
  lydian: '5P',
  mixolydian: '4P',
  locrian: '2m',
};

/**
 * The tonic to spell chords from: `key` itself, or its enharmonic when `key` needs a double
 * accidental or more than seven sharps or flats in `mode` ("A#" major → "Bb"); "" when `key` is no note.
 */
export function spellingTonic(key: string, mode: Mode): string {
  const id = `${key} ${mode}`;
  let tonic = tonics.get(id);
  if (tonic === undefined) {
    tonic = spellingTonicAnew(key, mode);
    if (tonics.size >= 1024) tonics.clear();
    tonics.set(id, tonic);
  }
  return tonic;
}

/** Tonics already found: tonal's keys take longer to make than a short tune takes to label. */
const tonics = new Map<string, string>();

function spellingTonicAnew(key: string, mode: Mode): string {
  const note = Note.get(key);
  if (note.empty) return '';
  const tonic = note.pc;
  const parent = Note.transpose(tonic, PARENT_MAJOR[mode]);
  const alteration = Key.majorKey(parent).alteration;
  return Math.abs(note.alt) > 1 || Math.abs(alteration) > 7 ? Note.enharmonic(tonic) : tonic;
}

/**
 * Spells chord type `type` (index into `CHORD_TYPES`) on `root` over `bass` in the key of `tonic`
 * (from {@link spellingTonic}): roots named by their degree (in C: Db, Eb, F#, Ab, Bb), a slash
 * chord when the bass is not the root, and the roman numeral as `romanOf` writes it ("" without a key).
 *
 * @example
 * spellChord(7, 4, 11, 'C'); // => { symbol: "G7/B", roman: "V7", pitchClasses: [7, 11, 2, 5], bass: 11 }
 */
export function spellChord(root: PitchClass, type: number, bass: PitchClass, tonic: string): SpelledChord {
  const id = `${tonic} ${root} ${type} ${bass}`;
  let spelled = spelledCache.get(id);
  if (!spelled) {
    spelled = spellAnew(root, type, bass, tonic);
    spelledCache.set(id, spelled);
  }
  return { ...spelled, pitchClasses: [...spelled.pitchClasses] };
}

/** Spellings already made: tonal's parsing is the slowest part of labelling. At most 12 × 12 × 14 per tonic. */
const spelledCache = new Map<string, SpelledChord>();

function spellAnew(root: PitchClass, type: number, bass: PitchClass, tonic: string): SpelledChord {
  const { suffix, intervals } = CHORD_TYPES[type];
  const pitchClasses = intervals.map((i) => (root + i) % 12);
  const rootName = tonic
    ? Note.transpose(tonic, DEGREE_INTERVALS[(root - Note.chroma(tonic) + 12) % 12])
    : PLAIN_NAMES[root];
  const chord = `${rootName}${suffix}`;
  if (bass === root) return { symbol: chord, roman: tonic ? romanOf(chord, tonic) : '', pitchClasses };
  const spelled = Chord.get(chord).notes.find((n) => Note.chroma(n) === bass) ?? PLAIN_NAMES[bass];
  const bassName = Math.abs(Note.get(spelled).alt) > 1 ? Note.enharmonic(spelled) : spelled;
  const symbol = `${chord}/${bassName}`;
  return { symbol, roman: tonic ? romanOf(symbol, tonic) : '', pitchClasses, bass };
}
