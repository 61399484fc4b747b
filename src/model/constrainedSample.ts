import type { Rng } from '../core';
import type { CompiledPhrase } from './compile';

/*
 * Forward sampling of a compiled phrase with the FULL model reweighted by the backward messages β
 * of its order-1 projection:  P'(t | history, pos) ∝ P(t | history)^(1/τ) · c(pos, t) · β(pos + span(t), t).
 * For an order-1 model at τ = 1 this is exactly the conditional distribution given the constraints;
 * for a higher order (or another τ, as β is computed untempered) it keeps the full model's local
 * choices and the projection's look-ahead — an approximation of the conditional, never infeasible.
 *
 * No dead end, ever (the claim the tests check over thousands of seeds). Invariant: when the token
 * due at pos follows s, β(pos, s) > 0. It holds at pos 0, or compilation had already refused the
 * phrase. If β(pos, s) > 0, its sum has a positive term: some t with P₁(t | s) > 0, c(pos, t),
 * pos + span(t) ≤ T and β(pos + span(t), t) > 0. By the StepModel contract the full model gives that
 * t a positive probability too, and tempering keeps it positive (weights are computed as
 * exp(log P/τ + log β − max), so the best candidate weighs exactly 1 and nothing underflows to an
 * empty support). The drawn t has β(pos + span(t), t) > 0: the invariant holds at the next position,
 * until pos = T. Each step draws from a non-empty finite set (a draw the guard's look-ahead refuses
 * removes that one candidate and draws from the rest): no retry of the phrase, no unbounded loop.
 *
 * The originality guard only removes candidates. Removing one can create a dead end later, which a
 * bounded look-ahead avoids (a candidate is kept only if some guard-respecting continuation of
 * `lookahead` further tokens exists); if the guard leaves no candidate at all it is relaxed for
 * that one token, which is reported — the β-feasible set, never empty, is then used as is.
 */

/** Options of {@link sampleCompiled}. */
export interface ConstrainedSampleOptions {
  /** 1 keeps the model's probabilities; below 1 sharpens, above 1 flattens (clamped to ≥ 0.05). */
  temperature?: number;
  /** The originality guard: true when appending `token` to `history` (this phrase's tokens) copies too much. */
  forbids?: (history: readonly number[], token: number) => boolean;
  /** How many tokens past a candidate the guard checks for a way out (default 3). */
  lookahead?: number;
}

/** A sampled phrase: its tokens, where each starts, and where the guard had to give way. */
export interface SampledPhrase {
  readonly tokens: number[];
  /** Start position of each token. */
  readonly positions: number[];
  /** Indices into `tokens` of the tokens drawn with the guard relaxed (every guarded choice was a dead end). */
  readonly relaxed: number[];
}

/** Draws one phrase from a compiled model; deterministic for a given `rng` state. */
export function sampleCompiled(
  phrase: CompiledPhrase,
  rng: Rng,
  options: ConstrainedSampleOptions = {},
): SampledPhrase {
  const { model, length, beta } = phrase;
  const tau = Math.max(0.05, options.temperature ?? 1);
  const lookahead = options.lookahead ?? 3;
  const out = new Float64Array(model.size);
  const logWeights = new Float64Array(model.size);
  const tokens: number[] = [];
  const positions: number[] = [];
  const relaxed: number[] = [];
  let pos = 0;
  while (pos < length) {
    model.full(pos, tokens, out);
    const candidates: number[] = [];
    for (let t = 0; t < model.size; t++) {
      const next = pos + model.span(t);
      const b = next <= length ? (beta[next]?.[t + 1] ?? 0) : 0;
      if (out[t] > 0 && b > 0 && phrase.allowed(pos, t)) {
        candidates.push(t);
        logWeights[t] = Math.log(out[t]) / tau + Math.log(b);
      }
    }
    if (candidates.length === 0)
      throw new Error('StepModel contract broken: the full model rules out every feasible token');
    const guarded = options.forbids ? candidates.filter((t) => !options.forbids?.(tokens, t)) : candidates;
    const safe = (t: number): boolean =>
      lookahead <= 0 || escapes(phrase, [...tokens, t], pos + model.span(t), lookahead, options.forbids);
    let t = drawAmong(guarded, logWeights, rng, safe);
    if (t < 0) t = drawAmong(guarded, logWeights, rng, () => true);
    if (t < 0) {
      relaxed.push(tokens.length);
      t = drawAmong(candidates, logWeights, rng, () => true);
    }
    tokens.push(t);
    positions.push(pos);
    pos += model.span(t);
  }
  return { tokens, positions, relaxed };
}

/**
 * Draws from `subset` by the weights, dropping draws that fail `accept` and drawing again from the
 * rest — the same as drawing from the accepted part, while testing only what gets drawn. -1 when
 * nothing is accepted.
 */
function drawAmong(
  subset: readonly number[],
  logWeights: Float64Array,
  rng: Rng,
  accept: (t: number) => boolean,
): number {
  const pool = subset.map((t) => logWeights[t]);
  const ids = [...subset];
  while (ids.length > 0) {
    const max = Math.max(...pool);
    const weights = pool.map((w) => Math.exp(w - max));
    let total = 0;
    for (const w of weights) total += w;
    let r = rng.next() * total;
    let i = 0;
    while (i < weights.length - 1 && r >= weights[i]) r -= weights[i++];
    if (accept(ids[i])) return ids[i];
    ids.splice(i, 1);
    pool.splice(i, 1);
  }
  return -1;
}

/** Whether some guard-respecting continuation of `depth` more tokens (or to the end) exists. */
function escapes(
  phrase: CompiledPhrase,
  history: number[],
  pos: number,
  depth: number,
  forbids: ((history: readonly number[], token: number) => boolean) | undefined,
): boolean {
  const { model, length, beta } = phrase;
  if (pos >= length || depth === 0 || !forbids) return true;
  const support = new Float64Array(model.size);
  model.projected(pos, history[history.length - 1] ?? -1, support);
  for (let u = 0; u < model.size; u++) {
    const next = pos + model.span(u);
    if (support[u] <= 0 || next > length || !((beta[next]?.[u + 1] ?? 0) > 0) || !phrase.allowed(pos, u)) continue;
    if (forbids(history, u)) continue;
    history.push(u);
    const ok = escapes(phrase, history, next, depth - 1, forbids);
    history.pop();
    if (ok) return true;
  }
  return false;
}
