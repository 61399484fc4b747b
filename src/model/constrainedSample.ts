import type { Rng } from '../core';
import type { CompiledPhrase, FeasibleSteps } from './compile';
import { SAMPLE_SLOT, scratchRow } from './scratch';

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
 * until pos = T. Each step draws from a non-empty finite set (a draw the guard or its look-ahead
 * refuses removes that one candidate and draws again from the rest, which gives the same law as
 * drawing from the accepted candidates alone): no retry of the phrase, no unbounded loop.
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
  const { model, length, steps } = phrase;
  const tau = Math.max(0.05, options.temperature ?? 1);
  const lookahead = options.lookahead ?? 3;
  const forbids = options.forbids;
  const out = scratchRow(model.size, SAMPLE_SLOT);
  const logWeights = new Array<number>(model.size).fill(0);
  // One buffer per look-ahead depth: a level reads its projection while deeper levels run.
  const buffers: Float64Array[] = [];
  for (let d = 0; d <= lookahead; d++) buffers.push(scratchRow(model.size, SAMPLE_SLOT + 1 + d));
  const tokens: number[] = [];
  const positions: number[] = [];
  const relaxed: number[] = [];
  let pos = 0;
  while (pos < length) {
    model.full(pos, tokens, out);
    const candidates = weighCandidates(steps[pos], out, tau, logWeights);
    if (candidates.length === 0)
      throw new Error('StepModel contract broken: the full model rules out every feasible token');
    model.reweigh?.(pos, tokens, candidates, logWeights);
    // The guard and its look-ahead are asked only about what gets drawn (see drawAmong).
    const free = (u: number): boolean => !forbids?.(tokens, u);
    const safe = (u: number): boolean => {
      if (!free(u)) return false;
      if (!forbids || lookahead <= 0) return true;
      tokens.push(u);
      const ok = escapes(phrase, tokens, pos + model.span(u), lookahead, forbids, buffers);
      tokens.pop();
      return ok;
    };
    const drawn = drawGuarded(candidates, logWeights, rng, free, safe);
    if (drawn.relaxed) relaxed.push(tokens.length);
    const t = drawn.token;
    tokens.push(t);
    positions.push(pos);
    pos += model.span(t);
  }
  return { tokens, positions, relaxed };
}

/**
 * The feasible tokens the full model gives a positive probability, ascending, each with its log
 * weight log P / τ + log β written into `logWeights`.
 */
function weighCandidates(
  step: FeasibleSteps | undefined,
  p: Float64Array,
  tau: number,
  logWeights: number[],
): number[] {
  const candidates: number[] = [];
  if (!step) return candidates;
  for (let k = 0; k < step.tokens.length; k++) {
    const t = step.tokens[k];
    if (p[t] > 0) {
      candidates.push(t);
      logWeights[t] = Math.log(p[t]) / tau + step.logBeta[k];
    }
  }
  return candidates;
}

/**
 * Draws a token: among the candidates the guard allows and whose look-ahead finds a way on; failing
 * that, among those the guard allows; failing that, among them all, the guard relaxed.
 */
function drawGuarded(
  candidates: readonly number[],
  logWeights: readonly number[],
  rng: Rng,
  free: (t: number) => boolean,
  safe: (t: number) => boolean,
): { token: number; relaxed: boolean } {
  let token = drawAmong(candidates, logWeights, rng, safe);
  if (token < 0) token = drawAmong(candidates, logWeights, rng, free);
  if (token >= 0) return { token, relaxed: false };
  return { token: drawAmong(candidates, logWeights, rng, () => true), relaxed: true };
}

/**
 * Draws from `subset` by the weights, dropping draws that fail `accept` and drawing again from the
 * rest — the same as drawing from the accepted part, while testing only what gets drawn. -1 when
 * nothing is accepted.
 */
function drawAmong(
  subset: readonly number[],
  logWeights: readonly number[],
  rng: Rng,
  accept: (t: number) => boolean,
): number {
  const ids = [...subset];
  const weights = new Array<number>(ids.length);
  while (ids.length > 0) {
    let max = Number.NEGATIVE_INFINITY;
    for (const t of ids) if (logWeights[t] > max) max = logWeights[t];
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      weights[i] = Math.exp(logWeights[ids[i]] - max);
      total += weights[i];
    }
    let r = rng.next() * total;
    let i = 0;
    while (i < ids.length - 1 && r >= weights[i]) r -= weights[i++];
    if (accept(ids[i])) return ids[i];
    ids.splice(i, 1);
  }
  return -1;
}

/**
 * Whether some guard-respecting continuation of `depth` more tokens (or to the end) exists after
 * `history`, the next token due at `pos`. `buffers[depth]` holds this level's projection.
 */
function escapes(
  phrase: CompiledPhrase,
  history: number[],
  pos: number,
  depth: number,
  forbids: ((history: readonly number[], token: number) => boolean) | undefined,
  buffers: readonly Float64Array[],
): boolean {
  const { model, length, steps } = phrase;
  if (pos >= length || depth === 0 || !forbids) return true;
  const step = steps[pos];
  if (!step) return false;
  const support = model.projected(pos, history[history.length - 1] ?? -1, buffers[depth]);
  for (const u of step.tokens) {
    if (support[u] <= 0 || forbids(history, u)) continue;
    history.push(u);
    const ok = escapes(phrase, history, pos + model.span(u), depth - 1, forbids, buffers);
    history.pop();
    if (ok) return true;
  }
  return false;
}
