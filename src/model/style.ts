import { barTicks, type Meter, maxOf, minOf } from '../core';
import type { CorpusPiece, Mode } from '../corpus';

/*
 * What a corpus sounds like, in the few figures a preset needs: its usual meter, tempo, key and
 * mode, where its melodies lie and how busy they are, and which parts its pieces have. A trained
 * model keeps them (the model file's `style`), so a model of the user's composes in its corpus's
 * own manner when no preset is named (src/presets/modelPreset.ts).
 */

/** A corpus in figures. */
export interface CorpusStyle {
  /** The meter most pieces have. */
  meter: Meter;
  /** The median tempo in bpm. */
  tempo: number;
  /** The most common tonic ("G") and mode. */
  key: string;
  mode: Mode;
  /** The median lowest and highest pitch of a piece's melody. */
  melody: { low: number; high: number };
  /** The median number of melody notes per bar. */
  notesPerBar: number;
  /** The share of pieces with chords, with a bass part, with a drum part (0–1). */
  parts: { chords: number; bass: number; drums: number };
}

/** The most frequent value (the first of equals in sorted order, so the answer is stable). */
function mostCommon<T>(values: readonly T[], keyOf: (v: T) => string): T | undefined {
  const counts = new Map<string, { value: T; count: number }>();
  for (const v of values) {
    const k = keyOf(v);
    const c = counts.get(k);
    if (c) c.count++;
    else counts.set(k, { value: v, count: 1 });
  }
  return [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))[0]?.[1].value;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One piece's share of its corpus's style; pieces without a melody have none. */
export interface PieceFigures {
  meter: Meter;
  tempo: number;
  key: string;
  mode: Mode;
  /** Lowest and highest melody pitch. */
  low: number;
  high: number;
  /** Melody onsets per bar. */
  density: number;
  chords: boolean;
  bass: boolean;
  drums: boolean;
}

/** The figures of one piece; undefined when it has no melody notes. */
export function pieceFigures(p: CorpusPiece): PieceFigures | undefined {
  if (!p.tracks.some((t) => t.role === 'melody' && t.notes.length > 0)) return undefined;
  const notes = p.tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes);
  const pitches = notes.map((n) => n.pitch);
  const first = minOf(notes.map((n) => n.tick));
  const last = maxOf(notes.map((n) => n.tick + n.duration));
  const bars = Math.max(1, Math.round((last - first) / barTicks(p.meter)));
  return {
    meter: p.meter,
    tempo: p.tempo,
    key: p.key,
    mode: p.mode,
    low: minOf(pitches),
    high: maxOf(pitches),
    density: new Set(notes.map((n) => n.tick)).size / bars,
    chords: (p.chords?.length ?? 0) > 0,
    bass: p.tracks.some((t) => t.role === 'bass' && t.notes.length > 0),
    drums: p.tracks.some((t) => t.role === 'drums' && t.notes.length > 0),
  };
}

/**
 * The style of a corpus; undefined when no piece has a melody (nothing to go by).
 *
 * @example
 * styleOf(nottingham).meter; // => [4, 4] (380 of 771 tunes; 6/8 has 332)
 */
export function styleOf(pieces: readonly CorpusPiece[]): CorpusStyle | undefined {
  const figures: PieceFigures[] = [];
  for (const p of pieces) {
    const f = pieceFigures(p);
    if (f) figures.push(f);
  }
  return styleOfFigures(figures);
}

/** The style of a corpus from its melodic pieces' figures, in corpus order; undefined when there are none. */
export function styleOfFigures(melodic: readonly PieceFigures[]): CorpusStyle | undefined {
  if (melodic.length === 0) return undefined;
  const share = (has: (p: PieceFigures) => boolean) =>
    Math.round((100 * melodic.filter(has).length) / melodic.length) / 100;
  const tempo = Math.round(median(melodic.map((p) => p.tempo)) ?? 120);
  return {
    meter: mostCommon(
      melodic.map((p) => p.meter),
      (m) => `${m[0]}/${m[1]}`,
    ) ?? [4, 4],
    tempo: Math.min(300, Math.max(30, tempo)),
    key:
      mostCommon(
        melodic.map((p) => p.key),
        (k) => k,
      ) ?? 'C',
    mode:
      mostCommon(
        melodic.map((p) => p.mode),
        (m) => m,
      ) ?? 'major',
    melody: {
      low: Math.round(median(melodic.map((p) => p.low)) ?? 60),
      high: Math.round(median(melodic.map((p) => p.high)) ?? 79),
    },
    notesPerBar: Math.round(100 * (median(melodic.map((p) => p.density)) ?? 0)) / 100,
    parts: { chords: share((p) => p.chords), bass: share((p) => p.bass), drums: share((p) => p.drums) },
  };
}
