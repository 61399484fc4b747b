import type { PitchClass } from '../../core';
import { type Evidence, NO_PITCH } from './evidence';
import type { LabelOptions } from './options';
import { CHORD_TYPES, type ChordTemplate } from './vocabulary';

/** What sounds in a stretch of consecutive intervals, summed (see {@link Evidence}). */
export interface Window {
  weight: Float64Array;
  bassOfChord: Float64Array;
  lowestPitch: Uint8Array;
  absentFromChord: Float64Array;
  total: number;
}

/** The best chord template for one window, with its bass (the lowest chord tone sounding) and its score. */
export interface WindowChord {
  template: ChordTemplate;
  bass: PitchClass;
  score: number;
}

/** The templates to try, each with its prior cost in beats (complexity and tones outside the key). */
export interface ScoringContext {
  templates: readonly (readonly ChordTemplate[])[];
  priorCost: readonly (readonly number[])[];
  options: LabelOptions;
  /** Ticks per beat, the unit of costs per label. */
  beat: number;
}

/** A context for labelling in a key whose scale has the pitch classes in `scaleMask`. */
export function createScoringContext(
  templates: readonly (readonly ChordTemplate[])[],
  scaleMask: number,
  options: LabelOptions,
  beat: number,
): ScoringContext {
  const priorCost = templates.map((row) =>
    row.map(
      (t) => CHORD_TYPES[t.type].cost + options.chromaticTone * t.tones.filter((pc) => !(scaleMask & (1 << pc))).length,
    ),
  );
  return { templates, priorCost, options, beat };
}

/** Empties `window` for reuse. */
export function clearWindow(window: Window): void {
  window.weight.fill(0);
  window.bassOfChord.fill(0);
  window.lowestPitch.fill(NO_PITCH);
  window.absentFromChord.fill(0);
  window.total = 0;
}

/** An empty window. */
export function createWindow(): Window {
  return {
    weight: new Float64Array(12),
    bassOfChord: new Float64Array(12),
    lowestPitch: new Uint8Array(12).fill(NO_PITCH),
    absentFromChord: new Float64Array(12),
    total: 0,
  };
}

/** Adds interval `k` of `evidence` to `window`. */
export function addInterval(window: Window, evidence: Evidence, k: number): void {
  const at = k * 12;
  for (let pc = 0; pc < 12; pc++) {
    const w = evidence.weight[at + pc];
    window.weight[pc] += w;
    window.total += w;
    window.bassOfChord[pc] += evidence.bassOfChord[at + pc];
    window.absentFromChord[pc] += evidence.absentFromChord[at + pc];
    if (evidence.lowestPitch[at + pc] < window.lowestPitch[pc]) window.lowestPitch[pc] = evidence.lowestPitch[at + pc];
  }
}

/**
 * The best chord for a window lasting `duration` ticks, or null when nothing sounds. Roots are tried
 * only among the sounding pitch classes. Score = weight of chord tones − weight of other tones
 * − chord tones that never sound − chord tones absent from full chords that sound − priors
 * + the time the label's bass is the lowest note of a full chord + a little for the root in the bass.
 */
export function bestChord(window: Window, duration: number, context: ScoringContext): WindowChord | null {
  if (window.total <= 0) return null;
  const o = context.options;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestTemplate: ChordTemplate | null = null;
  let bestBass = 0;
  for (let root = 0; root < 12; root++) {
    if (window.weight[root] <= 0) continue;
    const row = context.templates[root];
    for (let i = 0; i < row.length; i++) {
      const template = row[i];
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
        o.nonChordTone * (window.total - covered) -
        o.absentTone * absent -
        context.beat * (o.missingTone * missing + context.priorCost[root][i]) +
        (bass === root ? o.rootInBass * duration : 0) +
        o.bassFit * window.bassOfChord[bass];
      if (score > bestScore) {
        bestScore = score;
        bestTemplate = template;
        bestBass = bass;
      }
    }
  }
  return bestTemplate ? { template: bestTemplate, bass: bestBass, score: bestScore } : null;
}
