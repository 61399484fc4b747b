import { maxOf, minOf } from '../../core';
import { percentile } from './harmonicRhythm';
import type { CraftMeasures } from './measure';
import { pool, ratio, type Share } from './share';
import { poolSwing, type SwingUnit } from './swing';

/** A share over a set of pieces: pooled (every case of every piece), and the lowest and highest piece. */
export interface ShareSummary {
  /** The pooled share 0–1, null when no piece had a case to count. */
  share: number | null;
  count: number;
  of: number;
  /** The lowest and highest share of a single piece (pieces with cases only). */
  min: number | null;
  max: number | null;
}

/** A per-piece number over a set: its mean, lowest and highest. */
export interface ValueSummary {
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** The craft measures of a set of pieces (`muse stats --json`, key `craft`). */
export interface CraftSummary {
  pieces: number;
  parallelFifths: ShareSummary;
  parallelOctaves: ShareSummary;
  voices: ValueSummary;
  voiceCrossing: ShareSummary;
  sopranoUnison: ShareSummary;
  aboveSoprano: ShareSummary;
  inversions: ShareSummary;
  clashes: ShareSummary;
  clashesWithSevenths: ShareSummary;
  leapRecovery: ShareSummary;
  wideLeaps: ShareSummary;
  range: ValueSummary;
  phraseContinuity: ShareSummary;
  crossRelations: ShareSummary;
  offBeatChordChanges: ShareSummary;
  longestChordBeats: ValueSummary;
  longestChordBars: ValueSummary;
  /** The 95th percentile of every chord's length in the set, in beats (nearest rank). */
  chordLengthP95Beats: number | null;
  notesPerBar: ValueSummary;
  distinctIois: ValueSummary;
  swing: {
    /** Pieces in which some part swings. */
    swungPieces: number;
    /** Pieces in which this part stayed straight while another part swung, per part id. */
    straight: Record<string, number>;
    /** Per part and unit, the off-beats played and how many came late, pooled. */
    parts: Record<string, Record<SwingUnit, Share>>;
  };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Pooled share with the range of single pieces. */
export function summarizeShare(shares: readonly Share[]): ShareSummary {
  const total = pool(shares);
  const per = shares.filter((s) => s.of > 0).map(ratio);
  return {
    share: finite(ratio(total)),
    count: total.count,
    of: total.of,
    min: per.length ? minOf(per) : null,
    max: per.length ? maxOf(per) : null,
  };
}

/** Mean, lowest and highest of a per-piece number. */
export function summarizeValue(values: readonly number[]): ValueSummary {
  if (values.length === 0) return { mean: null, min: null, max: null };
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min: minOf(values),
    max: maxOf(values),
  };
}

/**
 * The craft measures of a set of pieces: shares pooled over the set (with the lowest and highest
 * piece), numbers as mean and range, the set's 95th percentile of chord lengths, swing per part.
 */
export function summarizeCraft(measures: readonly CraftMeasures[]): CraftSummary {
  const share = (f: (m: CraftMeasures) => Share) => summarizeShare(measures.map(f));
  const value = (f: (m: CraftMeasures) => number) => summarizeValue(measures.map(f));
  const straight: Record<string, number> = {};
  for (const m of measures) for (const id of m.swing.straight) straight[id] = (straight[id] ?? 0) + 1;
  return {
    pieces: measures.length,
    parallelFifths: share((m) => m.parallels.fifths),
    parallelOctaves: share((m) => m.parallels.octaves),
    voices: value((m) => m.voicing.voices),
    voiceCrossing: share((m) => m.voicing.crossing),
    sopranoUnison: share((m) => m.voicing.sopranoUnison),
    aboveSoprano: share((m) => m.voicing.aboveSoprano),
    inversions: share((m) => m.inversions),
    clashes: share((m) => m.clashes),
    clashesWithSevenths: share((m) => m.clashesWithSevenths),
    leapRecovery: share((m) => m.melody.leapRecovery),
    wideLeaps: share((m) => m.melody.wideLeaps),
    range: value((m) => m.melody.range),
    phraseContinuity: share((m) => m.phraseContinuity),
    crossRelations: share((m) => m.crossRelations),
    offBeatChordChanges: share((m) => m.harmonicRhythm.offBeat),
    longestChordBeats: value((m) => m.harmonicRhythm.longestBeats),
    longestChordBars: value((m) => m.harmonicRhythm.longestBars),
    chordLengthP95Beats: finite(
      percentile(
        measures.flatMap((m) => m.harmonicRhythm.lengths),
        95,
      ),
    ),
    notesPerBar: value((m) => m.melody.notesPerBar),
    distinctIois: value((m) => m.melody.distinctIois),
    swing: {
      swungPieces: measures.filter((m) => m.swing.swung).length,
      straight,
      parts: poolSwing(measures.map((m) => m.swing)),
    },
  };
}
