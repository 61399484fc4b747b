import { Chord, Note as TonalNote } from 'tonal';
import type { Note } from '../corpus';
import { lowestOf } from './accompaniment';
import type { ChordSpan } from './piece';
import { remember } from './remember';

/** The chords with the bass named where a chord starts on another tone than its root ("G/B"). */
export function withBass(chords: readonly ChordSpan[], bass: readonly Note[]): ChordSpan[] {
  const lowest = lowestOf(bass);
  return chords.map((c) => {
    const low = lowest.at(c.tick);
    return low === undefined ? c : { ...c, symbol: slashChord(c.symbol, low % 12) };
  });
}

/** "G" over B: "G/B"; over its root, or over a note that is not its own, the symbol as it is. */
export function slashChord(symbol: string, bass: number): string {
  return remember(slashes, `${symbol}|${bass}`, () => {
    // A slash chord names its bass again over its own root ("G/B" over D: "G/D").
    const slash = symbol.lastIndexOf('/');
    const plain = slash > 0 && /^[A-G][#b]*$/.test(symbol.slice(slash + 1)) ? symbol.slice(0, slash) : symbol;
    const chord = Chord.get(plain);
    if (chord.empty || !chord.tonic) return symbol;
    if (TonalNote.chroma(chord.tonic) === bass) return plain;
    const name = chord.notes.find((n) => TonalNote.chroma(n) === bass);
    return name ? `${plain}/${name}` : symbol;
  });
}

const slashes = new Map<string, string>();
