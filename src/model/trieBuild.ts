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

/*
 * buildChainAndFolds is cut into one function per pass over the entries: V8 optimizes a function
 * while its first long loop runs, and a later loop that has not yet run has no type feedback, so
 * one large function was thrown back to the interpreter at its loops: over one training on the
 * Nottingham tunes (`node --trace-deopt`) 12 times, and foldView 11; now no function here more
 * than 5. Small functions are each optimized once and stay so for the next chain (the same
 * arithmetic in the same order: the same arrays).
 */

/** The kept entries in order: their keys (depth 1 … K context ids, then the token), counts and fold counts. */
interface Entries {
  /** Number of entries kept (counted more than 0 times). */
  readonly E: number;
  /** `K + 1` ids per entry. */
  readonly keys: Int32Array;
  readonly cnt: Float64Array;
  /** `F` counts per entry. */
  readonly foldCnt: Float64Array;
}

function keptEntries(
  counts: NgramCounts,
  sorted: Int32Array,
  countOf: (entry: number) => number,
  newId: ArrayLike<number>,
  K: number,
  F: number,
): Entries {
  const W = K + 1;
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
  return { E, keys, cnt, foldCnt };
}

/** The trie's nodes, level by level, each level in entry order. */
interface Levels {
  /** The shallowest depth at which entry i's context differs from entry i − 1's (K + 1: the same context). */
  readonly differs: Int32Array;
  /** The first node of each level (level k has a node where differs ≤ k). */
  readonly levelStart: Int32Array;
  readonly nodes: number;
  readonly parent: Int32Array;
  readonly symbol: Int32Array;
  readonly depth: Int32Array;
  readonly childStart: Int32Array;
}

function trieLevels({ E, keys }: Entries, K: number): Levels {
  const W = K + 1;
  const differs = new Int32Array(E);
  const atDepth = new Int32Array(K + 2);
  firstDifferences(keys, E, K, differs, atDepth);
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
  for (let k = 1; k <= K; k++) linkLevel(k, levelStart[k], differs, keys, W, parent, symbol, depth, cur);
  return { differs, levelStart, nodes, parent, symbol, depth, childStart: childStarts(parent, nodes) };
}

/** Each entry's depth of first difference from the entry before it, and how many entries have each. */
function firstDifferences(keys: Int32Array, E: number, K: number, differs: Int32Array, atDepth: Int32Array): void {
  const W = K + 1;
  for (let i = 0; i < E; i++) {
    let d = 1;
    if (i > 0) while (d <= K && keys[i * W + d - 1] === keys[(i - 1) * W + d - 1]) d++;
    differs[i] = d;
    atDepth[d]++;
  }
}

/** The nodes of level `k` (from `next` on): a node where an entry's context first differs at depth k or less. */
function linkLevel(
  k: number,
  next: number,
  differs: Int32Array,
  keys: Int32Array,
  W: number,
  parent: Int32Array,
  symbol: Int32Array,
  depth: Int32Array,
  cur: Int32Array,
): void {
  for (let i = 0; i < differs.length; i++) {
    if (differs[i] <= k) {
      parent[next] = cur[i];
      symbol[next] = keys[i * W + k - 1];
      depth[next] = k;
      cur[i] = next++;
    } else cur[i] = cur[i - 1];
  }
}

/** Each node's first child (children are consecutive), and one past the last node's last. */
function childStarts(parent: Int32Array, nodes: number): Int32Array {
  const childStart = new Int32Array(nodes + 1);
  for (let n = 1; n < nodes; n++) childStart[parent[n] + 1]++;
  childStart[0] = Math.min(1, nodes);
  for (let n = 0; n < nodes; n++) childStart[n + 1] += childStart[n];
  return childStart;
}

/**
 * Raw rows being written: each node's tokens summed over its run of entries, with their fold
 * counts. Room for the rows of every level, grown as they come (the top level alone has E
 * entries; the others usually fewer together).
 */
class RawRows {
  length = 0;
  token: Int32Array;
  count: Float64Array;
  fold: Int32Array;
  readonly start: Int32Array;
  readonly total: Float64Array;
  /** Per symbol: the sums of the row being gathered, and which symbols it has so far. */
  readonly acc: Float64Array;
  readonly accFold: Float64Array;
  readonly touched: Int32Array;
  size = 0;

  constructor(
    private capacity: number,
    readonly F: number,
    nodes: number,
    S: number,
  ) {
    this.token = new Int32Array(capacity);
    this.count = new Float64Array(capacity);
    this.fold = new Int32Array(capacity * F);
    this.start = new Int32Array(nodes + 1);
    this.total = new Float64Array(nodes);
    this.acc = new Float64Array(S);
    this.accFold = new Float64Array(S * F);
    this.touched = new Int32Array(S);
  }

  ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = Math.max(n, Math.ceil(this.capacity * 1.5));
    const token = new Int32Array(this.capacity);
    token.set(this.token);
    this.token = token;
    const count = new Float64Array(this.capacity);
    count.set(this.count);
    this.count = count;
    const fold = new Int32Array(this.capacity * this.F);
    fold.set(this.fold);
    this.fold = fold;
  }

  /** Adds entry `i`'s count (and fold counts) to the row being gathered. */
  gather(token: number, cnt: Float64Array, foldCnt: Float64Array, i: number): void {
    const { acc, accFold, F } = this;
    if (acc[token] === 0) this.touched[this.size++] = token;
    acc[token] += cnt[i];
    for (let f = 0; f < F; f++) accFold[token * F + f] += foldCnt[i * F + f];
  }

  /** Writes the gathered row as `node`'s, its tokens in id order, and starts the next. */
  flush(node: number): void {
    const size = this.size;
    this.ensure(this.length + size);
    sortPrefix(this.touched, size);
    const { acc, accFold, touched, token, count, fold, F } = this;
    let length = this.length;
    let total = 0;
    for (let j = 0; j < size; j++) {
      const t = touched[j];
      for (let f = 0; f < F; f++) {
        fold[length * F + f] = accFold[t * F + f];
        accFold[t * F + f] = 0;
      }
      token[length] = t;
      count[length++] = acc[t];
      total += acc[t];
      acc[t] = 0;
    }
    this.length = length;
    this.size = 0;
    this.total[node] = total;
    this.start[node + 1] = length;
  }

  /** The top level: each entry is a row entry of its node, as it is. */
  copyTop(e: Entries, t: Levels, K: number): void {
    const { E, keys, cnt, foldCnt } = e;
    const W = K + 1;
    const F = this.F;
    this.ensure(this.length + E);
    const { token, count, fold, start, total } = this;
    let length = this.length;
    let node = t.levelStart[K] - 1;
    for (let i = 0; i < E; i++) {
      if (i === 0 || t.differs[i] <= K) {
        if (i > 0) start[node + 1] = length;
        node++;
      }
      for (let f = 0; f < F; f++) fold[length * F + f] = foldCnt[i * F + f];
      token[length] = keys[i * W + K];
      count[length++] = cnt[i];
      total[node] += cnt[i];
    }
    if (E > 0) start[node + 1] = length;
    this.length = length;
  }
}

/** The raw rows of every node: level k's rows sum the entries over runs of the same context to depth k. */
function rawRows(e: Entries, t: Levels, K: number, S: number, F: number): RawRows {
  const rows = new RawRows(2 * e.E + S + 1, F, t.nodes, S);
  for (let k = 0; k < K; k++) gatherLevel(rows, e, t.differs, t.levelStart[k] - 1, k, K);
  rows.copyTop(e, t, K);
  return rows;
}

function gatherLevel(rows: RawRows, e: Entries, differs: Int32Array, first: number, k: number, K: number): void {
  const { E, keys, cnt, foldCnt } = e;
  const W = K + 1;
  let node = first;
  for (let i = 0; i < E; i++) {
    if (i === 0 || differs[i] <= k) {
      if (i > 0) rows.flush(node);
      node++;
    }
    rows.gather(keys[i * W + K], cnt, foldCnt, i);
  }
  if (E > 0) rows.flush(node);
}

/**
 * Continuation rows: for each node, in how many of its children's rows each token appears; with
 * folds, each raw entry's place in its parent's continuation row.
 */
function continuationRows(
  raw: CountTable,
  childStart: Int32Array,
  nodes: number,
  S: number,
  F: number,
): { continuation: CountTable; contIndex: Int32Array } {
  const length = raw.token.length;
  const contStart = new Int32Array(nodes + 1);
  const contToken = new Int32Array(length + 1);
  const contCount = new Float64Array(length + 1);
  const contTotal = new Float64Array(nodes);
  const contIndex = new Int32Array(F > 0 ? length : 0).fill(-1);
  const position = new Int32Array(F > 0 ? S : 0);
  const acc = new Float64Array(S);
  const touched = new Int32Array(S);
  let at = 0;
  for (let p = 0; p < nodes; p++) {
    contStart[p] = at;
    const from = raw.start[childStart[p]];
    const to = raw.start[childStart[p + 1]];
    if (from === to) continue;
    let size = 0;
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
  return { continuation, contIndex };
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
  const F = withFolds ? counts.folds : 0;
  const entries = keptEntries(counts, sorted, countOf, newId, K, F);
  const levels = trieLevels(entries, K);
  const { nodes, parent, symbol, depth, childStart } = levels;
  const rows = rawRows(entries, levels, K, S, F);
  const length = rows.length;
  const raw: CountTable = {
    start: rows.start,
    token: rows.token.slice(0, length),
    count: rows.count.slice(0, length),
    total: rows.total,
    backoff: new Float64Array(nodes).fill(1),
  };
  const { continuation, contIndex } = continuationRows(raw, childStart, nodes, S, F);
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
  return F > 0 ? { chain, folds: { folds: F, rawFold: rows.fold.slice(0, length * F), contIndex } } : { chain };
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
  // The arrays of an earlier view of the same chain, overwritten (that view is then this one).
  const old = reuse?.trie;
  const rawCount = old ? (old.raw.count as Float64Array) : new Float64Array(raw.count.length);
  withoutFold(raw.count, data.rawFold, data.folds, f, rawCount);
  const contCount = old ? (old.continuation.count as Float64Array) : new Float64Array(continuation.count.length);
  contCount.set(continuation.count);
  dropEmptied(raw, rawCount, data.contIndex, contCount);
  const viewTrie: ContextTrie = {
    ...trie,
    raw: foldTable(raw, rawCount, trie.nodes, old?.raw),
    continuation: foldTable(continuation, contCount, trie.nodes, old?.continuation),
  };
  const discounts = smoothTrie(viewTrie, chain.order);
  if (!reuse) return { ...chain, trie: viewTrie, discounts };
  // The earlier view becomes this one, its memos (keyed by the chain object) emptied, their storage kept.
  Object.assign(reuse, { trie: viewTrie, discounts });
  forgetMemos(reuse);
  return reuse;
}

/** Each raw count less fold `f`'s, into `out`. */
function withoutFold(count: ArrayLike<number>, rawFold: Int32Array, F: number, f: number, out: Float64Array): void {
  for (let j = 0; j < out.length; j++) out[j] = count[j] - rawFold[j * F + f];
}

/** A child the fold alone reached (its raw count now 0) no longer counts in its parent's continuation row. */
function dropEmptied(raw: CountTable, rawCount: Float64Array, contIndex: Int32Array, contCount: Float64Array): void {
  for (let j = raw.start[1]; j < rawCount.length; j++)
    if (rawCount[j] === 0 && raw.count[j] > 0) contCount[contIndex[j]]--;
}

/** Table `t` with the counts `count`: its totals anew, its back-off weights reset (into `into`'s arrays when given). */
function foldTable(t: CountTable, count: Float64Array, nodes: number, into?: CountTable): CountTable {
  const total = into ? (into.total as Float64Array) : new Float64Array(nodes);
  rowTotals(t.start, count, nodes, total);
  const backoff = into ? (into.backoff as Float64Array) : new Float64Array(nodes);
  backoff.fill(1);
  return { start: t.start, token: t.token, count, total, backoff };
}

/** Each node's total: the sum of its row's counts. */
function rowTotals(start: ArrayLike<number>, count: Float64Array, nodes: number, total: Float64Array): void {
  for (let n = 0; n < nodes; n++) {
    let sum = 0;
    for (let j = start[n]; j < start[n + 1]; j++) sum += count[j];
    total[n] = sum;
  }
}
