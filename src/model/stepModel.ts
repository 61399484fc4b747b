/**
 * What the constraint compiler needs of a model: a fixed alphabet of tokens 0..size-1 laid on an
 * axis of positions (note by note, or time in units or twelfths of a bar), and two predictors:
 * the full model and its order-1 projection.
 *
 * Contract: for every position and history, `full` gives a positive probability to exactly the
 * tokens to which `projected` (with the history's last token as `previous`) gives one. The
 * Kneser–Ney chains satisfy it trivially (every vocabulary token is positive at every order).
 */
export interface StepModel {
  /** Number of tokens; tokens are the integers 0..size-1. */
  readonly size: number;
  /** How many positions token `t` covers: 1 on a note-by-note axis, its length on a time axis (≥ 1). */
  span(t: number): number;
  /**
   * The order-1 projection P(t | previous token, position), `size` values; `previous` is -1 at the
   * first position (the model knows the context before the phrase). It may sum to less than 1: mass
   * on tokens outside the alphabet (a pitch out of range) counts as a broken constraint in the
   * backward pass. Written into `out` and returned, or returned from a cache (then `out` is
   * untouched): callers read the returned values and never modify them.
   */
  projected(position: number, previous: number, out: Float64Array): ArrayLike<number>;
  /** The full model P(t | everything before, position) into `out`; `history` holds this phrase's tokens so far. */
  full(position: number, history: readonly number[], out: Float64Array): void;
  /**
   * Craft applied to the choice itself, after the constraints' look-ahead has weighed it (a rule
   * the drawn token must honour that often, whatever the look-ahead prefers): may change the log
   * weights of `candidates` (the feasible tokens at `position`) in place. Optional.
   */
  reweigh?(position: number, history: readonly number[], candidates: readonly number[], logWeights: number[]): void;
}

/** A unary constraint: may token `token` start at `position`? Position and token only — that is what keeps compilation exact. */
export type Allowed = (position: number, token: number) => boolean;

/** Why a phrase could not be generated: no sequence of the model's tokens meets the constraints. */
export interface ConstraintError {
  code: 'constraints-unsatisfiable';
  message: string;
}

/** Combines unary constraints: a token is allowed where every one of them allows it. */
export function allOf(...constraints: readonly Allowed[]): Allowed {
  return (position, token) => {
    for (const c of constraints) if (!c(position, token)) return false;
    return true;
  };
}

/** Only tokens satisfying `test` may start at `position`. */
export function fixedAt(position: number, test: (token: number) => boolean): Allowed {
  return (p, t) => p !== position || test(t);
}

/**
 * The token that ends the phrase (the one covering its last position) must satisfy `test`: on a
 * time axis that is the token starting at `length − span`, still one position and one token.
 */
export function endsWith(model: Pick<StepModel, 'span'>, length: number, test: (token: number) => boolean): Allowed {
  return (p, t) => p + model.span(t) !== length || test(t);
}

/** The token that ends at `position` (i.e. whose successor starts there) must satisfy `test`. */
export function endingAt(model: Pick<StepModel, 'span'>, position: number, test: (token: number) => boolean): Allowed {
  return (p, t) => p + model.span(t) !== position || test(t);
}

/** No token may start before `position` and end after it (e.g. a cadence's bar line). */
export function boundaryAt(model: Pick<StepModel, 'span'>, position: number): Allowed {
  return (p, t) => p >= position || p + model.span(t) <= position;
}
