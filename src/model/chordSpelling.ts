import { Chord, Note } from 'tonal';
import { chordOfRoman } from '../corpus/theory';
import { mod12 } from './pitchExperts';

/*
 * Which degree of the scale each chord tone is, as a musician spells it: in A minor the chord
 * F♯m (VIm) holds a raised sixth (F♯) and a raised third (C♯), and a melody that plays F♮ or C♮
 * over it sounds a cross-relation, two versions of one degree at once. Degrees come from tonal's
 * spelling of the roman numeral in C (so a degree is the letter's distance from the tonic) and
 * pitch classes are relative to the tonic, as everywhere in the models.
 */

const spellings = new Map<string, ReadonlyMap<number, number>>();

/**
 * Degree (0 = tonic … 6 = seventh, by letter) → pitch class above the tonic, for each tone of the
 * chord of a roman numeral; empty when tonal cannot read it.
 *
 * @example
 * chordDegrees('V'); // => Map { 4 → 7, 6 → 11, 1 → 2 }  (G B D in C: the seventh degree is B♮)
 */
export function chordDegrees(roman: string): ReadonlyMap<number, number> {
  let degrees = spellings.get(roman);
  if (!degrees) {
    const map = new Map<number, number>();
    const symbol = roman === '' ? '' : chordOfRoman(roman, 'C');
    for (const name of symbol ? Chord.get(symbol).notes : []) {
      const note = Note.get(name);
      if (!note.empty) map.set('CDEFGAB'.indexOf(note.letter), mod12(note.chroma));
    }
    degrees = map;
    spellings.set(roman, degrees);
  }
  return degrees;
}

/**
 * Whether a melody pitch class (above the tonic) would be another version of a degree the chord
 * `over` spells otherwise: F♮ over F♯m in A minor. The melody note's degree is the one the chord
 * at its onset spells it as, else its degree in the scale (`scale`: the mode's seven pitch
 * classes, tonic first); a pitch class that is neither has no degree and crosses nothing.
 */
export function crossesDegree(
  pc: number,
  scale: readonly number[],
  atOnset: string | undefined,
  over: readonly string[],
): boolean {
  let degree = -1;
  if (atOnset !== undefined) for (const [d, q] of chordDegrees(atOnset)) if (q === pc) degree = d;
  if (degree < 0) degree = scale.indexOf(pc);
  if (degree < 0) return false;
  for (const roman of over) {
    const q = chordDegrees(roman).get(degree);
    if (q !== undefined && q !== pc) return true;
  }
  return false;
}
