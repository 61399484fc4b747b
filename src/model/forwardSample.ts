import { pickWeighted, type Rng } from '../core';
import { temper } from './chainQuery';
import type { SampledPhrase } from './constrainedSample';
import type { StepModel } from './stepModel';

/**
 * Plain forward sampling from a StepModel's full model, with no constraints and no backward pass:
 * tokens are drawn until `length` positions are covered (the last token may run past the end).
 * The baseline the constrained sampler is measured against; with `forbids`, the guard alone
 * (relaxed, and reported, when it forbids every token).
 */
export function sampleForward(
  model: StepModel,
  length: number,
  rng: Rng,
  options: { temperature?: number; forbids?: (history: readonly number[], token: number) => boolean } = {},
): SampledPhrase {
  const out = new Float64Array(model.size);
  const tokens: number[] = [];
  const positions: number[] = [];
  const relaxed: number[] = [];
  let pos = 0;
  while (pos < length) {
    model.full(pos, tokens, out);
    temper(out, options.temperature ?? 1);
    const weights = Array.from(out);
    if (options.forbids) {
      const guarded = weights.map((w, t) => (options.forbids?.(tokens, t) ? 0 : w));
      if (guarded.some((w) => w > 0)) for (let t = 0; t < weights.length; t++) weights[t] = guarded[t];
      else relaxed.push(tokens.length);
    }
    const t = pickWeighted(weights, rng);
    if (t < 0) break;
    tokens.push(t);
    positions.push(pos);
    pos += model.span(t);
  }
  return { tokens, positions, relaxed };
}
