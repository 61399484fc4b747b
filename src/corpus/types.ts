import type { Meter, MidiPitch, Ticks, Velocity } from '../core';

/** What a track does in a piece; models learn melody from `melody` and harmony from chords. */
export type TrackRole = 'melody' | 'chords' | 'bass' | 'drums' | 'other';

/** Modes a piece can be in ("ionian" is written "major", "aeolian" is "minor"). */
export const MODES = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian'] as const;
export type Mode = (typeof MODES)[number];

/** One sounding note, in integer ticks. */
export interface Note {
  pitch: MidiPitch;
  tick: Ticks;
  duration: Ticks;
  velocity: Velocity;
}

/** A chord symbol (tonal's vocabulary, e.g. "G7", "Am", "D/F#") sounding from `tick` for `duration`. */
export interface ChordEvent {
  tick: Ticks;
  duration: Ticks;
  symbol: string;
}

export interface CorpusTrack {
  name: string;
  role: TrackRole;
  notes: Note[];
}

/** One piece of a corpus, with its provenance: what it is, where it comes from, under which licence. */
export interface CorpusPiece {
  id: string;
  title: string;
  composer?: string;
  source: string;
  licence: string;
  /** Tonic, e.g. "G", "Bb", "F#". */
  key: string;
  mode: Mode;
  meter: Meter;
  /** Quarter-note beats per minute. */
  tempo: number;
  tracks: CorpusTrack[];
  chords?: ChordEvent[];
}

/** A named collection of pieces in the project's JSON format, with ticks at the domain's PPQ. */
export interface Corpus {
  name: string;
  description: string;
  pieces: CorpusPiece[];
}
