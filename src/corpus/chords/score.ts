import type { PitchClass } from '../../core';
import type { WindowTops } from './bound';
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

/**
 * The templates to try, each with its prior cost in beats (complexity and tones outside the key),
 * laid out flat for the scoring loop, which runs millions of times on a large corpus.
 */
export interface ScoringContext {
  /** The templates, root by root (root 0 first), in vocabulary order within a root. */
  templates: readonly ChordTemplate[];
  /** Index in `templates` of each root's first template; entry 12 is the count. */
  firstOfRoot: Int32Array;
  /** The tones of template t at `tones[t * TONES + 0 …]`, its count in `toneCount[t]`. */
  tones: Uint8Array;
  toneCount: Uint8Array;
  priorCost: Float64Array;
  options: LabelOptions;
  /** Ticks per beat, the unit of costs per label. */
  beat: number;
  /**
   * For {@link scoreBound}: the least prior cost of a template of each tone count (index = count;
   * index 0: of any template), or null when the options' signs allow no bound (a negative cost would reward what it charges).
   */
  leastPrior: Float64Array | null;
}

/** Most tones a template has. */
export const TONES = 4;

/** A context for labelling in a key whose scale has the pitch classes in `scaleMask`. */
export function createScoringContext(
  byRoot: readonly (readonly ChordTemplate[])[],
  scaleMask: number,
  options: LabelOptions,
  beat: number,
): ScoringContext {
  const templates = byRoot.flat();
  const firstOfRoot = new Int32Array(13);
  for (let root = 0; root < 12; root++) firstOfRoot[root + 1] = firstOfRoot[root] + byRoot[root].length;
  const tones = new Uint8Array(templates.length * TONES);
  const toneCount = new Uint8Array(templates.length);
  const priorCost = new Float64Array(templates.length);
  const leastPrior = new Float64Array(TONES + 1).fill(Number.POSITIVE_INFINITY);
  templates.forEach((t, i) => {
    if (t.tones.length > TONES) throw new Error(`a chord template of ${t.tones.length} tones`);
    tones.set(t.tones, i * TONES);
    toneCount[i] = t.tones.length;
    priorCost[i] =
      CHORD_TYPES[t.type].cost + options.chromaticTone * t.tones.filter((pc) => !(scaleMask & (1 << pc))).length;
    leastPrior[t.tones.length] = Math.min(leastPrior[t.tones.length], priorCost[i]);
    leastPrior[0] = Math.min(leastPrior[0], priorCost[i]);
  });
  const o = options;
  // Bounds need costs that cost (not rewards in disguise) and finite numbers throughout.
  const finite = [
    o.nonChordTone,
    o.absentTone,
    o.missingTone,
    o.rootInBass,
    o.bassFit,
    o.chromaticTone,
    ...o.changeCost,
  ];
  const boundable =
    o.nonChordTone >= 0 &&
    o.absentTone >= 0 &&
    o.missingTone >= 0 &&
    finite.every(Number.isFinite) &&
    priorCost.every(Number.isFinite);
  return {
    templates,
    firstOfRoot,
    tones,
    toneCount,
    priorCost,
    options,
    beat,
    leastPrior: boundable ? leastPrior : null,
  };
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
  const { weight, bassOfChord, absentFromChord, lowestPitch } = window;
  let total = window.total;
  for (let pc = 0; pc < 12; pc++) {
    const w = evidence.weight[at + pc];
    weight[pc] += w;
    total += w;
    bassOfChord[pc] += evidence.bassOfChord[at + pc];
    absentFromChord[pc] += evidence.absentFromChord[at + pc];
    if (evidence.lowestPitch[at + pc] < lowestPitch[pc]) lowestPitch[pc] = evidence.lowestPitch[at + pc];
  }
  window.total = total;
}

/**
 * The best chord for a window lasting `duration` ticks, or null when nothing sounds. Roots are tried
 * only among the sounding pitch classes. Score = weight of chord tones − weight of other tones
 * − chord tones that never sound − chord tones absent from full chords that sound − priors
 * + the time the label's bass is the lowest note of a full chord + a little for the root in the bass.
 * Of equal scores, the first template (by root, then vocabulary order) wins.
 */
export function bestChord(window: Window, duration: number, context: ScoringContext): WindowChord | null {
  const best: WindowChord = { template: context.templates[0], bass: 0, score: 0 };
  return scoreBestChord(window, duration, context, best) ? best : null;
}

/**
 * {@link bestChord} written into `best` (no object per call: the labeller asks millions of times);
 * false when nothing sounds. The arithmetic is {@link bestChord}'s, operation for operation, so that
 * scores and ties come out the same to the last bit.
 */
export function scoreBestChord(
  window: Window,
  duration: number,
  context: ScoringContext,
  best: WindowChord,
  floor = Number.NEGATIVE_INFINITY,
  tops?: Readonly<WindowTops>,
): boolean {
  const total = window.total;
  if (total <= 0) return false;
  // With a floor (and the window's heaviest weights from scoreBound), a root none of whose chords
  // can reach it is not tried: a chord on it covers at most its own weight and the three heaviest
  // others. The floor is below what the caller can use, so the chord it would pick stays the same.
  const least = context.leastPrior;
  const pruning = floor > Number.NEGATIVE_INFINITY && least !== null && tops !== undefined;
  const rest = pruning
    ? tops.bassReward + Math.max(context.options.rootInBass * duration, 0) - context.beat * least[0]
    : 0;
  const { weight, absentFromChord, lowestPitch, bassOfChord } = window;
  const { tones, toneCount, priorCost, firstOfRoot, beat } = context;
  const o = context.options;
  const nonChordTone = o.nonChordTone;
  const absentTone = o.absentTone;
  const missingTone = o.missingTone;
  const rootInBass = o.rootInBass;
  const bassFit = o.bassFit;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestIndex = -1;
  let bestBass = 0;
  for (let root = 0; root < 12; root++) {
    if (weight[root] <= 0) continue;
    if (pruning) {
      const covered = weight[root] >= tops.third ? tops.heavy4 : weight[root] + tops.heavy3;
      const bound = covered - nonChordTone * (total - covered) + rest;
      if (bound + 1e-12 * Math.abs(bound) < floor) continue;
    }
    for (let t = firstOfRoot[root], last = firstOfRoot[root + 1]; t < last; t++) {
      let covered = 0;
      let missing = 0;
      let absent = 0;
      let bass = root;
      for (let k = t * TONES, end = k + toneCount[t]; k < end; k++) {
        const pc = tones[k];
        const w = weight[pc];
        absent += absentFromChord[pc];
        if (w > 0) {
          covered += w;
          if (lowestPitch[pc] < lowestPitch[bass]) bass = pc;
        } else missing++;
      }
      const score =
        covered -
        nonChordTone * (total - covered) -
        absentTone * absent -
        beat * (missingTone * missing + priorCost[t]) +
        (bass === root ? rootInBass * duration : 0) +
        bassFit * bassOfChord[bass];
      if (score > bestScore) {
        bestScore = score;
        bestIndex = t;
        bestBass = bass;
      }
    }
  }
  if (bestIndex < 0) {
    if (!pruning) return false;
    // Every root was below the floor: something sounds, but no chord the caller could use.
    best.score = Number.NEGATIVE_INFINITY;
    return true;
  }
  best.template = context.templates[bestIndex];
  best.bass = bestBass;
  best.score = bestScore;
  return true;
}
