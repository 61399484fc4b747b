import { counted } from '../core';
import type { CorpusPiece } from '../corpus';
import { harmonyLine } from './harmonyModel';
import { melodyLine } from './melodyLine';
import { modelDefaults } from './museModel';

/** How much a corpus gives the models to learn from: what the training reads, counted. */
export interface TrainingSize {
  pieces: number;
  /** Notes of the melody lines (what the rhythm and pitch models learn from). */
  melodyNotes: number;
  /** Chords (what the harmony model learns from). */
  chords: number;
}

/**
 * Below these a corpus is too small to learn from: the models mostly copy it back (the guard then
 * refuses most continuations) or wander. Every built-in corpus is above them (the smallest,
 * ambient: 25 pieces, 456 melody notes, 181 chords).
 */
export const TRAINING_MINIMUM: TrainingSize = { pieces: 10, melodyNotes: 300, chords: 100 };

/** The pieces, melody notes and chords the training would read. */
export function trainingSize(pieces: readonly CorpusPiece[], phraseBars = modelDefaults.phraseBars): TrainingSize {
  let melodyNotes = 0;
  let chords = 0;
  for (const p of pieces) {
    melodyNotes += melodyLine(p).notes.length;
    chords += harmonyLine(p, phraseBars).tokens.length;
  }
  return { pieces: pieces.length, melodyNotes, chords };
}

/** "12 pieces, 7 melody notes and 3 chords". */
export function trainingSizeText(size: TrainingSize): string {
  return `${counted(size.pieces, 'piece')}, ${counted(size.melodyNotes, 'melody note')} and ${counted(size.chords, 'chord')}`;
}

/**
 * Why no model can be trained at all (no melody note or no chord: a chain with nothing in it),
 * else undefined.
 */
export function untrainable(size: TrainingSize): string | undefined {
  if (size.pieces === 0) return 'no piece imported: nothing to learn from';
  if (size.melodyNotes === 0)
    return `the corpus has ${trainingSizeText(size)}: no melody to learn from (a piece needs a melody track with notes)`;
  if (size.chords === 0)
    return `the corpus has ${trainingSizeText(size)}: no chords to learn harmony from (a piece needs chords, or parts below the melody to find them in)`;
  return undefined;
}

/** A warning with the numbers when the corpus is too small to learn from, else undefined. */
export function tooSmall(size: TrainingSize): string | undefined {
  const m = TRAINING_MINIMUM;
  const short = [
    size.pieces < m.pieces ? `${m.pieces} pieces` : '',
    size.melodyNotes < m.melodyNotes ? `${m.melodyNotes} melody notes` : '',
    size.chords < m.chords ? `${m.chords} chords` : '',
  ].filter(Boolean);
  if (short.length === 0) return undefined;
  return `this corpus is too small to learn from: ${trainingSizeText(size)}, where a model needs at least ${short.join(', ')}; it will mostly copy these pieces or wander`;
}
