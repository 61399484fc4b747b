import type { Meter, Ticks } from '../../core';
import type { CorpusPiece, CorpusTrack } from '../types';
import { DEFAULT_KEY_PROFILES, type KeyEstimate, type KeyProfileName } from './keyEstimate';
import type { Key, KeyAgreement } from './keySignature';
import type { TempoPoint } from './tempoMap';

/** A time signature from `tick` (domain ticks) until the next. */
export interface MeterPoint {
  tick: Ticks;
  meter: Meter;
}

/** A key signature from `tick` (domain ticks) until the next. */
export interface KeyPoint extends Key {
  tick: Ticks;
}

/** A track of an imported file: one MIDI channel of one track chunk. */
export interface ImportedTrack extends CorpusTrack {
  /** The track chunk's name as the file gives it; "" when it has none. */
  name: string;
  /** MIDI channel, 0–15 (9 = General MIDI drums). */
  channel: number;
  /** General MIDI program, 0–127: the first program change on the channel, else 0. */
  program: number;
}

/** A Standard MIDI file imported as a corpus piece, with what the file says about time and key. */
export interface ImportedPiece extends CorpusPiece {
  tracks: ImportedTrack[];
  /** The file's SMF format: 0 (one track), 1 (simultaneous tracks), 2 (patterns, here played in turn). */
  format: 0 | 1 | 2;
  /** Tempo changes, the first at tick 0. `tempo` is the one in effect longest. */
  tempoMap: TempoPoint[];
  /** Time signature changes, the first at tick 0 (4/4 when the file has none). `meter` is the longest. */
  meters: MeterPoint[];
  /** Every key signature of the file, in order; empty when it has none. */
  keySignatures: KeyPoint[];
  /** The key signature in effect longest, when the file has one. */
  keySignature?: Key;
  /** The key estimated from the notes (Krumhansl–Schmuckler), whatever the file says. */
  keyEstimate: KeyEstimate;
  /** How the estimate relates to `keySignature`, when there is one. */
  keyAgreement?: KeyAgreement;
  /** What was repaired or ignored while reading, one line per kind of problem. */
  warnings: string[];
}

/** Options of {@link importMidi}. */
export interface ImportOptions {
  /** Snap notes to the meter's grid (default true). */
  quantize: boolean;
  /** Let a beat choose a triplet grid when its notes fit it better (default true). */
  triplets: boolean;
  /** Key profiles of the key estimate (default Aarden–Essen, see {@link KEY_PROFILES}). */
  keyProfiles: KeyProfileName;
}

/** The options {@link importMidi} uses where the caller gives none. */
export const DEFAULT_IMPORT_OPTIONS: Readonly<ImportOptions> = {
  quantize: true,
  triplets: true,
  keyProfiles: DEFAULT_KEY_PROFILES,
};
