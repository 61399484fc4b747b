import { barTicks } from '../core';
import { type CorpusPiece, romanOf } from '../corpus';
import { type MarkovChain, trainChain } from './markov';

/**
 * Harmony tokens are key-relative: a roman numeral with its quality and its length in twelfths of
 * a bar, e.g. "V7|6" is a dominant seventh lasting half a bar. Twelfths cover halves, thirds,
 * quarters and sixths of a bar, so 4/4, 3/4 and 6/8 pieces share one vocabulary.
 */
export interface ChordToken {
  roman: string;
  /** Length in twelfths of a bar, 1–48. */
  twelfths: number;
}

export const TWELFTHS_PER_BAR = 12;

export function formatChordToken(t: ChordToken): string {
  return `${t.roman}|${t.twelfths}`;
}

export function parseChordToken(token: string): ChordToken {
  const bar = token.lastIndexOf('|');
  return { roman: token.slice(0, bar), twelfths: Number(token.slice(bar + 1)) };
}

/** The harmony of a piece as chord tokens; chords tonal cannot read are left out. */
export function chordTokens(piece: CorpusPiece): string[] {
  const bar = barTicks(piece.meter);
  const tokens: string[] = [];
  for (const chord of piece.chords ?? []) {
    const roman = romanOf(chord.symbol, piece.key);
    const twelfths = Math.round((chord.duration * TWELFTHS_PER_BAR) / bar);
    if (roman === '' || twelfths < 1) continue;
    tokens.push(formatChordToken({ roman, twelfths: Math.min(twelfths, 4 * TWELFTHS_PER_BAR) }));
  }
  return tokens;
}

/** Trains the harmony chain on every piece that has chord symbols. */
export function trainChordModel(pieces: readonly CorpusPiece[], order: number): MarkovChain {
  return trainChain(
    pieces.map(chordTokens).filter((t) => t.length > 0),
    order,
  );
}
