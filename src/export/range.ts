import type { Piece } from '../compose';
import { barTicks } from '../core';

/**
 * The bars `from`–`to` (1-based, inclusive) of a piece as a piece of their own, starting at tick 0:
 * notes that begin in the range are kept (cut at its end), chords and sections are clipped. A range
 * outside the piece is clamped to it.
 */
export function sliceBars(piece: Piece, from: number, to: number): Piece {
  const first = Math.min(Math.max(1, Math.floor(from)), piece.bars);
  const last = Math.min(Math.max(first, Math.floor(to)), piece.bars);
  if (first === 1 && last === piece.bars) return piece;
  const bar = barTicks(piece.meter);
  const start = (first - 1) * bar;
  const end = last * bar;
  const clip = <T extends { tick: number; duration: number }>(items: readonly T[], startsInside: boolean): T[] =>
    items
      .filter((x) => (startsInside ? x.tick >= start && x.tick < end : x.tick < end && x.tick + x.duration > start))
      .map((x) => {
        const tick = Math.max(x.tick, start);
        return { ...x, tick: tick - start, duration: Math.min(x.tick + x.duration, end) - tick };
      });
  return {
    ...piece,
    title: `${piece.title} (bars ${first}–${last})`,
    bars: last - first + 1,
    tracks: piece.tracks.map((t) => ({ ...t, notes: clip(t.notes, true) })),
    chords: clip(piece.chords, false),
    sections: piece.sections
      .filter((s) => s.tick < end && s.tick + s.bars * bar > start)
      .map((s) => {
        const tick = Math.max(s.tick, start);
        return { ...s, tick: tick - start, bars: Math.round((Math.min(s.tick + s.bars * bar, end) - tick) / bar) };
      }),
  };
}

/** One piece per track (drums keep channel 10), for "one file per track" exports. */
export function splitTracks(piece: Piece): Piece[] {
  return piece.tracks.map((t) => ({ ...piece, title: `${piece.title} – ${t.name}`, tracks: [t] }));
}
