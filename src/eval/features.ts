import { maxOf, minOf, PPQ } from '../core';
import type { CorpusPiece, Note } from '../corpus';

/**
 * The MGEval features of one piece (Yang & Lerch 2018, "On the evaluation of generative models in
 * music"), taken from its melody (or, without one, from every part but drums).
 */
export interface PieceFeatures {
  /** Number of distinct pitches used. */
  pitchCount: number;
  /** Highest minus lowest pitch, in semitones. */
  pitchRange: number;
  /** Mean absolute interval between consecutive notes, in semitones. */
  averageInterval: number;
  /** Mean time between consecutive onsets, in quarter notes. */
  interOnsetInterval: number;
  /** Duration-independent share of each pitch class (12 values summing to 1). */
  pitchClassHistogram: number[];
  /** Share of each of the 12 note-length classes of {@link NOTE_LENGTHS}. */
  noteLengthHistogram: number[];
}

/** The 12 note-length classes of MGEval, in quarter notes: plain, dotted and triplet values. */
export const NOTE_LENGTHS = [4, 2, 1, 0.5, 0.25, 3, 1.5, 0.75, 0.375, 4 / 3, 2 / 3, 1 / 3] as const;

/** Names of the scalar and histogram features, in report order. */
export const FEATURES = [
  'pitchCount',
  'pitchRange',
  'averageInterval',
  'interOnsetInterval',
  'pitchClassHistogram',
  'noteLengthHistogram',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** The notes the features are taken from: the melody, or every part but drums. */
export function featureNotes(piece: CorpusPiece): Note[] {
  const melody = piece.tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes);
  const notes = melody.length ? melody : piece.tracks.filter((t) => t.role !== 'drums').flatMap((t) => t.notes);
  return [...notes].sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
}

/** The MGEval features of a piece; a piece without notes gives zeros. */
export function extractFeatures(piece: CorpusPiece): PieceFeatures {
  const notes = featureNotes(piece);
  const pitches = notes.map((n) => n.pitch);
  const pch = new Array(12).fill(0);
  const nlh = new Array(12).fill(0);
  for (const n of notes) {
    pch[n.pitch % 12]++;
    const beats = n.duration / PPQ;
    let best = 0;
    NOTE_LENGTHS.forEach((len, i) => {
      if (Math.abs(Math.log(beats / len)) < Math.abs(Math.log(beats / NOTE_LENGTHS[best]))) best = i;
    });
    nlh[best]++;
  }
  let intervals = 0;
  for (let i = 1; i < pitches.length; i++) intervals += Math.abs(pitches[i] - pitches[i - 1]);
  const onsets = [...new Set(notes.map((n) => n.tick))];
  const norm = (h: number[]) => h.map((v) => (notes.length ? v / notes.length : 0));
  return {
    pitchCount: new Set(pitches).size,
    pitchRange: pitches.length ? maxOf(pitches) - minOf(pitches) : 0,
    averageInterval: pitches.length > 1 ? intervals / (pitches.length - 1) : 0,
    interOnsetInterval: onsets.length > 1 ? (onsets[onsets.length - 1] - onsets[0]) / PPQ / (onsets.length - 1) : 0,
    pitchClassHistogram: norm(pch),
    noteLengthHistogram: norm(nlh),
  };
}
