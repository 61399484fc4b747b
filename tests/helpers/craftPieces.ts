import type { Piece, PieceTrack } from '../../src/compose';
import type { Meter } from '../../src/core';
import type { CorpusPiece, Note, TrackRole } from '../../src/corpus';

/** A note at `tick` for `duration` ticks (velocity 80). */
export const note = (pitch: number, tick: number, duration: number): Note => ({ pitch, tick, duration, velocity: 80 });

/**
 * A four-part chorale in 4/4, one sonority per quarter: each row is [soprano, alto, tenor, bass]
 * (null: that voice rests), as an imported piece with tracks S (melody), A, T (other), B (bass).
 */
export function chorale(rows: (number | null)[][], chords: { tick: number; symbol: string }[] = []): CorpusPiece {
  const names = ['Soprano', 'Alto', 'Tenor', 'Bass'];
  const roles: TrackRole[] = ['melody', 'other', 'other', 'bass'];
  return corpusPiece(
    [4, 4],
    names.map((name, v) => ({
      name,
      role: roles[v],
      notes: rows.flatMap((row, i) => (row[v] === null ? [] : [note(row[v] as number, i * 480, 480)])),
    })),
    spans(chords, rows.length * 480),
  );
}

/** An imported piece with these tracks and chords. */
export function corpusPiece(
  meter: Meter,
  tracks: { name: string; role: TrackRole; notes: Note[] }[],
  chords: { tick: number; duration: number; symbol: string }[] = [],
): CorpusPiece {
  return {
    id: 't',
    title: 't',
    source: 'test',
    licence: 'CC0-1.0',
    key: 'C',
    mode: 'major',
    meter,
    tempo: 100,
    tracks,
    chords,
  };
}

/** A composed piece of `bars` bars with these parts (ids = roles), chords and sections. */
export function composed(
  meter: Meter,
  bars: number,
  parts: Partial<Record<'melody' | 'chords' | 'bass' | 'drums', Note[]>>,
  chords: { tick: number; symbol: string }[] = [],
  sections: { label: string; tick: number; bars: number }[] = [{ label: 'A', tick: 0, bars }],
): Piece {
  const bar = (meter[0] * 1920) / meter[1];
  const tracks: PieceTrack[] = Object.entries(parts).map(([id, notes], channel) => ({
    id,
    name: id,
    role: id as TrackRole,
    channel: id === 'drums' ? 9 : channel,
    program: 0,
    notes: [...(notes ?? [])].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch),
  }));
  return {
    title: 't',
    ppq: 480,
    tempo: 100,
    meter,
    key: 'C',
    mode: 'major',
    bars,
    tracks,
    chords: spans(chords, bars * bar).map((c) => ({ ...c, roman: '' })),
    sections,
  };
}

/** Chord starts → contiguous spans up to `end`. */
function spans(chords: { tick: number; symbol: string }[], end: number) {
  return chords.map((c, i) => ({ ...c, duration: (chords[i + 1]?.tick ?? end) - c.tick }));
}
