import type { VariableChain } from './chain';
import type { PitchLine } from './lineStore';
import { PieceMemory } from './pieceMemory';
import {
  basePitch,
  CANDIDATES,
  EXPERTS,
  type ExpertName,
  expertDepth,
  MAX_INTERVAL,
  pitchSituations,
  type WeightName,
} from './pitchExperts';
import { DEFAULT_PITCH_WEIGHTS, expertLogits, trainPitchExperts } from './pitchModel';

/*
 * The experts' weights, fitted by cross-validation: the melodies are split into folds, the experts
 * trained without a fold predict its notes, and the weights minimise the cross-entropy of those
 * out-of-fold predictions. The cross-entropy of a log-linear combination is convex in its weights
 * (a log-sum-exp of linear functions minus a linear one), so a few projected Newton steps find the
 * optimum: gradient E_P[L_e] − L_e(truth), Hessian Cov_P(L_e, L_f), with L_e an expert's logits.
 * The piece memory is one more column: it learns from the held-out melody itself, note by note.
 */

/** The columns of the fit: the four experts, then the piece memory. */
const WEIGHTS: readonly WeightName[] = [...EXPERTS, 'memory'];
const K = WEIGHTS.length;

/** Melodies by index: an array, or a store of them (lineStore.ts). */
export interface Lines {
  readonly size: number;
  line(i: number): PitchLine;
}

/** Options of {@link fitPitchWeights}. */
export interface FitOptions {
  /** Number of folds (default 5); with fewer melodies than 2 × folds the default weights are kept. */
  folds: number;
  /** At most this many notes are used for fitting (evenly spread), for speed (default 8000). */
  maxNotes: number;
  /** Called after each fold's experts have predicted their held-out notes (for progress bars). */
  onFold?: (done: number, folds: number) => void;
  /**
   * The experts trained on every melody but fold f's (melody i is in fold i mod folds); by default
   * trained here. A caller that counted each fold apart passes the total minus the fold.
   */
  without?: (fold: number) => Record<ExpertName, VariableChain>;
}

/**
 * The notes the fit learns from, fold by fold: a note is kept when it is every `stride`-th note
 * counted over the folds in order (fold f's melodies f, f + folds, …), has a note before it and
 * lies within ±MAX_INTERVAL of it. What the rows are depends only on the melodies, so threads that
 * fill different columns of them agree.
 */
export interface FitRows {
  readonly folds: number;
  /** The rows of fold f are foldStart[f] … foldStart[f + 1] − 1. */
  readonly foldStart: Int32Array;
  /** Each row's melody and note in it. */
  readonly line: Int32Array;
  readonly note: Int32Array;
  /** Each row's true interval as a candidate index (interval + MAX_INTERVAL). */
  readonly truth: Int32Array;
}

/** The fit's rows of `source` (undefined with fewer melodies than 2 × folds: then no fit). */
export function fitRows(source: Lines, folds: number, maxNotes = 8000): FitRows | undefined {
  const n = source.size;
  if (n < 2 * folds) return undefined;
  const pitches: Int16Array[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const notes = source.line(i).notes;
    pitches.push(Int16Array.from(notes, (x) => x.pitch));
    total += notes.length;
  }
  const stride = Math.max(1, Math.ceil(total / maxNotes));
  const foldStart = new Int32Array(folds + 1);
  const line: number[] = [];
  const note: number[] = [];
  const truth: number[] = [];
  let counter = 0;
  for (let f = 0; f < folds; f++) {
    foldStart[f] = line.length;
    for (let i = f; i < n; i += folds) {
      const p = pitches[i];
      for (let j = 0; j < p.length; j++) {
        const interval = j === 0 ? 0 : p[j] - p[j - 1];
        if (counter++ % stride === 0 && j > 0 && Math.abs(interval) <= MAX_INTERVAL) {
          line.push(i);
          note.push(j);
          truth.push(interval + MAX_INTERVAL);
        }
      }
    }
  }
  foldStart[folds] = line.length;
  return { folds, foldStart, line: Int32Array.from(line), note: Int32Array.from(note), truth: Int32Array.from(truth) };
}

/** The fit's columns: the four experts, then the piece memory. */
export const FIT_COLUMNS = WEIGHTS;

/**
 * Fills, for the rows of fold `f`, the logits of the columns asked for — the experts given (those
 * trained without fold f) and, with `memory`, the piece memory's — into `logits` (row r, candidate
 * c, column k at (r × CANDIDATES + c) × K + k). Columns are independent of each other, so threads
 * may fill different ones.
 */
export function fillFitColumns(
  rows: FitRows,
  f: number,
  source: Lines,
  order: number,
  experts: Partial<Record<ExpertName, VariableChain>>,
  memory: boolean,
  logits: Float64Array,
): void {
  const column = new Float64Array(CANDIDATES);
  const names = EXPERTS.filter((name) => experts[name]);
  const end = rows.foldStart[f + 1];
  for (let r = rows.foldStart[f]; r < end; ) {
    const i = rows.line[r];
    const line = source.line(i);
    const situations = pitchSituations(line, order);
    const heard = memory ? new PieceMemory() : undefined;
    let observed = 0;
    for (; r < end && rows.line[r] === i; r++) {
      const j = rows.note[r];
      const s = situations[j];
      const base = r * CANDIDATES * K;
      for (const name of names) {
        expertLogits(experts[name] as VariableChain, name, s, order, expertDepth(name, order), column);
        const e = EXPERTS.indexOf(name);
        for (let c = 0; c < CANDIDATES; c++) logits[base + c * K + e] = column[c];
      }
      if (heard) {
        for (; observed < j; observed++) {
          const o = situations[observed];
          heard.observe(o.previous === null ? null : line.notes[observed].pitch - basePitch(o), o.units);
        }
        heard.logits(s.units, expertDepth('memory', order), column);
        for (let c = 0; c < CANDIDATES; c++) logits[base + c * K + K - 1] = column[c];
      }
    }
  }
}

/** Fits the experts' weights to `lines` by cross-validation. */
export function fitPitchWeights(
  lines: readonly PitchLine[] | Lines,
  order: number,
  options: Partial<FitOptions> = {},
): Record<WeightName, number> {
  const source: Lines = Array.isArray(lines) ? { size: lines.length, line: (i) => lines[i] } : (lines as Lines);
  const folds = options.folds ?? 5;
  const rows = fitRows(source, folds, options.maxNotes);
  if (!rows) return { ...DEFAULT_PITCH_WEIGHTS };
  const n = source.size;
  const without =
    options.without ??
    ((f: number) => {
      const kept: PitchLine[] = [];
      for (let i = 0; i < n; i++) if (i % folds !== f) kept.push(source.line(i));
      return trainPitchExperts(kept, order);
    });
  const logits = new Float64Array(rows.truth.length * CANDIDATES * K);
  for (let f = 0; f < folds; f++) {
    fillFitColumns(rows, f, source, order, without(f), true, logits);
    options.onFold?.(f + 1, folds);
  }
  return fitWeightsToRows(logits, rows.truth);
}

/** The weights that minimise the cross-entropy of the rows (logits laid out as {@link fillFitColumns} fills them). */
export function fitWeightsToRows(logits: Float64Array, truth: Int32Array): Record<WeightName, number> {
  const w = newtonFit(
    { logits, truth },
    WEIGHTS.map((name) => DEFAULT_PITCH_WEIGHTS[name]),
  );
  return Object.fromEntries(WEIGHTS.map((name, i) => [name, w[i]])) as Record<WeightName, number>;
}

/** The held-out notes: row r's logits at (r × CANDIDATES + c) × K + column, its true candidate truth[r]. */
interface Rows {
  logits: Float64Array;
  truth: Int32Array;
}

const z = new Float64Array(CANDIDATES);
if (K !== 5) throw new Error('the fit is written out for five columns');

/*
 * The sums below are written out for five columns, each in a variable of its own, in the order a
 * loop over them adds: the fit gives the same weights, bit for bit, as the plain loops it replaced
 * (the same arithmetic in the same order), only faster.
 */

/** Each row's softmax numerators and their sum under the weights of the last {@link lossOf}. */
interface Softmax {
  z: Float64Array;
  sum: Float64Array;
}

/** Mean cross-entropy (nats) of the rows under weights `w`; the rows' softmax kept in `keep`. */
function lossOf(rows: Rows, w: readonly number[], keep: Softmax): number {
  let loss = 0;
  const n = rows.truth.length;
  for (let r = 0; r < n; r++) {
    const sum = softmaxRow(rows.logits, r * CANDIDATES * K, w);
    keep.z.set(z, r * CANDIDATES);
    keep.sum[r] = sum;
    loss -= Math.log(z[rows.truth[r]] / sum);
  }
  return loss / Math.max(1, n);
}

/** z ← exp(w·logits − max) over the candidates of the row at `at`; returns their sum. */
function softmaxRow(L: Float64Array, at: number, w: readonly number[]): number {
  const [w0, w1, w2, w3, w4] = w;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0, i = at; c < CANDIDATES; c++, i += 5) {
    const v = w0 * L[i] + w1 * L[i + 1] + w2 * L[i + 2] + w3 * L[i + 3] + w4 * L[i + 4];
    z[c] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let c = 0; c < CANDIDATES; c++) sum += z[c] = Math.exp(z[c] - max);
  return sum;
}

/**
 * Mean cross-entropy (nats) of the rows under weights `w`, with its gradient and Hessian; `known`:
 * the rows' softmax under `w` as {@link lossOf} kept it (the same numbers it would compute).
 */
function lossAndDerivatives(rows: Rows, w: readonly number[], known?: Softmax) {
  const L = rows.logits;
  const n = rows.truth.length;
  let loss = 0;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  let g4 = 0;
  // The lower triangle of the Hessian, h<e><f> for f ≤ e.
  let h00 = 0;
  let h10 = 0;
  let h11 = 0;
  let h20 = 0;
  let h21 = 0;
  let h22 = 0;
  let h30 = 0;
  let h31 = 0;
  let h32 = 0;
  let h33 = 0;
  let h40 = 0;
  let h41 = 0;
  let h42 = 0;
  let h43 = 0;
  let h44 = 0;
  for (let r = 0; r < n; r++) {
    const at = r * CANDIDATES * K;
    let sum: number;
    if (known) {
      sum = known.sum[r];
      z.set(known.z.subarray(r * CANDIDATES, (r + 1) * CANDIDATES));
    } else sum = softmaxRow(L, at, w);
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let c = 0, i = at; c < CANDIDATES; c++, i += 5) {
      const p = z[c] / sum;
      z[c] = p;
      m0 += p * L[i];
      m1 += p * L[i + 1];
      m2 += p * L[i + 2];
      m3 += p * L[i + 3];
      m4 += p * L[i + 4];
    }
    const t = rows.truth[r];
    loss -= Math.log(z[t]);
    const ti = at + t * K;
    g0 += m0 - L[ti];
    g1 += m1 - L[ti + 1];
    g2 += m2 - L[ti + 2];
    g3 += m3 - L[ti + 3];
    g4 += m4 - L[ti + 4];
    for (let c = 0, i = at; c < CANDIDATES; c++, i += 5) {
      const d0 = L[i] - m0;
      const d1 = L[i + 1] - m1;
      const d2 = L[i + 2] - m2;
      const d3 = L[i + 3] - m3;
      const d4 = L[i + 4] - m4;
      const p = z[c];
      const z0 = p * d0;
      h00 += z0 * d0;
      const z1 = p * d1;
      h10 += z1 * d0;
      h11 += z1 * d1;
      const z2 = p * d2;
      h20 += z2 * d0;
      h21 += z2 * d1;
      h22 += z2 * d2;
      const z3 = p * d3;
      h30 += z3 * d0;
      h31 += z3 * d1;
      h32 += z3 * d2;
      h33 += z3 * d3;
      const z4 = p * d4;
      h40 += z4 * d0;
      h41 += z4 * d1;
      h42 += z4 * d2;
      h43 += z4 * d3;
      h44 += z4 * d4;
    }
  }
  const m = Math.max(1, n);
  const grad = Float64Array.of(g0, g1, g2, g3, g4).map((g) => g / m);
  // biome-ignore format: the 5 × 5 matrix, row by row
  const hess = Float64Array.of(
    h00, h10, h20, h30, h40,
    h10, h11, h21, h31, h41,
    h20, h21, h22, h32, h42,
    h30, h31, h32, h33, h43,
    h40, h41, h42, h43, h44,
  ).map((h) => h / m);
  return { loss: loss / m, grad, hess };
}

/** Projected Newton iterations from `start`, keeping every weight in [0, 4]. */
function newtonFit(rows: Rows, start: readonly number[]): number[] {
  let w = [...start];
  if (rows.truth.length === 0) return w;
  let current = lossAndDerivatives(rows, w);
  const trial: Softmax = {
    z: new Float64Array(rows.truth.length * CANDIDATES),
    sum: new Float64Array(rows.truth.length),
  };
  for (let iteration = 0; iteration < 20; iteration++) {
    const step = solve(current.hess, current.grad, w.length);
    let scale = 1;
    let improved = false;
    while (scale > 1e-3) {
      const next = w.map((v, e) => Math.min(4, Math.max(0, v - scale * step[e])));
      // The loss is convex: it is at least loss + grad · (next − w) at `next`. When that bound is
      // not below the threshold (with room for rounding, far above its 1e-12), the trial would
      // fail — as every trial at the optimum does — and is not computed.
      let bound = 0;
      for (let e = 0; e < w.length; e++) bound += current.grad[e] * (next[e] - w[e]);
      // The loss alone decides a trial; the derivatives only for the step taken.
      if (bound < -1e-9 + 1e-10 && lossOf(rows, next, trial) < current.loss - 1e-9) {
        w = next;
        current = lossAndDerivatives(rows, next, trial);
        improved = true;
        break;
      }
      scale /= 2;
    }
    if (!improved) break;
  }
  return w;
}

/** Solves (H + λI) x = g by Gaussian elimination (λ small, for flat directions). */
function solve(hess: Float64Array, grad: Float64Array, k: number): number[] {
  const a = Array.from({ length: k }, (_, i) => [
    ...Array.from({ length: k }, (_, j) => hess[i * k + j] + (i === j ? 1e-6 : 0)),
    grad[i],
  ]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    if (Math.abs(a[col][col]) < 1e-12) continue;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const factor = a[r][col] / a[col][col];
      for (let c = col; c <= k; c++) a[r][c] -= factor * a[col][c];
    }
  }
  return a.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[k] / row[i]));
}
