import { createRng, pushAll, type Ticks } from '../core';
import { chordOfRoman, type Note } from '../corpus';
import { arrange } from './arrange';
import type { PartId } from './edits';
import type { ComposeOptions } from './options';
import { type ChordSpan, type Piece, pieceTicks } from './piece';

/**
 * A track's notes with [from, to) taken from `fresh`: notes before keep their onsets (cut at
 * `from`), notes from `to` on are untouched, and fresh notes that start inside are cut at `to`.
 */
export function spliceNotes(old: readonly Note[], fresh: readonly Note[], from: Ticks, to: Ticks): Note[] {
  const before = old
    .filter((n) => n.tick < from)
    .map((n) => (n.tick + n.duration > from ? { ...n, duration: from - n.tick } : n));
  const inside = fresh
    .filter((n) => n.tick >= from && n.tick < to)
    .map((n) => (n.tick + n.duration > to ? { ...n, duration: to - n.tick } : n));
  return [...before, ...inside, ...old.filter((n) => n.tick >= to)];
}

/** The chords with [from, to) replaced by `inside` (chords across either end are cut there). */
export function spliceChords(chords: readonly ChordSpan[], inside: readonly ChordSpan[], from: Ticks, to: Ticks) {
  const out: ChordSpan[] = [];
  for (const c of chords) {
    const end = c.tick + c.duration;
    if (c.tick < from) out.push(end > from ? { ...c, duration: from - c.tick } : c);
  }
  pushAll(out, inside);
  for (const c of chords) {
    const end = c.tick + c.duration;
    if (end > to) out.push(c.tick < to ? { ...c, tick: to, duration: end - to } : c);
  }
  return out;
}

/**
 * The piece with the parts named arranged again over its (changed) harmony in [from, to): the
 * chords part voiced anew, the bass following the roots, the drums' fills — from `seed`, the
 * piece's own for an edit of the harmony, a new one to draw other bass notes or fills. What lies
 * outside the span stays note for note.
 */
export function rearrange(
  piece: Piece,
  o: ComposeOptions,
  seed: number,
  from: Ticks,
  to: Ticks,
  parts: readonly PartId[],
): Piece {
  if (parts.length === 0 || to <= from) return piece;
  const end = pieceTicks(piece);
  // Arranged again listening to the piece's tune, as the first time.
  const melody = piece.tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes);
  const fresh = arrange({ ...o, bars: piece.bars }, createRng(seed), [...piece.chords], melody, piece.sections, end);
  // The chords named as they now sound (a bass on another tone than the root: "C/E").
  const inside = fresh.chords
    .filter((c) => c.tick < to && c.tick + c.duration > from)
    .map((c) => {
      const start = Math.max(from, c.tick);
      return { ...c, tick: start, duration: Math.min(to, c.tick + c.duration) - start };
    });
  return {
    ...piece,
    chords: parts.includes('bass') ? spliceChords(piece.chords, inside, from, to) : piece.chords,
    tracks: piece.tracks.map((t) => {
      const made = fresh.tracks.find((f) => f.id === t.id);
      // A chorale's alto and tenor are its chords part.
      const part = (t.role === 'chords' ? 'chords' : t.id) as PartId;
      if (!made || t.id === 'melody' || !parts.includes(part)) return t;
      return { ...t, notes: spliceNotes(t.notes, made.notes, from, to) };
    }),
  };
}

/**
 * The chord lane's edit: [from, to) set to one chord (a roman numeral in the piece's key), the
 * chords and bass parts arranged again there with the piece's seed. A roman numeral that names no
 * chord leaves the piece as it is.
 */
export function setChord(
  piece: Piece,
  o: ComposeOptions,
  seed: number,
  span: { from: Ticks; to: Ticks; roman: string },
): Piece {
  const end = pieceTicks(piece);
  const from = Math.max(0, Math.min(end, span.from));
  const to = Math.max(from, Math.min(end, span.to));
  const symbol = chordOfRoman(span.roman, piece.key);
  if (symbol === '' || to <= from) return piece;
  const chords = spliceChords(piece.chords, [{ tick: from, duration: to - from, symbol, roman: span.roman }], from, to);
  return rearrange({ ...piece, chords }, o, seed, from, to, ['chords', 'bass']);
}
