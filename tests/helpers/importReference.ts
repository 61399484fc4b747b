import type { Meter, Ticks } from '../../src/core';
import { type Evidence, NO_PITCH } from '../../src/corpus/chords/evidence';
import { type MetricGrid, metricLevelOf } from '../../src/corpus/chords/grid';
import type { LabelOptions } from '../../src/corpus/chords/options';
import { CHORD_TYPES, type ChordTemplate } from '../../src/corpus/chords/vocabulary';
import { trimOverlapsInPlace } from '../../src/corpus/midi/overlaps';
import { meterGrid } from '../../src/corpus/midi/quantize';
import type { Note } from '../../src/corpus/types';

/**
 * The chord segmentation and the quantizer as they were before issue 17 made them fast (commit
 * 57c4c39), kept plain as oracles: the fast code must give exactly what these give, score for score
 * and tick for tick. `fault` plants a change in the tie rules, for the tests' negative controls.
 */
export interface ReferenceFault {
  /** Ties between chord templates go to the last one tried instead of the first. */
  lastTemplateOnTie?: boolean;
  /** Ties between grids go to the finer one instead of the coarser. */
  finerGridOnTie?: boolean;
}

/** A segment as the reference labeller finds it: span, and the chord's root, type, bass and score. */
export interface ReferenceSegment {
  start: Ticks;
  end: Ticks;
  chord: { root: number; type: number; bass: number; score: number } | null;
}

/** The segmentation of `evidence` (the dynamic programme of segment.ts, with bestChord of score.ts). */
export function referenceSegments(
  evidence: Evidence,
  grid: MetricGrid,
  maxWindow: Ticks,
  templates: readonly (readonly ChordTemplate[])[],
  scaleMask: number,
  options: LabelOptions,
  fault: ReferenceFault = {},
): ReferenceSegment[] {
  const priorCost = templates.map((row) =>
    row.map(
      (t) => CHORD_TYPES[t.type].cost + options.chromaticTone * t.tones.filter((pc) => !(scaleMask & (1 << pc))).length,
    ),
  );
  const { changes } = evidence;
  const count = changes.length - 1;
  const changeCost = changes.map((t) => options.changeCost[metricLevelOf(t, grid)] * grid.beat);
  const best = new Float64Array(count + 1);
  const from = new Int32Array(count + 1);
  const chords: (ReferenceSegment['chord'] | null)[] = new Array(count + 1).fill(null);
  for (let j = 1; j <= count; j++) {
    best[j] = Number.NEGATIVE_INFINITY;
    const window = {
      weight: new Float64Array(12),
      bassOfChord: new Float64Array(12),
      lowestPitch: new Uint8Array(12).fill(NO_PITCH),
      absentFromChord: new Float64Array(12),
      total: 0,
    };
    for (let i = j - 1; i >= 0; i--) {
      const duration = changes[j] - changes[i];
      if (i < j - 1 && (duration > maxWindow || j - i > 48)) break;
      const at = i * 12;
      for (let pc = 0; pc < 12; pc++) {
        const w = evidence.weight[at + pc];
        window.weight[pc] += w;
        window.total += w;
        window.bassOfChord[pc] += evidence.bassOfChord[at + pc];
        window.absentFromChord[pc] += evidence.absentFromChord[at + pc];
        if (evidence.lowestPitch[at + pc] < window.lowestPitch[pc])
          window.lowestPitch[pc] = evidence.lowestPitch[at + pc];
      }
      // bestChord
      let chord: ReferenceSegment['chord'] = null;
      if (window.total > 0) {
        let bestScore = Number.NEGATIVE_INFINITY;
        for (let root = 0; root < 12; root++) {
          if (window.weight[root] <= 0) continue;
          const row = templates[root];
          for (let k = 0; k < row.length; k++) {
            const template = row[k];
            let covered = 0;
            let missing = 0;
            let absent = 0;
            let bass = root;
            for (const pc of template.tones) {
              const w = window.weight[pc];
              absent += window.absentFromChord[pc];
              if (w > 0) {
                covered += w;
                if (window.lowestPitch[pc] < window.lowestPitch[bass]) bass = pc;
              } else missing++;
            }
            const score =
              covered -
              options.nonChordTone * (window.total - covered) -
              options.absentTone * absent -
              grid.beat * (options.missingTone * missing + priorCost[root][k]) +
              (bass === root ? options.rootInBass * duration : 0) +
              options.bassFit * window.bassOfChord[bass];
            if (score > bestScore || (fault.lastTemplateOnTie && score === bestScore)) {
              bestScore = score;
              chord = { root, type: template.type, bass, score };
            }
          }
        }
      }
      const total = best[i] + (chord ? chord.score : 0) - (i > 0 ? changeCost[i] : 0);
      if (total > best[j]) {
        best[j] = total;
        from[j] = i;
        chords[j] = chord;
      }
    }
  }
  const segments: ReferenceSegment[] = [];
  for (let j = count; j > 0; j = from[j]) segments.push({ start: changes[from[j]], end: changes[j], chord: chords[j] });
  return segments.reverse();
}

/**
 * `quantizeNotes` as it was: each window's grid chosen from all its points, then overlaps trimmed
 * (unless `trim` is false: `quantizeInMeters` trims once, after snapping every meter's notes).
 */
export function referenceQuantize(
  notes: readonly Note[],
  meter: Meter,
  options: { triplets: boolean; origin: Ticks; trim?: boolean },
  fault: ReferenceFault = {},
): Note[] {
  const { window, straight, triplet } = meterGrid(meter);
  const steps = options.triplets ? [straight, triplet, straight / 2, triplet / 2] : [straight, straight / 2];
  const coarse = options.triplets ? 2 : 1;
  const half = Math.min(...steps) / 2;
  const windowOf = (t: Ticks) => Math.floor((t - options.origin + half) / window);
  const windows = new Map<number, { onsets: number[]; ends: number[] }>();
  const pointsOf = (t: Ticks) => {
    const w = windowOf(t);
    const points = windows.get(w) ?? { onsets: [], ends: [] };
    windows.set(w, points);
    return points;
  };
  for (const n of notes) {
    pointsOf(n.tick).onsets.push(n.tick);
    pointsOf(n.tick + n.duration).ends.push(n.tick + n.duration);
  }
  const stepOf = new Map<number, Ticks>();
  for (const [w, points] of windows) {
    const base = options.origin + w * window;
    const onsets = [...new Set(points.onsets)].sort((a, b) => a - b);
    let best = { step: steps[0], merged: Number.POSITIVE_INFINITY, moved: Number.POSITIVE_INFINITY, coarse: false };
    steps.forEach((step, i) => {
      const at = (t: number) => Math.round((t - base) / step);
      let merged = 0;
      for (let k = 1; k < onsets.length; k++) {
        if (onsets[k] - onsets[k - 1] >= straight / 3 && at(onsets[k]) === at(onsets[k - 1])) merged++;
      }
      let moved = 0;
      for (const t of points.onsets) moved += distance(t - base, step);
      for (const t of points.ends) moved += distance(t - base, step);
      const candidate = { step, merged, moved, coarse: i < coarse && merged === 0 };
      const less = (a: number, b: number) => a < b || (fault.finerGridOnTie === true && a === b);
      const better = best.coarse
        ? candidate.coarse && less(moved, best.moved)
        : candidate.coarse || merged < best.merged || (merged === best.merged && less(moved, best.moved));
      if (better) best = candidate;
    });
    stepOf.set(w, best.step);
  }
  const snap = (t: Ticks): [Ticks, Ticks] => {
    const w = windowOf(t);
    const base = options.origin + w * window;
    const step = stepOf.get(w) ?? straight;
    return [Math.max(0, base + Math.round((t - base) / step) * step), step];
  };
  const snapped = notes.map((n) => {
    const [tick, step] = snap(n.tick);
    const [end] = snap(n.tick + n.duration);
    return { pitch: n.pitch, tick, duration: end > tick ? end - tick : step, velocity: n.velocity };
  });
  return options.trim === false ? snapped : trimOverlapsInPlace(snapped);
}

function distance(offset: number, step: number): number {
  const r = ((offset % step) + step) % step;
  return Math.min(r, step - r);
}
