import type { VariableChain } from './chain';
import type { PitchLine } from './lineStore';
import { PieceMemory } from './pieceMemory';
import {
  basePitch,
  CANDIDATES,
  clampInterval,
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

/** Fits the experts' weights to `lines` by cross-validation. */
export function fitPitchWeights(
  lines: readonly PitchLine[] | Lines,
  order: number,
  options: Partial<FitOptions> = {},
): Record<WeightName, number> {
  const source: Lines = Array.isArray(lines) ? { size: lines.length, line: (i) => lines[i] } : (lines as Lines);
  const folds = options.folds ?? 5;
  const n = source.size;
  if (n < 2 * folds) return { ...DEFAULT_PITCH_WEIGHTS };
  let total = 0;
  for (let i = 0; i < n; i++) total += source.line(i).notes.length;
  const stride = Math.max(1, Math.ceil(total / (options.maxNotes ?? 8000)));
  const without =
    options.without ??
    ((f: number) => {
      const kept: PitchLine[] = [];
      for (let i = 0; i < n; i++) if (i % folds !== f) kept.push(source.line(i));
      return trainPitchExperts(kept, order);
    });
  const rows: Row[] = [];
  const column = new Float64Array(CANDIDATES);
  let counter = 0;
  for (let f = 0; f < folds; f++) {
    const experts = without(f);
    for (let i = f; i < n; i += folds) {
      const line = source.line(i);
      const memory = new PieceMemory();
      pitchSituations(line, order).forEach((s, j) => {
        const interval = line.notes[j].pitch - basePitch(s);
        const keep = counter++ % stride === 0 && Math.abs(interval) <= MAX_INTERVAL && s.previous !== null;
        if (keep) {
          // Interleaved: candidate c's five logits together (c × 5 + column).
          const logits = new Float64Array(K * CANDIDATES);
          EXPERTS.forEach((name, e) => {
            expertLogits(experts[name], name, s, order, expertDepth(name, order), column);
            for (let c = 0; c < CANDIDATES; c++) logits[c * K + e] = column[c];
          });
          memory.logits(s.units, expertDepth('memory', order), column);
          for (let c = 0; c < CANDIDATES; c++) logits[c * K + K - 1] = column[c];
          rows.push({ logits, truth: clampInterval(interval) + MAX_INTERVAL });
        }
        memory.observe(s.previous === null ? null : interval, s.units);
      });
    }
    options.onFold?.(f + 1, folds);
  }
  const w = newtonFit(
    rows,
    WEIGHTS.map((name) => DEFAULT_PITCH_WEIGHTS[name]),
  );
  return Object.fromEntries(WEIGHTS.map((name, i) => [name, w[i]])) as Record<WeightName, number>;
}

/** One held-out note: each column's logits over the candidates (candidate c, column e at c × K + e), and the true pitch's index. */
interface Row {
  logits: Float64Array;
  truth: number;
}

const z = new Float64Array(CANDIDATES);
const mean = new Float64Array(K);
const de = new Float64Array(K);
if (K !== 5) throw new Error('the fit is written out for five columns');

/*
 * The sums below are written out for five columns, in the order a loop over them adds: the fit
 * gives the same weights, bit for bit, as the plain loops it replaced (the same arithmetic in the
 * same order), only faster.
 */

/** Mean cross-entropy (nats) of the rows under weights `w`. */
function lossOf(rows: readonly Row[], w: readonly number[]): number {
  let loss = 0;
  for (const r of rows) {
    const sum = softmaxRow(r, w);
    loss -= Math.log(z[r.truth] / sum);
  }
  return loss / Math.max(1, rows.length);
}

/** z ← exp(w·logits − max) over the candidates; returns their sum. */
function softmaxRow(r: Row, w: readonly number[]): number {
  const L = r.logits;
  const [w0, w1, w2, w3, w4] = w;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0, i = 0; c < CANDIDATES; c++, i += 5) {
    const v = w0 * L[i] + w1 * L[i + 1] + w2 * L[i + 2] + w3 * L[i + 3] + w4 * L[i + 4];
    z[c] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let c = 0; c < CANDIDATES; c++) sum += z[c] = Math.exp(z[c] - max);
  return sum;
}

/** Mean cross-entropy (nats) of the rows under weights `w`, with its gradient and Hessian. */
function lossAndDerivatives(rows: readonly Row[], w: readonly number[]) {
  let loss = 0;
  const grad = new Float64Array(K);
  const hess = new Float64Array(K * K);
  for (const r of rows) {
    const L = r.logits;
    const sum = softmaxRow(r, w);
    mean.fill(0);
    for (let c = 0, i = 0; c < CANDIDATES; c++, i += 5) {
      const p = z[c] / sum;
      z[c] = p;
      for (let e = 0; e < K; e++) mean[e] += p * L[i + e];
    }
    loss -= Math.log(z[r.truth]);
    for (let e = 0; e < K; e++) grad[e] += mean[e] - L[r.truth * K + e];
    for (let c = 0, i = 0; c < CANDIDATES; c++, i += 5) {
      for (let e = 0; e < K; e++) de[e] = L[i + e] - mean[e];
      for (let e = 0; e < K; e++) {
        const zd = z[c] * de[e];
        for (let f = 0; f <= e; f++) hess[e * K + f] += zd * de[f];
      }
    }
  }
  const n = Math.max(1, rows.length);
  for (let e = 0; e < K; e++) for (let f = 0; f <= e; f++) hess[f * K + e] = hess[e * K + f];
  return { loss: loss / n, grad: grad.map((g) => g / n), hess: hess.map((h) => h / n) };
}

/** Projected Newton iterations from `start`, keeping every weight in [0, 4]. */
function newtonFit(rows: readonly Row[], start: readonly number[]): number[] {
  let w = [...start];
  if (rows.length === 0) return w;
  let current = lossAndDerivatives(rows, w);
  for (let iteration = 0; iteration < 20; iteration++) {
    const step = solve(current.hess, current.grad, w.length);
    let scale = 1;
    let improved = false;
    while (scale > 1e-3) {
      const next = w.map((v, e) => Math.min(4, Math.max(0, v - scale * step[e])));
      // The loss alone decides a trial; the derivatives only for the step taken.
      if (lossOf(rows, next) < current.loss - 1e-9) {
        w = next;
        current = lossAndDerivatives(rows, next);
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
