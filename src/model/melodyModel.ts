import { PPQ, type Ticks } from '../core';
import { type CorpusPiece, tonicPitchClass } from '../corpus';
import { type MarkovChain, trainChain } from './markov';

/**
 * Melody tokens are key-relative: semitones from the tonic (taken in the octave from middle C up)
 * and a length in twelfths of a quarter note, so triplets fit: "7|12" is the fifth above the tonic
 * for a quarter note, "r|6" an eighth rest.
 */
export interface MelodyToken {
  /** Semitones above the reference tonic, or null for a rest. */
  interval: number | null;
  /** Length in {@link MELODY_UNIT}s. */
  units: number;
}

/** The melody model's time unit: a twelfth of a quarter note. */
export const MELODY_UNIT: Ticks = PPQ / 12;

export function formatMelodyToken(t: MelodyToken): string {
  return `${t.interval === null ? 'r' : t.interval}|${t.units}`;
}

export function parseMelodyToken(token: string): MelodyToken {
  const [a, b] = token.split('|');
  return { interval: a === 'r' ? null : Number(a), units: Number(b) };
}

/** MIDI pitch of the tonic in the octave from middle C (60) up. */
export function referenceTonic(key: string): number {
  return 60 + Math.max(0, tonicPitchClass(key));
}

/** The melody of a piece (its first melody track) as tokens, rests included. */
export function melodyTokens(piece: CorpusPiece): string[] {
  const track = piece.tracks.find((t) => t.role === 'melody');
  if (!track) return [];
  const tonic = referenceTonic(piece.key);
  const tokens: string[] = [];
  let cursor = 0;
  const notes = [...track.notes].sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  for (const note of notes) {
    if (note.tick < cursor) continue; // a chord in a melody track: keep its top note only
    const gap = Math.round((note.tick - cursor) / MELODY_UNIT);
    if (gap > 0) tokens.push(formatMelodyToken({ interval: null, units: Math.min(gap, 96) }));
    const units = Math.max(1, Math.round(note.duration / MELODY_UNIT));
    tokens.push(formatMelodyToken({ interval: note.pitch - tonic, units: Math.min(units, 96) }));
    cursor = note.tick + note.duration;
  }
  return tokens;
}

/** Trains the melody chain on every piece that has a melody track. */
export function trainMelodyModel(pieces: readonly CorpusPiece[], order: number): MarkovChain {
  return trainChain(
    pieces.map(melodyTokens).filter((t) => t.length > 0),
    order,
  );
}
