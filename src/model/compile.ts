import { err, ok, type Result } from '../core';
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
 */

/** A phrase's constraints compiled against a model: the backward messages β. */
export interface CompiledPhrase {
  readonly model: StepModel;
  /** Number of positions of the phrase. */
  readonly length: number;
  readonly allowed: Allowed;
  /** `beta[pos]` is indexed by state + 1 (index 0: the phrase start); undefined where pos is unreachable. */
  readonly beta: ReadonlyArray<Float64Array | undefined>;
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
  const { size } = model;
  // Each (position, token) is judged once: constraints may be arbitrary closures.
  const judged = new Int8Array((length + 1) * size).fill(-1);
  const fits = (pos: number, t: number): boolean => {
    const i = pos * size + t;
    if (judged[i] < 0) judged[i] = pos + model.span(t) <= length && allowed(pos, t) ? 1 : 0;
    return judged[i] === 1;
  };
  const reachable = reachablePositions(model, length, fits);
  const beta: (Float64Array | undefined)[] = new Array(length + 1).fill(undefined);
  if (!reachable[length]) return err(unsatisfiable(length));
  const end = new Float64Array(size + 1);
  end.fill(1);
  beta[length] = end;
  const out = new Float64Array(size);
  for (let pos = length - 1; pos >= 0; pos--) {
    if (!reachable[pos]) continue;
    const b = new Float64Array(size + 1);
    const candidates: number[] = [];
    for (let t = 0; t < size; t++)
      if (fits(pos, t) && (beta[pos + model.span(t)]?.[t + 1] ?? 0) > 0) candidates.push(t);
    let max = 0;
    if (candidates.length > 0) {
      // At 0 the only state is the phrase start; elsewhere, the tokens that can end there.
      for (let s = pos === 0 ? -1 : 0; s < (pos === 0 ? 0 : size); s++) {
        if (pos > 0 && !canEndAt(model, pos, s, reachable, fits)) continue;
        model.projected(pos, s, out);
        let sum = 0;
        for (const t of candidates) sum += out[t] * (beta[pos + model.span(t)] as Float64Array)[t + 1];
        b[s + 1] = sum;
        if (sum > max) max = sum;
      }
    }
    if (max > 0) for (let i = 0; i < b.length; i++) b[i] /= max;
    beta[pos] = b;
  }
  if (!((beta[0]?.[0] ?? 0) > 0)) return err(unsatisfiable(length));
  return ok({ model, length, allowed, beta });
}

/** Positions some sequence of allowed tokens can reach from 0 (what the states can be). */
function reachablePositions(model: StepModel, length: number, fits: (pos: number, t: number) => boolean): boolean[] {
  const reachable = new Array<boolean>(length + 1).fill(false);
  reachable[0] = true;
  for (let pos = 0; pos < length; pos++) {
    if (!reachable[pos]) continue;
    for (let t = 0; t < model.size; t++) if (fits(pos, t)) reachable[pos + model.span(t)] = true;
  }
  return reachable;
}

/** Whether token `s` can be the one just emitted when the next token is due at `pos`. */
function canEndAt(
  model: StepModel,
  pos: number,
  s: number,
  reachable: readonly boolean[],
  fits: (pos: number, t: number) => boolean,
): boolean {
  const start = pos - model.span(s);
  return start >= 0 && reachable[start] && fits(start, s);
}

function unsatisfiable(length: number): ConstraintError {
  return {
    code: 'constraints-unsatisfiable',
    message: `no sequence of the model's tokens fills the ${length} positions of the phrase and meets its constraints`,
  };
}
