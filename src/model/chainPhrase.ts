import { ok, type Result, type Rng } from '../core';
import type { VariableChain } from './chain';
import { encodeContext, vocabularyOf } from './chainQuery';
import { compileConstraints } from './compile';
import { sampleCompiled } from './constrainedSample';
import { type CorpusIndex, guardOf } from './guard';
import { contextPath, fillDistribution } from './kneserNey';
import type { ConstraintError, StepModel } from './stepModel';

/**
 * A plain sequence chain (trainVariableChain) as a StepModel over its vocabulary: one token per
 * position, the full model after `context` and the phrase so far, projected to order 1.
 */
export function chainStepModel(chain: VariableChain, context: readonly string[] = []): StepModel {
  const tokens = vocabularyOf(chain);
  const before = encodeContext(chain, context);
  const fill = (ids: ArrayLike<number>, order: number, out: Float64Array) => {
    fillDistribution(chain, contextPath(chain, ids, order), order, out);
    return out;
  };
  return {
    size: tokens.length,
    span: () => 1,
    projected: (_, previous, out) =>
      fill(previous < 0 ? before : [chain.vocabulary[previous]], Math.min(1, chain.order), out),
    full: (_, history, out) => {
      fill([...before, ...history.map((t) => chain.vocabulary[t])], chain.order, out);
    },
  };
}

/** What a generated sequence must be. */
export interface SequenceRequest {
  /** Number of tokens. */
  length: number;
  /** Unary constraint: may `token` stand at `position`? (default: anything anywhere). */
  allowed?: (position: number, token: string) => boolean;
  /** Tokens before the sequence, oldest first. */
  context?: readonly string[];
  temperature?: number;
  /** Guard against copying runs longer than `guard.maxRun` from the indexed pieces. */
  guard?: CorpusIndex;
}

/**
 * A sequence of exactly `length` tokens from a chain, every unary constraint met by construction
 * (or a typed error when none can be), the guard on when given.
 *
 * @example
 * generateSequence(chain, { length: 8, allowed: (i, t) => i < 7 || t === 'I' }, createRng(1));
 */
export function generateSequence(
  chain: VariableChain,
  request: SequenceRequest,
  rng: Rng,
): Result<{ tokens: string[]; relaxed: number }, ConstraintError> {
  const tokens = vocabularyOf(chain);
  const context = request.context ?? [];
  const step = chainStepModel(chain, context);
  const allowed = request.allowed;
  const compiled = compileConstraints(step, request.length, allowed ? (p, t) => allowed(p, tokens[t]) : () => true);
  if (!compiled.ok) return compiled;
  const guard = request.guard;
  const sampled = sampleCompiled(compiled.value, rng, {
    temperature: request.temperature,
    forbids: guard ? guardOf(guard, context, (_, t) => tokens[t]) : undefined,
  });
  return ok({ tokens: sampled.tokens.map((t) => tokens[t]), relaxed: sampled.relaxed.length });
}
