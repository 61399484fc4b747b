import { Key, Note, Mode as TonalMode } from 'tonal';
import type { Mode } from '../corpus';

/**
 * The MIDI key signature of a key: sharps (positive) or flats (negative), -7..7, and 0 for a major
 * scale or 1 for minor. Church modes are written with the signature of their relative major.
 *
 * @example
 * midiKeySignature('D', 'dorian'); // => { sharpsOrFlats: 0, minor: 0 }
 */
export function midiKeySignature(tonic: string, mode: Mode): { sharpsOrFlats: number; minor: 0 | 1 } {
  if (mode === 'minor') return { sharpsOrFlats: alterations(Key.minorKey(tonic).alteration, tonic, 'minor'), minor: 1 };
  const relative = mode === 'major' ? tonic : TonalMode.relativeTonic('ionian', mode, tonic);
  return { sharpsOrFlats: alterations(Key.majorKey(relative).alteration, relative, 'major'), minor: 0 };
}

/** Spells a key with more than seven sharps or flats (G# major) with its enharmonic (Ab major). */
function alterations(count: number, tonic: string, kind: 'major' | 'minor'): number {
  if (Math.abs(count) <= 7) return count;
  const other = Note.enharmonic(tonic);
  const alt = kind === 'major' ? Key.majorKey(other).alteration : Key.minorKey(other).alteration;
  return Math.abs(alt) <= 7 ? alt : 0;
}
