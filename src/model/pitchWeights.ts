import type { MelodyLine } from './melodyLine';
import { PieceMemory } from './pieceMemory';
import {
  basePitch,
  CANDIDATES,
  clampInterval,
  EXPERTS,
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

/** One held-out note: each expert's logits over the candidates, and the index of the true pitch. */
interface Row {
  logits: Float64Array[];
  truth: number;
}

/** Options of {@link fitPitchWeights}. */
export interface FitOptions {
  /** Number of folds (default 5); with fewer melodies than 2 × folds the default weights are kept. */
  folds: number;
  /** At most this many notes are used for fitting (evenly spread), for speed (default 8000). */
  maxNotes: number;
  /** Called after each fold's experts have predicted their held-out notes (for progress bars). */
  onFold?: (done: number, folds: number) => void;
}

/** Fits the experts' weights to `lines` by cross-validation. */
export function fitPitchWeights(
  lines: readonly MelodyLine[],
  order: number,
  options: Partial<FitOptions> = {},
): Record<WeightName, number> {
  const folds = options.folds ?? 5;
  if (lines.length < 2 * folds) return { ...DEFAULT_PITCH_WEIGHTS };
  const total = lines.reduce((n, l) => n + l.notes.length, 0);
  const stride = Math.max(1, Math.ceil(total / (options.maxNotes ?? 8000)));
  const rows: Row[] = [];
  let counter = 0;
  for (let f = 0; f < folds; f++) {
    const experts = trainPitchExperts(
      lines.filter((_, i) => i % folds !== f),
      order,
    );
    for (const line of lines.filter((_, i) => i % folds === f)) {
      const memory = new PieceMemory();
      pitchSituations(line, order).forEach((s, j) => {
        const interval = line.notes[j].pitch - basePitch(s);
        const keep = counter++ % stride === 0 && Math.abs(interval) <= MAX_INTERVAL && s.previous !== null;
        if (keep) {
          const logits = EXPERTS.map((name) =>
            expertLogits(experts[name], name, s, order, expertDepth(name, order), new Float64Array(CANDIDATES)),
          );
          logits.push(memory.logits(s.units, expertDepth('memory', order), new Float64Array(CANDIDATES)));
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

/** Mean cross-entropy (nats) of the rows under weights `w`, with its gradient and Hessian. */
function lossAndDerivatives(rows: readonly Row[], w: readonly number[]) {
  const k = w.length;
  let loss = 0;
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const z = new Float64Array(CANDIDATES);
  for (const r of rows) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < CANDIDATES; c++) {
      let v = 0;
      for (let e = 0; e < k; e++) v += w[e] * r.logits[e][c];
      z[c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < CANDIDATES; c++) sum += z[c] = Math.exp(z[c] - max);
    const mean = new Float64Array(k);
    for (let c = 0; c < CANDIDATES; c++) {
      const p = z[c] / sum;
      z[c] = p;
      for (let e = 0; e < k; e++) mean[e] += p * r.logits[e][c];
    }
    loss -= Math.log(z[r.truth]);
    for (let e = 0; e < k; e++) grad[e] += mean[e] - r.logits[e][r.truth];
    for (let c = 0; c < CANDIDATES; c++) {
      for (let e = 0; e < k; e++) {
        const de = r.logits[e][c] - mean[e];
        for (let f = 0; f <= e; f++) hess[e * k + f] += z[c] * de * (r.logits[f][c] - mean[f]);
      }
    }
  }
  const n = Math.max(1, rows.length);
  for (let e = 0; e < k; e++) for (let f = 0; f <= e; f++) hess[f * k + e] = hess[e * k + f];
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
      const trial = lossAndDerivatives(rows, next);
      if (trial.loss < current.loss - 1e-9) {
        w = next;
        current = trial;
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
