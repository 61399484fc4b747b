import type { Ticks } from '../core';
import type { Note } from '../corpus';
import { type Piece, type PieceTrack, pieceTicks } from './piece';

/*
 * Edits are data: a piece is its recipe's composition with its edits applied in order. An edit
 * names notes by where they are (track, onset, pitch) at the moment it applies, not by an index,
 * so a list of edits is short to write down (share links) and reads the same on every machine.
 * Deltas (move by, lengthen by, louder by) rather than absolute values let one edit act on several
 * selected notes at once.
 */

/** The parts a user selects, locks and regenerates: each is a track id of a piece. */
export const PARTS = ['melody', 'chords', 'bass', 'drums'] as const;
export type PartId = (typeof PARTS)[number];

/** A note of a track named by its onset and pitch. */
export type NoteRef = readonly [tick: Ticks, pitch: number];

/** One change a user made to a composed piece. */
export type Edit =
  /** Adds notes (drawn, played in, recorded, or an answer to a played phrase). */
  | { op: 'add'; track: PartId; notes: readonly Note[] }
  /** Deletes the notes named. */
  | { op: 'delete'; track: PartId; at: readonly NoteRef[] }
  /** Moves the notes named by `dt` ticks and `dp` semitones. */
  | { op: 'move'; track: PartId; at: readonly NoteRef[]; dt: number; dp: number }
  /** Lengthens (or shortens, negative) the notes named by `dd` ticks. */
  | { op: 'resize'; track: PartId; at: readonly NoteRef[]; dd: number }
  /** Changes the velocity of the notes named by `dv`. */
  | { op: 'velocity'; track: PartId; at: readonly NoteRef[]; dv: number }
  /** Removes every note of a track that starts in [from, to) (ticks): room for a played part. */
  | { op: 'clear'; track: PartId; from: Ticks; to: Ticks }
  /** Sets the harmony of [from, to) (ticks) to one chord (a roman numeral): the accompaniment follows. */
  | { op: 'chord'; from: Ticks; to: Ticks; roman: string }
  /**
   * Composes bars [from, to) of the parts named again, from a seed of its own, joined to the music
   * on both sides; `variation` 0 (the same) … 1 (anything the model allows).
   */
  | { op: 'regenerate'; from: number; to: number; parts: readonly PartId[]; seed: number; variation: number }
  /** Sets the harmony of bars [from, to) to the most probable chords for the melody there (Harmonize). */
  | { op: 'harmonize'; from: number; to: number };

/** The shortest note an edit leaves: a 32nd. */
export const MIN_NOTE: Ticks = 60;

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

/**
 * A track's notes made well formed again: onsets inside the piece, at least {@link MIN_NOTE} long
 * (or to the end), pitches 0–127, velocities 1–127, sorted; where two notes of one pitch overlap,
 * the earlier one ends where the later begins (and one of two on the same onset goes).
 */
export function tidyNotes(notes: readonly Note[], end: Ticks): Note[] {
  const out = notes
    .map((n) => {
      const tick = clamp(Math.round(n.tick), 0, end - 1);
      return {
        pitch: clamp(Math.round(n.pitch), 0, 127),
        tick,
        duration: clamp(Math.round(n.duration), 1, end - tick),
        velocity: clamp(Math.round(n.velocity), 1, 127),
      };
    })
    .sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  const next = new Map<number, number>();
  const keep: Note[] = [];
  for (let i = out.length - 1; i >= 0; i--) {
    const n = out[i];
    const following = next.get(n.pitch);
    if (following === n.tick) continue;
    if (following !== undefined && n.tick + n.duration > following) n.duration = following - n.tick;
    next.set(n.pitch, n.tick);
    keep.push(n);
  }
  return keep.reverse();
}

/** Whether a note is one of `refs`. */
function matcher(refs: readonly NoteRef[]): (n: Note) => boolean {
  const keys = new Set(refs.map(([tick, pitch]) => `${tick}:${pitch}`));
  return (n) => keys.has(`${n.tick}:${n.pitch}`);
}

/** The piece with one track's notes replaced (tidied); other tracks are shared, not copied. */
export function withTrackNotes(piece: Piece, id: string, notes: readonly Note[]): Piece {
  const end = pieceTicks(piece);
  return {
    ...piece,
    tracks: piece.tracks.map((t): PieceTrack => (t.id === id ? { ...t, notes: tidyNotes(notes, end) } : t)),
  };
}

/**
 * Applies a note edit (add, delete, move, resize, velocity, clear) to a piece. A note named that is
 * not there is passed over; a track the piece lacks leaves the piece as it is. Returns undefined for
 * the edits that need the model (chord, regenerate, harmonize): see applyEdits.
 */
export function applyNoteEdit(piece: Piece, edit: Edit): Piece | undefined {
  if (edit.op === 'chord' || edit.op === 'regenerate' || edit.op === 'harmonize') return undefined;
  const track = piece.tracks.find((t) => t.id === edit.track);
  if (!track) return piece;
  const notes = track.notes;
  switch (edit.op) {
    case 'add':
      return withTrackNotes(piece, track.id, [...notes, ...edit.notes]);
    case 'clear':
      return withTrackNotes(
        piece,
        track.id,
        notes.filter((n) => n.tick < edit.from || n.tick >= edit.to),
      );
    case 'delete': {
      const hit = matcher(edit.at);
      return withTrackNotes(
        piece,
        track.id,
        notes.filter((n) => !hit(n)),
      );
    }
    case 'move':
    case 'resize':
    case 'velocity': {
      const hit = matcher(edit.at);
      const change = (n: Note): Note =>
        edit.op === 'move'
          ? { ...n, tick: n.tick + edit.dt, pitch: n.pitch + edit.dp }
          : edit.op === 'resize'
            ? { ...n, duration: Math.max(MIN_NOTE, n.duration + edit.dd) }
            : { ...n, velocity: n.velocity + edit.dv };
      return withTrackNotes(
        piece,
        track.id,
        notes.map((n) => (hit(n) ? change(n) : n)),
      );
    }
  }
}

/** What each edit in a list did, in words for provenance and the status line ("3 moves, 1 regeneration"). */
export function describeEdits(edits: readonly Edit[]): string {
  const names: Record<Edit['op'], [string, string]> = {
    add: ['addition', 'additions'],
    delete: ['deletion', 'deletions'],
    move: ['move', 'moves'],
    resize: ['length change', 'length changes'],
    velocity: ['velocity change', 'velocity changes'],
    clear: ['cleared span', 'cleared spans'],
    chord: ['chord change', 'chord changes'],
    regenerate: ['regeneration', 'regenerations'],
    harmonize: ['harmonization', 'harmonizations'],
  };
  const counts = new Map<Edit['op'], number>();
  for (const e of edits) counts.set(e.op, (counts.get(e.op) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${n} ${names[op][n === 1 ? 0 : 1]}`).join(', ');
}
