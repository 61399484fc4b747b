import type { ContextTrie, CountTable, VariableChain } from './chain';
import { countOfCounts, estimateDiscounts, setBackoffs } from './kneserNey';
import type { NgramCounts } from './ngramCounts';

/*
 * A chain from its top-order counts, without a hash map: the counts sorted by their context read
 * backwards (newest token first) lay the trie out level by level — a node's children are
 * consecutive, sorted by symbol, so a child is found by binary search — and every lower order's
 * row is a sum over a run of the sorted counts. Symbols are numbered in text order. So the chain
 * depends only on what was counted, not on the order it was counted in: counts merged from any
 * number of parts give the same chain, array for array.
 */

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Symbols in text order, and each old id's new id. */
export function canonicalSymbols(symbols: readonly string[]): { symbols: string[]; newId: Int32Array } {
  const byText = symbols.map((_, id) => id).sort((a, b) => compareText(symbols[a], symbols[b]));
  const newId = new Int32Array(symbols.length);
  byText.forEach((old, i) => {
    newId[old] = i;
  });
  return { symbols: byText.map((id) => symbols[id]), newId };
}

/**
 * The entries of `counts` sorted by (context newest first, then token), ids mapped through
 * `newId`: a stable counting sort per position, least significant first.
 */
export function sortedEntries(counts: NgramCounts, newId: ArrayLike<number>, symbolCount: number): Int32Array {
  const n = counts.size;
  const K = counts.order;
  let from = new Int32Array(n);
  for (let e = 0; e < n; e++) from[e] = e;
  let to = new Int32Array(n);
  const tally = new Int32Array(symbolCount + 1);
  // Least significant first: the token, then the oldest context token … the newest.
  for (let pass = 0; pass <= K; pass++) {
    const k = pass === 0 ? K : pass - 1;
    tally.fill(0);
    for (let i = 0; i < n; i++) tally[newId[counts.at(from[i], k)] + 1]++;
    for (let s = 0; s < symbolCount; s++) tally[s + 1] += tally[s];
    for (let i = 0; i < n; i++) to[tally[newId[counts.at(from[i], k)]]++] = from[i];
    [from, to] = [to, from];
  }
  return from;
}

/** A growable array of numbers. */
class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}
const ints = (n: number) => new Int32Array(n);
const floats = (n: number) => new Float64Array(n);

/** What {@link buildChain} needs besides the counts. */
export interface ChainParts {
  order: number;
  /** Symbols in text order ({@link canonicalSymbols}). */
  symbols: readonly string[];
  /** Old symbol id (as in the counts) → id in `symbols`. */
  newId: ArrayLike<number>;
  /** Ids (in `symbols`) the chain predicts even if never counted. */
  predicted: Iterable<number>;
}

/**
 * The chain of the entries `sorted` (see {@link sortedEntries}) of `counts`, each counted
 * `countOf(entry)` times (entries counted 0 times are left out): trie, raw and continuation counts,
 * Kneser–Ney discounts and back-off weights.
 */
export function buildChain(
  parts: ChainParts,
  counts: NgramCounts,
  sorted: Int32Array,
  countOf: (entry: number) => number = (e) => counts.count(e),
): VariableChain {
  const { order: K, symbols, newId } = parts;
  if (counts.order !== K) throw new RangeError(`counts of order ${counts.order} for a chain of order ${K}`);
  const S = symbols.length;
  // The kept entries in order, their keys (depth 1 … K context ids, then the token) and counts.
  const W = K + 1;
  const keep: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (countOf(sorted[i]) > 0) keep.push(sorted[i]);
  const E = keep.length;
  const keys = new Int32Array(E * W);
  const cnt = new Float64Array(E);
  for (let i = 0; i < E; i++) {
    const e = keep[i];
    for (let d = 1; d <= K; d++) keys[i * W + d - 1] = newId[counts.at(e, K - d)];
    keys[i * W + K] = newId[counts.at(e, K)];
    cnt[i] = countOf(e);
  }
  // The shallowest depth at which entry i's context differs from entry i − 1's (K + 1: the same context).
  const differs = new Int32Array(E);
  for (let i = 0; i < E; i++) {
    let d = 1;
    if (i > 0) while (d <= K && keys[i * W + d - 1] === keys[(i - 1) * W + d - 1]) d++;
    differs[i] = d;
  }
  // Nodes level by level, each level in entry order.
  const levelStart = new Int32Array(K + 2);
  levelStart[0] = 0;
  levelStart[1] = 1;
  for (let k = 1; k <= K; k++) {
    let n = 0;
    for (let i = 0; i < E; i++) if (differs[i] <= k) n++;
    levelStart[k + 1] = levelStart[k] + n;
  }
  const nodes = levelStart[K + 1];
  const parent = new Int32Array(nodes).fill(-1);
  const symbol = new Int32Array(nodes).fill(-1);
  const depth = new Int32Array(nodes);
  const cur = new Int32Array(E); // node of each entry at the level being built
  for (let k = 1; k <= K; k++) {
    let next = levelStart[k];
    for (let i = 0; i < E; i++) {
      if (differs[i] <= k) {
        const id = next++;
        parent[id] = cur[i];
        symbol[id] = keys[i * W + k - 1];
        depth[id] = k;
        cur[i] = id;
      } else cur[i] = cur[i - 1];
    }
  }
  const childStart = new Int32Array(nodes + 1);
  const childCount = new Int32Array(nodes);
  for (let n = 1; n < nodes; n++) childCount[parent[n]]++;
  childStart[0] = Math.min(1, nodes);
  for (let n = 0; n < nodes; n++) childStart[n + 1] = childStart[n] + childCount[n];
  // Raw rows: each node's tokens summed over its run of entries.
  const rawStart = new Int32Array(nodes + 1);
  const rawToken = new Grow(new Int32Array(E + 64), ints);
  const rawCount = new Grow(new Float64Array(E + 64), floats);
  const acc = new Float64Array(S);
  const touched = new Grow(new Int32Array(64), ints);
  const flush = (node: number) => {
    const row = touched.data.subarray(0, touched.length).sort();
    for (const t of row) {
      rawToken.push(t);
      rawCount.push(acc[t]);
      acc[t] = 0;
    }
    touched.length = 0;
    rawStart[node + 1] = rawToken.length;
  };
  for (let k = 0; k <= K; k++) {
    const first = levelStart[k];
    let node = first - 1;
    for (let i = 0; i < E; i++) {
      if (i === 0 || differs[i] <= k) {
        if (node >= first) flush(node);
        node++;
        rawStart[node] = rawToken.length;
      }
      const t = keys[i * W + K];
      if (acc[t] === 0) touched.push(t);
      acc[t] += cnt[i];
    }
    if (E > 0) flush(node);
  }
  const raw = table(nodes, rawStart, rawToken.trimmed(), rawCount.trimmed());
  // Continuation rows: for each node, in how many of its children's rows each token appears.
  const contStart = new Int32Array(nodes + 1);
  const contToken = new Grow(new Int32Array(E + 64), ints);
  const contCount = new Grow(new Float64Array(E + 64), floats);
  for (let p = 0; p < nodes; p++) {
    contStart[p] = contToken.length;
    for (let c = childStart[p]; c < childStart[p + 1]; c++)
      for (let j = raw.start[c]; j < raw.start[c + 1]; j++) {
        const t = raw.token[j];
        if (acc[t] === 0) touched.push(t);
        acc[t]++;
      }
    const row = touched.data.subarray(0, touched.length).sort();
    for (const t of row) {
      contToken.push(t);
      contCount.push(acc[t]);
      acc[t] = 0;
    }
    touched.length = 0;
  }
  contStart[nodes] = contToken.length;
  const continuation = table(nodes, contStart, contToken.trimmed(), contCount.trimmed());
  const trie: ContextTrie = { nodes, parent, symbol, depth, childStart, raw, continuation };
  const discounts = {
    raw: countOfCounts(trie, raw, K).map(estimateDiscounts),
    continuation: countOfCounts(trie, continuation, K).map(estimateDiscounts),
  };
  setBackoffs(trie, raw, discounts.raw);
  setBackoffs(trie, continuation, discounts.continuation);
  // The vocabulary: what was declared and what was counted, in text order (= id order).
  const predicted = new Set(parts.predicted);
  if (nodes > 0) for (let j = raw.start[0]; j < raw.start[1]; j++) predicted.add(raw.token[j]);
  const vocabulary = [...predicted].sort((a, b) => a - b);
  const vocabIndex = new Int32Array(S).fill(-1);
  vocabulary.forEach((id, i) => {
    vocabIndex[id] = i;
  });
  const ids = new Map<string, number>();
  symbols.forEach((s, i) => {
    ids.set(s, i);
  });
  return { order: K, symbols, ids, vocabulary, vocabIndex, trie, discounts };
}

/** A count table with its totals (back-off weights are set after the discounts). */
function table(nodes: number, start: Int32Array, token: Int32Array, count: Float64Array): CountTable {
  const total = new Float64Array(nodes);
  for (let n = 0; n < nodes; n++) for (let j = start[n]; j < start[n + 1]; j++) total[n] += count[j];
  return { start, token, count, total, backoff: new Float64Array(nodes).fill(1) };
}
