import type { ContextTrie, CountTable, VariableChain } from './chain';
import { smoothTrie } from './kneserNey';
import { forgetMemos } from './modelMemo';
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

/** Sorts `a[0 … n − 1]` in place (rows are short: insertion sort, no allocation). */
function sortPrefix(a: Int32Array, n: number): void {
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

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
  return buildChainAndFolds(parts, counts, sorted, countOf, false).chain;
}

/**
 * What the chain of a table with fold columns needs to become the chain trained without one fold
 * ({@link foldView}): each raw entry's count per fold, and the continuation entry it counts in.
 */
export interface FoldData {
  readonly folds: number;
  /** `folds` counts per raw entry. */
  readonly rawFold: Int32Array;
  /** For each raw entry of a node with a parent: its (parent, token) entry in the continuation table. */
  readonly contIndex: Int32Array;
}

/** {@link buildChain}, with the fold data of the table's fold columns when `withFolds`. */
export function buildChainAndFolds(
  parts: ChainParts,
  counts: NgramCounts,
  sorted: Int32Array,
  countOf: (entry: number) => number,
  withFolds: boolean,
): { chain: VariableChain; folds?: FoldData } {
  const { order: K, symbols, newId } = parts;
  if (counts.order !== K) throw new RangeError(`counts of order ${counts.order} for a chain of order ${K}`);
  const S = symbols.length;
  // The kept entries in order: their keys (depth 1 … K context ids, then the token) and counts.
  const W = K + 1;
  const F = withFolds ? counts.folds : 0;
  const keys = new Int32Array(sorted.length * W);
  const cnt = new Float64Array(sorted.length);
  const foldCnt = new Float64Array(sorted.length * F);
  let E = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    const c = countOf(e);
    if (c <= 0) continue;
    for (let d = 1; d <= K; d++) keys[E * W + d - 1] = newId[counts.at(e, K - d)];
    keys[E * W + K] = newId[counts.at(e, K)];
    for (let f = 0; f < F; f++) foldCnt[E * F + f] = counts.foldCount(e, f);
    cnt[E++] = c;
  }
  // The shallowest depth at which entry i's context differs from entry i − 1's (K + 1: the same context).
  const differs = new Int32Array(E);
  const atDepth = new Int32Array(K + 2);
  for (let i = 0; i < E; i++) {
    let d = 1;
    if (i > 0) while (d <= K && keys[i * W + d - 1] === keys[(i - 1) * W + d - 1]) d++;
    differs[i] = d;
    atDepth[d]++;
  }
  // Nodes level by level, each level in entry order: level k has a node where differs ≤ k.
  const levelStart = new Int32Array(K + 2);
  levelStart[1] = 1;
  for (let k = 1, n = 0; k <= K; k++) {
    n += atDepth[k];
    levelStart[k + 1] = levelStart[k] + n;
  }
  const nodes = levelStart[K + 1];
  const parent = new Int32Array(nodes).fill(-1);
  const symbol = new Int32Array(nodes).fill(-1);
  const depth = new Int32Array(nodes);
  const cur = new Int32Array(E); // the node of each entry at the level being built
  for (let k = 1; k <= K; k++) {
    let next = levelStart[k];
    for (let i = 0; i < E; i++) {
      if (differs[i] <= k) {
        parent[next] = cur[i];
        symbol[next] = keys[i * W + k - 1];
        depth[next] = k;
        cur[i] = next++;
      } else cur[i] = cur[i - 1];
    }
  }
  const childStart = new Int32Array(nodes + 1);
  for (let n = 1; n < nodes; n++) childStart[parent[n] + 1]++;
  childStart[0] = Math.min(1, nodes);
  for (let n = 0; n < nodes; n++) childStart[n + 1] += childStart[n];
  // Raw rows: each node's tokens summed over its run of entries (at the top level, the entries).
  // Room for the rows of every level, grown as they come (the top level alone has E entries; the
  // others usually fewer together).
  let capacity = 2 * E + S + 1;
  const rawStart = new Int32Array(nodes + 1);
  let rawToken = new Int32Array(capacity);
  let rawCount = new Float64Array(capacity);
  const rawTotal = new Float64Array(nodes);
  let rawFold = new Int32Array(capacity * F);
  const ensure = (n: number) => {
    if (n <= capacity) return;
    capacity = Math.max(n, Math.ceil(capacity * 1.5));
    const token = new Int32Array(capacity);
    token.set(rawToken);
    rawToken = token;
    const count = new Float64Array(capacity);
    count.set(rawCount);
    rawCount = count;
    const fold = new Int32Array(capacity * F);
    fold.set(rawFold);
    rawFold = fold;
  };
  const acc = new Float64Array(S);
  const accFold = new Float64Array(S * F);
  const touched = new Int32Array(S);
  let size = 0;
  let length = 0;
  const flush = (node: number) => {
    ensure(length + size);
    sortPrefix(touched, size);
    let total = 0;
    for (let j = 0; j < size; j++) {
      const t = touched[j];
      for (let f = 0; f < F; f++) {
        rawFold[length * F + f] = accFold[t * F + f];
        accFold[t * F + f] = 0;
      }
      rawToken[length] = t;
      rawCount[length++] = acc[t];
      total += acc[t];
      acc[t] = 0;
    }
    size = 0;
    rawTotal[node] = total;
    rawStart[node + 1] = length;
  };
  for (let k = 0; k < K; k++) {
    let node = levelStart[k] - 1;
    for (let i = 0; i < E; i++) {
      if (i === 0 || differs[i] <= k) {
        if (i > 0) flush(node);
        node++;
      }
      const t = keys[i * W + K];
      if (acc[t] === 0) touched[size++] = t;
      acc[t] += cnt[i];
      for (let f = 0; f < F; f++) accFold[t * F + f] += foldCnt[i * F + f];
    }
    if (E > 0) flush(node);
  }
  {
    ensure(length + E);
    let node = levelStart[K] - 1;
    for (let i = 0; i < E; i++) {
      if (i === 0 || differs[i] <= K) {
        if (i > 0) rawStart[node + 1] = length;
        node++;
      }
      for (let f = 0; f < F; f++) rawFold[length * F + f] = foldCnt[i * F + f];
      rawToken[length] = keys[i * W + K];
      rawCount[length++] = cnt[i];
      rawTotal[node] += cnt[i];
    }
    if (E > 0) rawStart[node + 1] = length;
  }
  const raw: CountTable = {
    start: rawStart,
    token: rawToken.slice(0, length),
    count: rawCount.slice(0, length),
    total: rawTotal,
    backoff: new Float64Array(nodes).fill(1),
  };
  // Continuation rows: for each node, in how many of its children's rows each token appears.
  const contStart = new Int32Array(nodes + 1);
  const contToken = new Int32Array(length + 1);
  const contCount = new Float64Array(length + 1);
  const contTotal = new Float64Array(nodes);
  const contIndex = new Int32Array(F > 0 ? length : 0).fill(-1);
  const position = new Int32Array(F > 0 ? S : 0);
  let at = 0;
  for (let p = 0; p < nodes; p++) {
    contStart[p] = at;
    const from = raw.start[childStart[p]];
    const to = raw.start[childStart[p + 1]];
    if (from === to) continue;
    for (let j = from; j < to; j++) {
      const t = raw.token[j];
      if (acc[t] === 0) touched[size++] = t;
      acc[t]++;
    }
    sortPrefix(touched, size);
    for (let j = 0; j < size; j++) {
      const t = touched[j];
      if (F > 0) position[t] = at;
      contToken[at] = t;
      contCount[at++] = acc[t];
      contTotal[p] += acc[t];
      acc[t] = 0;
    }
    size = 0;
    if (F > 0) for (let j = from; j < to; j++) contIndex[j] = position[raw.token[j]];
  }
  contStart[nodes] = at;
  const continuation: CountTable = {
    start: contStart,
    token: contToken.slice(0, at),
    count: contCount.slice(0, at),
    total: contTotal,
    backoff: new Float64Array(nodes).fill(1),
  };
  const trie: ContextTrie = { nodes, parent, symbol, depth, childStart, raw, continuation };
  const discounts = smoothTrie(trie, K);
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
  const chain = { order: K, symbols, ids, vocabulary, vocabIndex, trie, discounts };
  return F > 0 ? { chain, folds: { folds: F, rawFold: rawFold.slice(0, length * F), contIndex } } : { chain };
}

/**
 * The chain trained without fold `f`, from the whole chain and its fold data: the same trie, each
 * raw count less the fold's, each continuation count less the children the fold alone reached,
 * discounts and back-off weights anew. Entries that drop to 0 stay as zeros, which every query
 * skips, and nodes left with nothing have a total of 0, which every query passes over: it predicts
 * exactly as the chain counted without the fold would (a test compares them), for a few passes over
 * typed arrays instead of a chain built anew. With `reuse` (an earlier view of this chain, no longer
 * needed) its arrays are filled instead of new ones: folds viewed one after another allocate once.
 */
export function foldView(chain: VariableChain, data: FoldData, f: number, reuse?: VariableChain): VariableChain {
  const { trie } = chain;
  const { raw, continuation } = trie;
  const F = data.folds;
  // The arrays of an earlier view of the same chain, overwritten (that view is then this one).
  const old = reuse?.trie;
  const rawCount = old ? (old.raw.count as Float64Array) : new Float64Array(raw.count.length);
  for (let j = 0; j < rawCount.length; j++) rawCount[j] = raw.count[j] - data.rawFold[j * F + f];
  const contCount = old ? (old.continuation.count as Float64Array) : new Float64Array(continuation.count.length);
  contCount.set(continuation.count);
  for (let j = raw.start[1]; j < rawCount.length; j++)
    if (rawCount[j] === 0 && raw.count[j] > 0) contCount[data.contIndex[j]]--;
  const table = (t: CountTable, count: Float64Array, into?: CountTable): CountTable => {
    const total = into ? (into.total as Float64Array).fill(0) : new Float64Array(trie.nodes);
    for (let n = 0; n < trie.nodes; n++) for (let j = t.start[n]; j < t.start[n + 1]; j++) total[n] += count[j];
    const backoff = into ? (into.backoff as Float64Array).fill(1) : new Float64Array(trie.nodes).fill(1);
    return { start: t.start, token: t.token, count, total, backoff };
  };
  const viewTrie: ContextTrie = {
    ...trie,
    raw: table(raw, rawCount, old?.raw),
    continuation: table(continuation, contCount, old?.continuation),
  };
  const discounts = smoothTrie(viewTrie, chain.order);
  if (!reuse) return { ...chain, trie: viewTrie, discounts };
  // The earlier view becomes this one, its memos (keyed by the chain object) emptied, their storage kept.
  Object.assign(reuse, { trie: viewTrie, discounts });
  forgetMemos(reuse);
  return reuse;
}
