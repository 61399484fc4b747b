import { Chord, Interval, Note, Progression, Mode as TonalMode } from 'tonal';
import type { PitchClass, Ticks } from '../core';
import type { Mode, Note as ScoreNote } from './types';

/** Pitch class of a tonic such as "Bb" (10), or -1 when it does not name a note. */
export function tonicPitchClass(key: string): PitchClass | -1 {
  const chroma = Note.chroma(key);
  return typeof chroma === 'number' && chroma >= 0 ? chroma : -1;
}

/** Semitone offsets from the tonic of the seven degrees of `mode`. */
export function scaleSteps(mode: Mode): number[] {
  const name = mode === 'major' ? 'ionian' : mode === 'minor' ? 'aeolian' : mode;
  return TonalMode.get(name).intervals.map((i) => Interval.semitones(i) ?? 0);
}

/**
 * The roman numeral of a chord symbol relative to a tonic, with its quality, in tonal's spelling
 * (degrees measured on the major scale: "V7", "IIm7", "bVII"; a slash chord's bass is dropped).
 * Returns "" when the symbol is not a chord tonal knows.
 *
 * @example
 * romanOf('Am', 'C'); // => "VIm"
 */
export function romanOf(symbol: string, key: string): string {
  return remember(romans, `${key} ${symbol}`, () => romanOfUncached(symbol, key));
}

/*
 * tonal parses a symbol anew on every call, and a corpus asks for the same few hundred chords tens
 * of thousands of times (every chord of every piece, when importing and again when training): the
 * answers are kept, a few thousand at most (past that the cache starts afresh).
 */
const romans = new Map<string, string>();
const romansOfKey = new Map<string, string>();
const pitchClasses = new Map<string, PitchClass[]>();
const CACHE_LIMIT = 4096;

function remember<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

function romanOfUncached(symbol: string, key: string): string {
  const chord = Chord.get(symbol);
  if (chord.empty || !chord.tonic) return '';
  const [degree] = Progression.toRomanNumerals(key, [chord.tonic]);
  return degree ? `${degree}${suffixOf(chord.aliases)}` : '';
}

const suffixCache = new Map<string, string>();

/**
 * One spelling per chord type, chosen so that it survives the trip roman → symbol → roman:
 * "" for major, "o" for diminished (tonal reads "IIIdim" as nothing), else the first plain alias.
 */
function suffixOf(aliases: readonly string[]): string {
  const id = aliases.join(' ');
  let suffix = suffixCache.get(id);
  if (suffix === undefined) {
    const plain = aliases.filter((a) => /^[A-Za-z0-9#]*$/.test(a));
    suffix =
      plain.find(
        (a) =>
          a !== 'M' && a !== 'dim' && chordOfRoman(`I${a}`, 'C') !== '' && Chord.get(`C${a}`).aliases.join(' ') === id,
      ) ??
      plain[0] ??
      '';
    if (suffix === 'M') suffix = '';
    suffixCache.set(id, suffix);
  }
  return suffix;
}

/** The chord symbol of a roman numeral (as {@link romanOf} spells it) in the key of `key`. */
export function chordOfRoman(roman: string, key: string): string {
  return remember(romansOfKey, `${key} ${roman}`, () => chordOfRomanUncached(roman, key));
}

function chordOfRomanUncached(roman: string, key: string): string {
  const [symbol] = Progression.fromRomanNumerals(key, [roman]);
  return symbol && !Chord.get(symbol).empty ? symbol : '';
}

/** Pitch classes of a chord symbol, root first; empty when the symbol is not a chord. */
export function chordPitchClasses(symbol: string): PitchClass[] {
  // A copy: callers may change the array they get.
  return [...remember(pitchClasses, symbol, () => chordPitchClassesUncached(symbol))];
}

function chordPitchClassesUncached(symbol: string): PitchClass[] {
  const chord = Chord.get(symbol);
  if (chord.empty || !chord.tonic) return [];
  // getChord without the bass keeps the root first for slash chords ("D/F#" → D F# A).
  return Chord.getChord(chord.type, chord.tonic).notes.map((n) => Note.chroma(n) as number);
}

/** The seven letter names of a key's scale, by pitch class (undefined for a pitch class outside it). */
export function scaleLetters(key: string, mode: Mode): Map<number, string> {
  const name = mode === 'major' ? 'ionian' : mode === 'minor' ? 'aeolian' : mode;
  const letters = new Map<number, string>();
  for (const n of TonalMode.notes(name, key)) {
    const note = Note.get(n);
    if (!note.empty) letters.set(note.chroma, note.letter);
  }
  return letters;
}

/** The highest note at each onset, in time order: the line a listener follows. */
export function skyline(notes: readonly ScoreNote[]): ScoreNote[] {
  const byTick = new Map<Ticks, ScoreNote>();
  for (const n of notes) {
    const held = byTick.get(n.tick);
    if (!held || n.pitch > held.pitch) byTick.set(n.tick, n);
  }
  return [...byTick.values()].sort((a, b) => a.tick - b.tick);
}
