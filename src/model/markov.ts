import { pickWeighted, type Rng } from '../core';

/**
 * A Markov chain of a fixed maximum order over string tokens, with back-off: when a context of
 * length k was never seen, the next shorter context predicts (down to the order-0 frequencies).
 */
export interface MarkovChain {
  readonly order: number;
  /** `tables[k]` maps a context of k tokens (joined by {@link SEP}) to the counts of what followed. */
  readonly tables: ReadonlyArray<ReadonlyMap<string, ReadonlyMap<string, number>>>;
}

/** Joins context tokens into a table key; a control character no token contains. */
export const SEP = '\u0001';

/** Counts every n-gram up to `order` + 1 in `sequences`. */
export function trainChain(sequences: ReadonlyArray<readonly string[]>, order: number): MarkovChain {
  const tables = Array.from({ length: order + 1 }, () => new Map<string, Map<string, number>>());
  for (const seq of sequences) {
    for (let i = 0; i < seq.length; i++) {
      for (let k = 0; k <= order && k <= i; k++) {
        const key = seq.slice(i - k, i).join(SEP);
        let row = tables[k].get(key);
        if (!row) {
          row = new Map();
          tables[k].set(key, row);
        }
        row.set(seq[i], (row.get(seq[i]) ?? 0) + 1);
      }
    }
  }
  return { order, tables };
}

/** Options of {@link sampleNext}. */
export interface SampleOptions {
  /** 1 keeps the learned probabilities; below 1 sharpens them, above 1 flattens them. */
  temperature: number;
  /** Multiplies each candidate's probability (0 rules it out): constraints and context biases. */
  weight?: (token: string) => number;
}

/**
 * The distribution after `context` from the longest seen context that leaves a candidate with
 * non-zero weight; empty when even order 0 has none.
 */
export function predict(
  chain: MarkovChain,
  context: readonly string[],
  weight: (token: string) => number = () => 1,
): { tokens: string[]; weights: number[]; order: number } {
  for (let k = Math.min(chain.order, context.length); k >= 0; k--) {
    const row = chain.tables[k].get(context.slice(context.length - k).join(SEP));
    if (!row) continue;
    const tokens: string[] = [];
    const weights: number[] = [];
    for (const [token, count] of row) {
      const w = count * weight(token);
      if (w > 0) {
        tokens.push(token);
        weights.push(w);
      }
    }
    if (tokens.length > 0) return { tokens, weights, order: k };
  }
  return { tokens: [], weights: [], order: -1 };
}

/** Draws the next token after `context`, or undefined when no token is allowed. */
export function sampleNext(
  chain: MarkovChain,
  context: readonly string[],
  rng: Rng,
  options: SampleOptions,
): string | undefined {
  const { tokens, weights } = predict(chain, context, options.weight);
  const t = Math.max(0.05, options.temperature);
  const tempered = t === 1 ? weights : weights.map((w) => w ** (1 / t));
  const i = pickWeighted(tempered, rng);
  return i < 0 ? undefined : tokens[i];
}

/** Natural-log probability of `sequence` under the chain's back-off prediction (-Infinity if unseen). */
export function logProbability(chain: MarkovChain, sequence: readonly string[]): number {
  let total = 0;
  for (let i = 0; i < sequence.length; i++) {
    const { tokens, weights } = predict(chain, sequence.slice(Math.max(0, i - chain.order), i));
    const j = tokens.indexOf(sequence[i]);
    if (j < 0) return Number.NEGATIVE_INFINITY;
    total += Math.log(weights[j] / weights.reduce((a, b) => a + b, 0));
  }
  return total;
}
