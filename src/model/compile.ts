import { err, ok, type Result } from '../core';
import { COMPILE_SLOT, scratchRow } from './scratch';
import type { Allowed, ConstraintError, StepModel } from './stepModel';

/*
 * Unary constraints compiled into a non-homogeneous chain by a backward pass (Pachet, Roy &
 * Barbieri, "Finite-length Markov processes with constraints", IJCAI 2011), generalised from token
 * indices to positions on an axis where token t covers span(t) positions (span 1 everywhere gives
 * the paper's setting). With P₁ the model's order-1 projection and c the unary constraints:
 *
 *   β(T, s)   = 1
 *   β(pos, s) = Σ_t P₁(t | s, pos) · c(pos, t) · [pos + span(t) ≤ T] · β(pos + span(t), t)
 *
 * β(pos, s) is the probability that the projected chain, having just emitted s with the next
 * token due at pos, meets every remaining constraint and ends exactly at T. Sampling forward with
 * P'(t | s, pos) ∝ P₁(t | s, pos) · c(pos, t) · β(pos + span(t), t) then draws exactly from the
 * order-1 chain conditioned on the constraints; constrainedSample.ts does so with the full model in
 * place of P₁ (see there for why that never meets a dead end). β is rescaled per position (by its
 * largest value) so long phrases do not underflow; a per-position factor leaves every P' unchanged.
 *
 * Only what sampling can meet is computed: the positions some allowed sequence reaches from 0, and
 * at each, the states (tokens) that can end there. The terms of the sum with c = 0 or β = 0 are
 * dropped once per position (the "steps" below), not once per state.
 */

/** The tokens that may start at a position and still lead to a complete phrase, with β where each ends. */
export interface FeasibleSteps {
  /** Tokens t with c(pos, t), pos + span(t) ≤ T and β(pos + span(t), t) > 0, ascending. */
  readonly tokens: readonly number[];
  /** β(pos + span(t), t) of each of them, in the same order. */
  readonly beta: readonly number[];
  /** log β(pos + span(t), t) of each of them: what sampling weighs with. */
  readonly logBeta: readonly number[];
}

/** A phrase's constraints compiled against a model: the backward messages β. */
export interface CompiledPhrase extends CompiledSuffix {
  readonly model: StepModel;
}

/**
 * What compilation finds after the phrase's first position: β where the previous token is one of
 * the phrase's own, and the feasible steps. The model's projection after a token of the phrase is
 * all it reads — not what came before the phrase, which only the first position sees — so phrases
 * with the same constraints and different contexts share it ({@link compileStart} finishes each).
 */
export interface CompiledSuffix {
  /** Number of positions of the phrase. */
  readonly length: number;
  readonly allowed: Allowed;
  /**
   * `beta[pos]` is indexed by state + 1 (index 0: the phrase start); undefined where pos is
   * unreachable, and at 0 until {@link compileStart}. Shared: never to be modified.
   */
  readonly beta: ReadonlyArray<Float64Array | undefined>;
  /** `steps[pos]`: the feasible tokens at each reachable position; undefined where pos is unreachable. */
  readonly steps: ReadonlyArray<FeasibleSteps | undefined>;
}

/**
 * Runs the backward pass for a phrase of `length` positions; a typed error when no sequence of
 * tokens meets the constraints (found here, before any sampling: nothing is ever retried).
 */
export function compileConstraints(
  model: StepModel,
  length: number,
  allowed: Allowed,
): Result<CompiledPhrase, ConstraintError> {
  const suffix = compileSuffix(model, length, allowed);
  return suffix.ok ? compileStart(suffix.value, model) : suffix;
}

/**
 * The backward pass down to position 1, and the feasible steps at 0; a typed error when no
 * sequence of tokens fills the phrase under the constraints. `model.projected` is asked only
 * after tokens of the phrase (previous ≥ 0).
 */
export function compileSuffix(
  model: StepModel,
  length: number,
  allowed: Allowed,
): Result<CompiledSuffix, ConstraintError> {
  const { size } = model;
  const spans = spansOf(model, length);
  const fits = fitsJudge(size, length, spans, allowed);
  const reachable = reachablePositions(size, length, spans, fits);
  const beta: (Float64Array | undefined)[] = new Array(length + 1).fill(undefined);
  const steps: (FeasibleSteps | undefined)[] = new Array(length + 1).fill(undefined);
  if (!reachable[length]) return err(unsatisfiable(length));
  // One buffer for every row: many small typed arrays cost far more than one large one.
  const rows = new Float64Array((length + 1) * (size + 1));
  const row = (pos: number) => rows.subarray(pos * (size + 1), (pos + 1) * (size + 1));
  beta[length] = row(length).fill(1);
  const buffer = scratchRow(size, COMPILE_SLOT);
  // β(pos + span(t), t) of the feasible steps at pos, 0 for the other tokens: a dense dot product.
  const weights = new Array<number>(size).fill(0);
  for (let pos = length - 1; pos >= 0; pos--) {
    if (!reachable[pos]) continue;
    steps[pos] = feasibleSteps(pos, size, spans, fits, beta);
    if (pos === 0) break;
    const b = row(pos);
    if (denseWeights(steps[pos], weights))
      // The states at pos: the tokens that can end there.
      for (let s = 0; s < size; s++) {
        const start = pos - spans[s];
        if (start >= 0 && reachable[start] && fits(start, s)) b[s + 1] = dot(model.projected(pos, s, buffer), weights);
      }
    normaliseByMax(b);
    beta[pos] = b;
  }
  return ok({ length, allowed, beta, steps });
}

/**
 * Completes a compiled suffix with β at the phrase start, where `model` (whose projection after a
 * phrase token must be the suffix's) knows the context before the phrase; a typed error when the
 * phrase cannot start there.
 */
export function compileStart(suffix: CompiledSuffix, model: StepModel): Result<CompiledPhrase, ConstraintError> {
  const weights = new Array<number>(model.size).fill(0);
  const feasible =
    suffix.length === 0 ||
    (denseWeights(suffix.steps[0], weights) &&
      dot(model.projected(0, -1, scratchRow(model.size, COMPILE_SLOT)), weights) > 0);
  if (!feasible) return err(unsatisfiable(suffix.length));
  const beta = suffix.beta.slice();
  // β(0, ·) rescaled by its largest value, β(0, start): 1 there and 0 for every token (no token
  // precedes the phrase) — or, for an empty phrase, β(T, ·) = 1 everywhere.
  beta[0] = startRow(model.size, suffix.length === 0);
  return ok({ length: suffix.length, allowed: suffix.allowed, steps: suffix.steps, model, beta });
}

/** The rescaled β of a phrase's start, shared by every phrase of a size (never to be modified). */
const startRows = new Map<string, Float64Array>();
function startRow(size: number, empty: boolean): Float64Array {
  const key = `${size}${empty ? ' empty' : ''}`;
  let row = startRows.get(key);
  if (!row) {
    row = new Float64Array(size + 1);
    if (empty) row.fill(1);
    else row[0] = 1;
    startRows.set(key, row);
  }
  return row;
}

/** Each token's span, clamped to length + 1 (a token that long fits nowhere). */
function spansOf(model: StepModel, length: number): Int32Array {
  const spans = new Int32Array(model.size);
  for (let t = 0; t < model.size; t++) spans[t] = Math.min(length + 1, model.span(t));
  return spans;
}

/**
 * Whether token t may start at pos (allowed, and ending by the phrase end). Each (position, token)
 * is judged once: constraints may be arbitrary closures.
 */
function fitsJudge(
  size: number,
  length: number,
  spans: Int32Array,
  allowed: Allowed,
): (pos: number, t: number) => boolean {
  const judged = new Int8Array((length + 1) * size).fill(-1);
  return (pos, t) => {
    const i = pos * size + t;
    if (judged[i] < 0) judged[i] = pos + spans[t] <= length && allowed(pos, t) ? 1 : 0;
    return judged[i] === 1;
  };
}

/** Positions some sequence of allowed tokens can reach from 0 (what the states can be). */
function reachablePositions(
  size: number,
  length: number,
  spans: Int32Array,
  fits: (pos: number, t: number) => boolean,
): Uint8Array {
  const reachable = new Uint8Array(length + 1);
  reachable[0] = 1;
  for (let pos = 0; pos < length; pos++) {
    if (!reachable[pos]) continue;
    for (let t = 0; t < size; t++) if (fits(pos, t)) reachable[pos + spans[t]] = 1;
  }
  return reachable;
}

/** The tokens that fit at `pos` and whose end has β > 0 (β of later positions is known). */
function feasibleSteps(
  pos: number,
  size: number,
  spans: Int32Array,
  fits: (pos: number, t: number) => boolean,
  beta: readonly (Float64Array | undefined)[],
): FeasibleSteps {
  const tokens: number[] = [];
  const weights: number[] = [];
  for (let t = 0; t < size; t++) {
    if (!fits(pos, t)) continue;
    const b = beta[pos + spans[t]]?.[t + 1] ?? 0;
    if (b > 0) {
      tokens.push(t);
      weights.push(b);
    }
  }
  return { tokens, beta: weights, logBeta: weights.map(Math.log) };
}

/** Writes the feasible steps' β into `w` (0 for the other tokens); false when there is none. */
function denseWeights(step: FeasibleSteps | undefined, w: number[]): boolean {
  w.fill(0);
  if (!step) return false;
  for (let k = 0; k < step.tokens.length; k++) w[step.tokens[k]] = step.beta[k];
  return step.tokens.length > 0;
}

/** Σ_t P₁(t) · w(t): with w the β of the feasible steps (and 0 elsewhere), what β(pos, s) sums. */
function dot(p: ArrayLike<number>, w: readonly number[]): number {
  let sum = 0;
  for (let t = 0; t < w.length; t++) sum += p[t] * w[t];
  return sum;
}

/** Divides by the largest value (when positive). */
function normaliseByMax(b: Float64Array): void {
  let max = 0;
  for (let i = 0; i < b.length; i++) if (b[i] > max) max = b[i];
  if (max > 0) for (let i = 0; i < b.length; i++) b[i] /= max;
}

function unsatisfiable(length: number): ConstraintError {
  return {
    code: 'constraints-unsatisfiable',
    message: `no sequence of the model's tokens fills the ${length} positions of the phrase and meets its constraints`,
  };
}
