import { barTicks, type Meter, type Ticks } from '../../core';
import { type ChordEvent, type CorpusPiece, type Mode, type Note, skyline, type TrackRole } from '../../corpus';

/** One part of a score as the craft measures read it. */
export interface ScorePart {
  /** The track's id (composed pieces) or name (imported pieces). */
  id: string;
  role: TrackRole;
  /** Sorted by tick, then pitch. */
  notes: Note[];
}

/**
 * What the craft measures read: one shape for a composed {@link Piece} and an imported
 * {@link CorpusPiece} (a Nottingham MIDI file, a JSB chorale, a built-in corpus piece), so that
 * generated and real music go through the same measuring code.
 */
export interface CraftScore {
  meter: Meter;
  /** Length in ticks: the composed piece's bars, or the last note's end rounded up to a bar. */
  end: Ticks;
  /** The tune: the melody track's highest note at each onset (a double stop counts once). */
  melody: Note[];
  /**
   * The parts that make the texture, top to bottom: the melody first, the chords and other
   * pitched parts by their mean pitch (highest first), the bass last. Drums are left out.
   */
  voices: ScorePart[];
  /** Every part, drums included (for swing). */
  tracks: ScorePart[];
  /** The harmony: consecutive chord symbols (may be empty for a piece without chords). */
  chords: ChordEvent[];
  /** Where each phrase starts, ascending, the first at 0. */
  phrases: Ticks[];
  /** The key's tonic and mode, when the piece names them (what spells its notes). */
  key?: string;
  mode?: Mode;
}

/** How a piece is read: the phrase grid for pieces that do not mark their phrases. */
export interface ScoreOptions {
  /** Bars of a phrase (default 4): inside each section of a composed piece, and from tick 0 in an imported one. */
  phraseBars: number;
}

const defaults: ScoreOptions = { phraseBars: 4 };

/** The structure both a composed piece and an imported piece offer (a Piece has `sections` and `bars` besides). */
export interface ScoreSource {
  meter: Meter;
  tracks: readonly { id?: string; name: string; role: TrackRole; notes: readonly Note[] }[];
  chords?: readonly ChordEvent[];
  bars?: number;
  sections?: readonly { tick: Ticks; bars: number }[];
  key?: string;
  mode?: Mode;
}

/**
 * Reads a composed piece or an imported corpus piece as a {@link CraftScore}. Phrases: a composed
 * piece's sections split into phrases of `phraseBars` (its intro and outro are one phrase each, as
 * the form lays them); an imported piece, which does not mark its phrases, on a grid of `phraseBars`
 * bars from tick 0.
 *
 * @example
 * craftScore(generate({ preset: 'chorale', seed: 1 }).value.piece); // => { meter: [4, 4], ... }
 */
export function craftScore(piece: ScoreSource | CorpusPiece, options: Partial<ScoreOptions> = {}): CraftScore {
  const { phraseBars } = { ...defaults, ...options };
  const source = piece as ScoreSource;
  const bar = barTicks(source.meter);
  const tracks: ScorePart[] = source.tracks.map((t) => ({
    id: t.id ?? t.name,
    role: t.role,
    notes: [...t.notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch),
  }));
  const lastEnd = tracks.reduce((e, t) => t.notes.reduce((m, n) => Math.max(m, n.tick + n.duration), e), 0);
  const end = source.bars !== undefined ? source.bars * bar : Math.ceil(lastEnd / bar) * bar;
  const melodyParts = tracks.filter((t) => t.role === 'melody');
  const pitched = tracks.filter((t) => t.role !== 'drums' && t.role !== 'melody');
  const middle = pitched.filter((t) => t.role !== 'bass').sort((a, b) => meanPitch(b) - meanPitch(a));
  const voices = [...melodyParts, ...middle, ...pitched.filter((t) => t.role === 'bass')];
  return {
    meter: source.meter,
    end,
    melody: skyline(melodyParts.flatMap((t) => t.notes)),
    voices,
    tracks,
    chords: [...(source.chords ?? [])],
    phrases: source.sections?.length
      ? sectionPhrases(source.sections, phraseBars, bar)
      : gridPhrases(end, phraseBars * bar),
    ...(source.key && source.mode ? { key: source.key, mode: source.mode } : {}),
  };
}

function meanPitch(part: ScorePart): number {
  return part.notes.reduce((s, n) => s + n.pitch, 0) / Math.max(1, part.notes.length);
}

function sectionPhrases(sections: readonly { tick: Ticks; bars: number }[], phraseBars: number, bar: Ticks): Ticks[] {
  const out: Ticks[] = [];
  for (const s of sections) for (let b = 0; b < s.bars; b += Math.max(1, phraseBars)) out.push(s.tick + b * bar);
  return out;
}

function gridPhrases(end: Ticks, phrase: Ticks): Ticks[] {
  const out: Ticks[] = [0];
  for (let t = phrase; t < end; t += phrase) out.push(t);
  return out;
}
