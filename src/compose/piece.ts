import { type Bpm, barTicks, type Meter, type PPQ, type Ticks } from '../core';
import type { Mode, Note, TrackRole } from '../corpus';

/** One instrument's part of a piece. */
export interface PieceTrack {
  /** Stable id ("melody", "chords", "bass"), used by the engine and the mixer. */
  id: string;
  name: string;
  role: TrackRole;
  /** MIDI channel, 0-based (9 is drums). */
  channel: number;
  /** General MIDI program, 0-based. */
  program: number;
  /** Sorted by tick, then pitch. */
  notes: Note[];
}

/** A chord of the harmony, with its symbol in the piece's key and its roman numeral. */
export interface ChordSpan {
  tick: Ticks;
  duration: Ticks;
  symbol: string;
  roman: string;
}

/** A labelled stretch of the form (A, B, ...). */
export interface Section {
  label: string;
  tick: Ticks;
  bars: number;
}

/** A composed piece: plain data in integer ticks, the input of the engine, the exports and the UI. */
export interface Piece {
  title: string;
  ppq: typeof PPQ;
  tempo: Bpm;
  meter: Meter;
  key: string;
  mode: Mode;
  bars: number;
  tracks: PieceTrack[];
  chords: ChordSpan[];
  sections: Section[];
}

/** Total length of a piece in ticks. */
export function pieceTicks(piece: Piece): Ticks {
  return piece.bars * barTicks(piece.meter);
}

/**
 * Lists what is wrong with a piece, empty when it is well formed: integer sorted ticks inside the
 * piece, positive durations, pitches 0–127, velocities 1–127, no overlapping notes of one pitch in a
 * track, chords covering the whole length.
 */
export function checkPiece(piece: Piece): string[] {
  const problems: string[] = [];
  const end = pieceTicks(piece);
  for (const track of piece.tracks) {
    let last = -1;
    const sounding = new Map<number, number>();
    for (const [i, n] of track.notes.entries()) {
      const at = `${track.id} note ${i}`;
      if (!Number.isInteger(n.tick) || n.tick < 0) problems.push(`${at}: tick ${n.tick}`);
      if (n.tick < last) problems.push(`${at}: not sorted (${n.tick} after ${last})`);
      if (!Number.isInteger(n.duration) || n.duration <= 0) problems.push(`${at}: duration ${n.duration}`);
      if (n.tick + n.duration > end) problems.push(`${at}: ends at ${n.tick + n.duration}, after the piece (${end})`);
      if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) problems.push(`${at}: pitch ${n.pitch}`);
      if (!Number.isInteger(n.velocity) || n.velocity < 1 || n.velocity > 127)
        problems.push(`${at}: velocity ${n.velocity}`);
      if ((sounding.get(n.pitch) ?? -1) > n.tick) problems.push(`${at}: overlaps an earlier ${n.pitch}`);
      sounding.set(n.pitch, n.tick + n.duration);
      last = n.tick;
    }
  }
  let cursor = 0;
  for (const c of piece.chords) {
    if (c.tick !== cursor) problems.push(`chord at ${c.tick}: expected ${cursor}`);
    if (c.symbol === '') problems.push(`chord at ${c.tick}: no symbol`);
    cursor = c.tick + c.duration;
  }
  if (cursor !== end) problems.push(`chords end at ${cursor}, the piece at ${end}`);
  return problems;
}
