import { barTicks } from '../core';
import { chordOfRoman } from '../corpus';
import { harmonizeMelody, type MuseModel, TWELFTHS_PER_BAR } from '../model';
import type { ComposeOptions } from './options';
import type { ChordSpan, Piece } from './piece';
import { rearrange, spliceChords } from './rearrange';
import { segmentsOf, tokensBefore } from './regenerate';

/**
 * The harmony of bars [from, to) set to the most probable chords for the melody there under the
 * model (harmonizeMelody: Viterbi with the melody as evidence), continuing from the chords before
 * and ending on the tonic where the span ends the piece or a section; the chords and bass parts are
 * arranged again over it with the piece's seed. The melody and everything outside stay as they are.
 */
export function harmonizeSpan(
  piece: Piece,
  model: MuseModel,
  o: ComposeOptions,
  seed: number,
  span: { from: number; to: number },
): Piece {
  const from = Math.max(0, Math.min(piece.bars, Math.floor(span.from)));
  const to = Math.max(from, Math.min(piece.bars, Math.floor(span.to)));
  if (to <= from) return piece;
  const bar = barTicks(piece.meter);
  const [a, b] = [from * bar, to * bar];
  const melody = (piece.tracks.find((t) => t.id === 'melody')?.notes ?? [])
    .filter((n) => n.tick >= a && n.tick < b)
    .map((n) => ({ ...n, tick: n.tick - a }));
  const segments = segmentsOf(o, from, to);
  const last = segments.at(-1);
  const h = harmonizeMelody(model, {
    melody,
    bars: to - from,
    meter: piece.meter,
    key: piece.key,
    mode: piece.mode,
    startBar: segments[0]?.offset ?? 0,
    context: tokensBefore(piece.chords, a, bar),
    endOnTonic: to === piece.bars || last?.cadence === 'authentic',
  });
  if (!h.ok) return piece;
  const chords: ChordSpan[] = h.value.chords.map((c) => ({
    tick: a + (c.start * bar) / TWELFTHS_PER_BAR,
    duration: (c.twelfths * bar) / TWELFTHS_PER_BAR,
    symbol: chordOfRoman(c.roman, piece.key),
    roman: c.roman,
  }));
  if (chords.some((c) => c.symbol === '')) return piece;
  return rearrange({ ...piece, chords: spliceChords(piece.chords, chords, a, b) }, o, seed, a, b, ['chords', 'bass']);
}
