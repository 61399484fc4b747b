import { type ContextTrie, type CountTable, childOf, type Discounts, type VariableChain } from './chain';

/*
 * Interpolated modified Kneser–Ney smoothing (Chen & Goodman 1998, "An empirical study of smoothing
 * techniques for language modeling", §3.4), with the model truncated at order K ≤ N:
 *
 *   P_k(w | h) = max(c_k(h·w) − D_k(c_k(h·w)), 0) / Σ_v c_k(h·v)  +  γ_k(h) · P_{k−1}(w | h′)
 *   γ_k(h)     = (D_k,1 · N1(h) + D_k,2 · N2(h) + D_k,3+ · N3+(h)) / Σ_v c_k(h·v)
 *   P_{−1}(w)  = 1 / |V|
 *
 * h′ is h without its oldest token; N_j(h) counts the tokens w with c_k(h·w) = j (3 or more for N3+).
 * c_K is the raw count at the top order K; below it c_k(h·w) is the continuation count N1+(•·h·w),
 * the number of distinct tokens seen before h·w — "in how many contexts does w follow h", which is
 * what a lower order should answer when the longer context did not predict w. A context never seen
 * passes its whole mass down: P_k(w | h) = P_{k−1}(w | h′).
 *
 * Discounts per order from the count-of-counts n_j (Y = n1 / (n1 + 2·n2)):
 *   D1 = 1 − 2Y·n2/n1,  D2 = 2 − 3Y·n3/n2,  D3+ = 3 − 4Y·n4/n3,
 * kept positive and monotone (see estimateDiscounts) so that every seen context keeps γ > 0: then every
 * token of the vocabulary has a probability of at least Π γ / |V| > 0, in every context, at every order.
 */

const FALLBACK: Discounts = { d1: 0.5, d2: 1, d3: 1.5 };

/** n[depth][j]: how many entries of that depth have count j (1–4; n[depth][0] counts the zeros of a fold view). */
export function countOfCounts(trie: ContextTrie, table: CountTable, order: number): number[][] {
  const n = Array.from({ length: order + 1 }, () => [0, 0, 0, 0, 0]);
  for (let node = 0; node < trie.nodes; node++) {
    const row = n[trie.depth[node]];
    for (let i = table.start[node]; i < table.start[node + 1]; i++) if (table.count[i] <= 4) row[table.count[i]]++;
  }
  return n;
}

/** γ of every node, from integer tallies (so it does not depend on the order counts were added in). */
export function setBackoffs(trie: ContextTrie, table: CountTable, discounts: readonly Discounts[]): void {
  for (let node = 0; node < trie.nodes; node++) {
    const total = table.total[node];
    if (total === 0) continue;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    for (let i = table.start[node]; i < table.start[node + 1]; i++) {
      const c = table.count[i];
      if (c === 0) continue; // an entry counted only in the fold left out (foldView)
      if (c === 1) n1++;
      else if (c === 2) n2++;
      else n3++;
    }
    const d = discounts[trie.depth[node]];
    table.backoff[node] = (d.d1 * n1 + d.d2 * n2 + d.d3 * n3) / total;
  }
}

/**
 * Smooths a trie's counts: the discounts of each order from its raw and continuation counts, and
 * every node's back-off weights (set in the tables). How a chain is finished, read or viewed
 * without a fold.
 */
export function smoothTrie(trie: ContextTrie, order: number): { raw: Discounts[]; continuation: Discounts[] } {
  const discounts = {
    raw: countOfCounts(trie, trie.raw, order).map(estimateDiscounts),
    continuation: countOfCounts(trie, trie.continuation, order).map(estimateDiscounts),
  };
  setBackoffs(trie, trie.raw, discounts.raw);
  setBackoffs(trie, trie.continuation, discounts.continuation);
  return discounts;
}

/**
 * Chen & Goodman's estimate from the count-of-counts `n` (n[j] = how many counts equal j), kept
 * monotone (0.05 ≤ D1 ≤ 0.95, D1 ≤ D2 ≤ D1 + 0.95, D2 ≤ D3 ≤ D2 + 0.95: a token seen more often
 * never gets less mass); with too few counts for three estimates, one discount Y for all.
 */
export function estimateDiscounts(n: readonly number[]): Discounts {
  const [, n1, n2, n3, n4] = n;
  if (n1 === 0 || n2 === 0) return FALLBACK;
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, low: number, high: number) => Math.min(high, Math.max(low, d));
  if (n3 === 0 || n4 === 0) {
    const d = clamp(y, 0.05, 0.95);
    return { d1: d, d2: d, d3: d };
  }
  const d1 = clamp(1 - (2 * y * n2) / n1, 0.05, 0.95);
  const d2 = clamp(2 - (3 * y * n3) / n2, d1, d1 + 0.95);
  const d3 = clamp(3 - (4 * y * n4) / n3, d2, d2 + 0.95);
  return { d1, d2, d3 };
}

const discountOf = (c: number, d: Discounts): number => (c === 1 ? d.d1 : c === 2 ? d.d2 : d.d3);

/**
 * The nodes of a context from order 0 up to `order` (fewer when a longer context was never seen).
 * `context` holds symbol ids, oldest first; -1 stands for a token the chain never saw.
 */
export function contextPath(chain: VariableChain, context: ArrayLike<number>, order: number): number[] {
  const path = [0];
  let node = 0;
  for (let k = 1; k <= order && k <= context.length; k++) {
    const id = context[context.length - k];
    const child = id < 0 ? -1 : childOf(chain.trie, node, id);
    if (child < 0) break;
    path.push(child);
    node = child;
  }
  return path;
}

/**
 * Writes P(w | context) for every vocabulary position w into `out` (length |V|), with the model
 * truncated at `order`. Sums to 1; every entry is positive.
 */
export function fillDistribution(chain: VariableChain, path: readonly number[], order: number, out: Float64Array) {
  const { vocabIndex, discounts, trie } = chain;
  out.fill(1 / out.length);
  for (let k = 0; k < path.length; k++) {
    const node = path[k];
    const rawLevel = k === order;
    const table = rawLevel ? trie.raw : trie.continuation;
    const total = table.total[node];
    if (total === 0) continue;
    const d = (rawLevel ? discounts.raw : discounts.continuation)[k];
    const gamma = table.backoff[node];
    for (let i = 0; i < out.length; i++) out[i] *= gamma;
    for (let i = table.start[node]; i < table.start[node + 1]; i++) {
      const c = table.count[i];
      if (c > 0) out[vocabIndex[table.token[i]]] += (c - discountOf(c, d)) / total;
    }
  }
}

/** The count of symbol `id` in a node's row (binary search; rows are sorted by token id). */
function countIn(table: CountTable, node: number, id: number): number {
  let lo = table.start[node];
  let hi = table.start[node + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = table.token[mid];
    if (t === id) return table.count[mid];
    if (t < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** P(w | context) for one vocabulary position, as {@link fillDistribution} would give it. */
export function probabilityAlong(chain: VariableChain, path: readonly number[], order: number, w: number): number {
  const { discounts, trie } = chain;
  const id = chain.vocabulary[w];
  let p = 1 / chain.vocabulary.length;
  for (let k = 0; k < path.length; k++) {
    const node = path[k];
    const rawLevel = k === order;
    const table = rawLevel ? trie.raw : trie.continuation;
    const total = table.total[node];
    if (total === 0) continue;
    const c = countIn(table, node, id);
    const d = (rawLevel ? discounts.raw : discounts.continuation)[k];
    p = (c > 0 ? (c - discountOf(c, d)) / total : 0) + table.backoff[node] * p;
  }
  return p;
}
