import { maxOf, minOf } from '../core';
import { FEATURES, type FeatureName, type PieceFeatures } from './features';

/** How two sets of pieces compare on one feature. */
export interface FeatureComparison {
  feature: FeatureName;
  /** Mean and standard deviation of the feature (histograms: of their distances) in each set. */
  intraReference: { mean: number; std: number };
  intraGenerated: { mean: number; std: number };
  inter: { mean: number; std: number };
  /** Overlapped area of the intra-reference and inter-set distance densities, 0–1 (1: alike). */
  overlappedArea: number;
  /** Kullback–Leibler divergence of the inter-set from the intra-reference distance density. */
  kld: number;
}

type Value = number | number[];
const featureValue = (f: PieceFeatures, name: FeatureName): Value => f[name];

function distance(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  const x = a as number[];
  const y = b as number[];
  return Math.sqrt(x.reduce((s, v, i) => s + (v - y[i]) ** 2, 0));
}

const stats = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length));
  return { mean, std };
};

/** Distances between every pair within a set (i < j), at most `limit` pairs taken evenly. */
export function intraDistances(values: readonly Value[], limit = 20_000): number[] {
  const out: number[] = [];
  const pairs = (values.length * (values.length - 1)) / 2;
  const stride = Math.max(1, Math.floor(pairs / limit));
  let k = 0;
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) if (k++ % stride === 0) out.push(distance(values[i], values[j]));
  return out;
}

/** Distances between every member of one set and every member of the other, sampled as above. */
export function interDistances(a: readonly Value[], b: readonly Value[], limit = 20_000): number[] {
  const out: number[] = [];
  const stride = Math.max(1, Math.floor((a.length * b.length) / limit));
  let k = 0;
  for (const x of a) for (const y of b) if (k++ % stride === 0) out.push(distance(x, y));
  return out;
}

/** Scott's rule of thumb for the kernel bandwidth of a sample. */
export function bandwidth(samples: readonly number[]): number {
  const { std } = stats([...samples]);
  return Math.max(1e-6, 1.06 * (std || 1e-3) * samples.length ** -0.2);
}

/** A Gaussian kernel density estimate evaluated on `grid`. */
export function density(samples: readonly number[], grid: readonly number[]): number[] {
  const h = bandwidth(samples);
  const norm = 1 / (samples.length * h * Math.sqrt(2 * Math.PI));
  return grid.map((x) => samples.reduce((s, v) => s + Math.exp(-0.5 * ((x - v) / h) ** 2), 0) * norm);
}

/** Overlapped area and KL divergence of two samples' densities on a shared grid. */
export function overlap(p: readonly number[], q: readonly number[], points = 256): { area: number; kld: number } {
  const lo = Math.min(minOf(p), minOf(q));
  const hi = Math.max(maxOf(p), maxOf(q));
  const pad = 4 * Math.max(bandwidth(p), bandwidth(q)); // the tails of both kernels fit on the grid
  const grid = Array.from({ length: points }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / (points - 1));
  const step = grid[1] - grid[0];
  const f = density(p, grid);
  const g = density(q, grid);
  let area = 0;
  let kld = 0;
  for (let i = 0; i < points; i++) {
    area += Math.min(f[i], g[i]) * step;
    if (f[i] > 1e-12) kld += f[i] * Math.log(f[i] / Math.max(g[i], 1e-12)) * step;
  }
  return { area: Math.min(1, area), kld: Math.max(0, kld) };
}

/**
 * Compares generated pieces with reference pieces on every MGEval feature: intra-set distances of
 * each set, inter-set distances, and the overlap of the reference's intra-set density with the
 * inter-set density (Yang & Lerch 2018).
 */
export function compareSets(
  reference: readonly PieceFeatures[],
  generated: readonly PieceFeatures[],
): FeatureComparison[] {
  return FEATURES.map((feature) => {
    const r = reference.map((f) => featureValue(f, feature));
    const g = generated.map((f) => featureValue(f, feature));
    const intraR = intraDistances(r);
    const intraG = intraDistances(g);
    const inter = interDistances(r, g);
    const { area, kld } = overlap(intraR, inter);
    return {
      feature,
      intraReference: stats(intraR),
      intraGenerated: stats(intraG),
      inter: stats(inter),
      overlappedArea: area,
      kld,
    };
  });
}
