import { pickWeighted, type Rng } from '../core';
import { childOf, START, type VariableChain } from './chain';
import { contextPath, fillDistribution, probabilityAlong } from './kneserNey';
import { modelTable, rowBudget } from './modelMemo';

/** A probability for every token of a chain's vocabulary, in the order of `tokens`. */
export interface Distribution {
  readonly tokens: readonly string[];
  /** Sums to 1; every entry is positive. */
  readonly probabilities: Float64Array;
}

/** Options of the chain's queries. */
export interface OrderOption {
  /** Truncate the model at this order (0 = token frequencies only); default the chain's order. */
  order?: number;
}

/**
 * Symbol ids of `context` (oldest first), padded at the front with {@link START} up to the chain's
 * order; -1 for tokens the chain never saw (the context is cut there).
 */
export function encodeContext(chain: VariableChain, context: readonly string[]): number[] {
  const n = Math.max(chain.order, context.length);
  const start = chain.ids.get(START) ?? -1;
  const ids: number[] = [];
  for (let i = context.length; i < n; i++) ids.push(start);
  for (const token of context) ids.push(chain.ids.get(token) ?? -1);
  return ids;
}

/**
 * The trie path of `context` (oldest first, padded with {@link START} as {@link encodeContext}
 * pads it) up to `order`: the same as contextPath of the encoded context, reading only the tokens
 * the walk reaches.
 */
export function contextPathOf(chain: VariableChain, context: readonly string[], order: number): number[] {
  const path = [0];
  let node = 0;
  const n = Math.max(chain.order, context.length);
  for (let k = 1; k <= order && k <= n; k++) {
    const id = chain.ids.get(k <= context.length ? context[context.length - k] : START) ?? -1;
    const child = id < 0 ? -1 : childOf(chain.trie, node, id);
    if (child < 0) break;
    path.push(child);
    node = child;
  }
  return path;
}

/**
 * P(token | context) for every vocabulary token, truncated at `order`, as fillDistribution writes
 * it — kept per chain: the values are fixed by the deepest trie node the context reaches and
 * whether that node is read at the top order (raw counts) or below it. Shared: never to be modified.
 */
export function chainDistribution(chain: VariableChain, context: readonly string[], order: number): Float64Array {
  const path = contextPathOf(chain, context, order);
  const key = 2 * path[path.length - 1] + (path.length - 1 === order ? 1 : 0);
  const size = chain.vocabulary.length;
  return modelTable<Float64Array>(chain, 'distribution', 2 * chain.trie.nodes, rowBudget(size, 8)).get(key, () => {
    const out = new Float64Array(size);
    fillDistribution(chain, path, order, out);
    return out;
  });
}

/** The tokens of the chain's vocabulary, in the order of every {@link Distribution}. */
export function vocabularyOf(chain: VariableChain): string[] {
  return chain.vocabulary.map((id) => chain.symbols[id]);
}

const effectiveOrder = (chain: VariableChain, options?: OrderOption): number =>
  Math.max(0, Math.min(chain.order, options?.order ?? chain.order));

/**
 * P(token | context) for every token of the vocabulary (interpolated Kneser–Ney, see
 * kneserNey.ts): it sums to 1 and gives every token a positive probability, for seen and unseen
 * contexts alike. `context` holds the previous tokens, oldest first; [] is the phrase start.
 *
 * @example
 * const d = distribution(chain, ['I', 'IV']);
 * d.tokens[d.probabilities.indexOf(Math.max(...d.probabilities))]; // => the likeliest next chord
 */
export function distribution(chain: VariableChain, context: readonly string[], options?: OrderOption): Distribution {
  const order = effectiveOrder(chain, options);
  const out = new Float64Array(chain.vocabulary.length);
  if (out.length > 0) fillDistribution(chain, contextPathOf(chain, context, order), order, out);
  return { tokens: vocabularyOf(chain), probabilities: out };
}

/** P(token | context); 0 for a token outside the vocabulary. */
export function probabilityOf(
  chain: VariableChain,
  context: readonly string[],
  token: string,
  options?: OrderOption,
): number {
  const id = chain.ids.get(token);
  const w = id === undefined ? -1 : chain.vocabIndex[id];
  if (w < 0) return 0;
  const order = effectiveOrder(chain, options);
  return probabilityAlong(chain, contextPathOf(chain, context, order), order, w);
}

/**
 * log₂ P(sequence) in bits (≤ 0), each token predicted from the tokens before it from the phrase
 * start. Finite for any sequence of vocabulary tokens; -Infinity when a token is outside it.
 */
export function log2Probability(chain: VariableChain, sequence: readonly string[], options?: OrderOption): number {
  const order = effectiveOrder(chain, options);
  const ids = encodeContext(chain, []);
  const history = [...ids];
  let bits = 0;
  for (const token of sequence) {
    const id = chain.ids.get(token) ?? -1;
    const w = id < 0 ? -1 : chain.vocabIndex[id];
    if (w < 0) return Number.NEGATIVE_INFINITY;
    bits += Math.log2(probabilityAlong(chain, contextPath(chain, history, order), order, w));
    history.push(id);
    if (history.length > chain.order) history.shift();
  }
  return bits;
}

/** Options of {@link sample}. */
export interface ChainSampleOptions extends OrderOption {
  /** 1 keeps the model's probabilities; below 1 sharpens them, above 1 flattens them (clamped to ≥ 0.05). */
  temperature?: number;
  /** Multiplies each token's probability after tempering (0 rules it out): constraints and biases. */
  weight?: (token: string) => number;
}

/** Raises probabilities to 1/temperature in place (the caller renormalises, or sampling does). */
export function temper(probabilities: Float64Array, temperature: number): Float64Array {
  const t = Math.max(0.05, temperature);
  if (t !== 1) for (let i = 0; i < probabilities.length; i++) probabilities[i] **= 1 / t;
  return probabilities;
}

/** Draws the next token after `context`; undefined only when `weight` rules out every token. */
export function sample(
  chain: VariableChain,
  context: readonly string[],
  rng: Rng,
  options: ChainSampleOptions = {},
): string | undefined {
  const { tokens, probabilities } = distribution(chain, context, options);
  temper(probabilities, options.temperature ?? 1);
  const weights = Array.from(probabilities, (p, i) => (options.weight ? p * options.weight(tokens[i]) : p));
  const i = pickWeighted(weights, rng);
  return i < 0 ? undefined : tokens[i];
}

/** The raw counts of what followed exactly `context` (oldest first, at most `order` tokens); empty when never seen. */
export function countsAfter(chain: VariableChain, context: readonly string[]): Map<string, number> {
  const depth = Math.min(chain.order, context.length);
  const ids = context.slice(context.length - depth).map((t) => chain.ids.get(t) ?? -1);
  const path = contextPath(chain, ids, depth);
  const counts = new Map<string, number>();
  if (path.length !== depth + 1) return counts;
  const node = path[depth];
  const { raw } = chain.trie;
  for (let i = raw.start[node]; i < raw.start[node + 1]; i++) counts.set(chain.symbols[raw.token[i]], raw.count[i]);
  return counts;
}
