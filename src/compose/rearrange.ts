import { barTicks, beatTicks, createRng, pushAll, type Ticks } from '../core';
import { chordOfRoman, type Note } from '../corpus';
import { arrange } from './arrange';
import { GM_DRUMS, leadInFill } from './drums';
import type { PartId } from './edits';
import { applyGroove } from './groove';
import type { ComposeOptions } from './options';
import { type ChordSpan, type Piece, pieceTicks } from './piece';

/**
 * A track's notes with [from, to) taken from `fresh`: notes before keep their onsets (cut at
 * `from`), notes from `to` on are untouched, and fresh notes that start inside are cut at `to`.
 */
export function spliceNotes(old: readonly Note[], fresh: readonly Note[], from: Ticks, to: Ticks, slack = 0): Note[] {
  // `slack`: onsets humanized up to that many ticks early still belong to the beat they were on.
  if (slack > 0) return spliceNotes(old, fresh, from - slack, to - slack);
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

/** Bars arranged before and after a span, so that the span's voicing and bass come from a line. */
const WINDOW_BEFORE = 2;
const WINDOW_AFTER = 1;

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
  slack = 0,
): Piece {
  if (parts.length === 0 || to <= from) return piece;
  const end = pieceTicks(piece);
  // Arranged again listening to the piece's tune, as the first time — over the span and the bars
  // around it only (two before, for the voices to settle into the line they come from; one after),
  // since only the span is kept: an 8-bar selection costs what 11 bars cost, not the whole piece.
  const bar = barTicks(o.meter);
  const wFrom = Math.max(0, Math.floor(from / bar) * bar - WINDOW_BEFORE * bar);
  const wTo = Math.min(end, Math.ceil(to / bar) * bar + WINDOW_AFTER * bar);
  const chords = piece.chords
    .filter((c) => c.tick < wTo && c.tick + c.duration > wFrom)
    .map((c) => {
      const start = Math.max(wFrom, c.tick);
      return { ...c, tick: start, duration: Math.min(wTo, c.tick + c.duration) - start };
    });
  const melody = piece.tracks
    .filter((t) => t.role === 'melody')
    .flatMap((t) => t.notes)
    .filter((n) => n.tick + n.duration > wFrom && n.tick < wTo);
  const fresh = arrange({ ...o, bars: piece.bars }, createRng(seed), chords, melody, piece.sections, end);
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
      return { ...t, notes: spliceNotes(t.notes, made.notes, from, to, slack) };
    }),
  };
}

/**
 * The chord lane's edit: [from, to) set to one chord (a roman numeral in the piece's key), the
 * chords and bass parts arranged again there with the piece's seed (new voicings, the bass on the
 * new roots), and the drums follow the new harmony: where the new chord differs from the one before
 * it, a fill leads into it (a beat long, half a bar before a chord of a bar or more) and a crash
 * marks it, as a drummer marks a change. A roman numeral that names no chord leaves the piece as it is.
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
  // A chord's notes humanized a few ticks early are the new chord's, not blips of the old one.
  const arranged = rearrange({ ...piece, chords }, o, seed, from, to, ['chords', 'bass'], o.groove.timing);
  const before = piece.chords.filter((c) => c.tick < from).at(-1);
  if (!o.drums?.fills || !before || before.roman === span.roman) return arranged;
  return withLeadIn(arranged, o, seed, from, to - from);
}

/** The drums with a fill into the chord at `at` in place of the groove before it, and a crash on it. */
function withLeadIn(piece: Piece, o: ComposeOptions, seed: number, at: Ticks, chordLength: Ticks): Piece {
  const drums = piece.tracks.find((t) => t.id === 'drums');
  if (!drums || !o.drums) return piece;
  const bar = barTicks(o.meter);
  const length = Math.min(at, chordLength >= bar ? bar / 2 : beatTicks(o.meter));
  if (length <= 0) return piece;
  // The fill takes the piece's groove (swing, timing); the crash lands on the chord.
  const crash = GM_DRUMS.crash;
  const made = leadInFill(o.meter, at, length, o.drums.velocity, createRng(seed).fork(`lead-in ${at}`));
  const fill = applyGroove(
    made.filter((n) => n.pitch !== crash),
    o.groove,
    pieceTicks(piece),
    createRng(seed).fork(`lead-in groove ${at}`),
  );
  const near = beatTicks(o.meter) / 4;
  const kept = drums.notes.filter(
    (n) => (n.tick < at - length || n.tick >= at) && !(n.pitch === crash && Math.abs(n.tick - at) < near),
  );
  const notes = [...kept, ...fill, ...made.filter((n) => n.pitch === crash)].sort(
    (a, b) => a.tick - b.tick || a.pitch - b.pitch,
  );
  return { ...piece, tracks: piece.tracks.map((t) => (t === drums ? { ...t, notes } : t)) };
}
