import type { ContextTrie, CountTable, VariableChain } from './chain';
import { smoothTrie } from './kneserNey';
import { chainPaths } from './modelFile';
import type { MuseModel } from './museModel';

/*
 * A chain's trie read from a model's binary form (modelBinary.ts), checked as it is read. The form
 * keeps what cannot be derived — each node's children and symbol, each row of counts — and this
 * derives the rest in the same passes that check it: parents and depths from the children, row
 * totals, and the Kneser–Ney discounts and back-off weights by the very functions training uses
 * (kneserNey.ts), so the chain is the one that was written, number for number. The checks are what
 * every query takes for granted (chain.ts, kneserNey.ts): a damaged or hand-made model is refused
 * instead of read out of bounds or into NaN probabilities. The checksum catches damage; these
 * catch a model that was made wrong.
 */

/** A table's rows as the binary form keeps them: node n's entries are `start[n]` … `start[n + 1] − 1`. */
export interface CountRows {
  readonly start: Int32Array;
  readonly token: Int32Array;
  readonly count: Int32Array;
}

/** What the binary form keeps of a chain's trie. */
export interface TrieRows {
  readonly order: number;
  readonly nodes: number;
  readonly childStart: Int32Array;
  readonly symbol: Int32Array;
  readonly raw: CountRows;
  readonly continuation: CountRows;
}

/**
 * The trie and discounts of a chain of `symbols` symbols whose vocabulary is `vocabIndex`'s, or
 * why the rows are not one: node 0 the root, each node's children after it, consecutive and sorted
 * by symbol, no deeper than the order; count rows within their arrays, sorted by token, tokens of
 * the vocabulary, counts positive.
 */
export function readChain(
  rows: TrieRows,
  symbols: number,
  vocabIndex: Int32Array,
): Pick<VariableChain, 'trie' | 'discounts'> | string {
  const { order, nodes, childStart, symbol } = rows;
  if (childStart.length !== nodes + 1 || symbol.length !== nodes) return `trie arrays do not have ${nodes} nodes`;
  if (symbol[0] !== -1) return 'trie node 0 is not the root';
  if (childStart[0] !== 1 || childStart[nodes] !== nodes) return 'trie children do not cover the nodes';
  const parent = new Int32Array(nodes);
  const depth = new Int32Array(nodes);
  parent[0] = -1;
  for (let p = 0; p < nodes; p++) {
    const from = childStart[p];
    const to = childStart[p + 1];
    if (to < from) return `trie node ${p}'s children run backwards`;
    if (to > from && from <= p) return `trie node ${p}'s children come before it`;
    if (to > from && depth[p] >= order) return `trie node ${p} has children deeper than order ${order}`;
    for (let c = from; c < to; c++) {
      if (!(symbol[c] >= 0 && symbol[c] < symbols)) return `trie node ${c} has symbol ${symbol[c]}`;
      if (c > from && symbol[c] <= symbol[c - 1]) return `trie node ${p}'s children are not sorted`;
      parent[c] = p;
      depth[c] = depth[p] + 1;
    }
  }
  const raw = tableOf(rows.raw, nodes, vocabIndex);
  if (typeof raw === 'string') return `raw counts: ${raw}`;
  const continuation = tableOf(rows.continuation, nodes, vocabIndex);
  if (typeof continuation === 'string') return `continuation counts: ${continuation}`;
  if (raw.count.length === 0) return 'has no counts: a trained model has counts in every chain';
  const trie: ContextTrie = { nodes, childStart, parent, symbol, depth, raw, continuation };
  // As trieBuild.ts finishes a chain.
  const discounts = smoothTrie(trie, order);
  return { trie, discounts };
}

function tableOf(rows: CountRows, nodes: number, vocabIndex: Int32Array): CountTable | string {
  const { start, token } = rows;
  if (start.length !== nodes + 1) return `rows do not have ${nodes} nodes`;
  if (rows.count.length !== token.length) return 'tokens and counts differ in length';
  if (start[0] !== 0 || start[nodes] !== token.length) return 'rows do not cover the counts';
  const count = new Float64Array(rows.count);
  const total = new Float64Array(nodes);
  for (let n = 0; n < nodes; n++) {
    const from = start[n];
    const to = start[n + 1];
    if (to < from) return `node ${n}'s row runs backwards`;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const t = token[i];
      if (!(t >= 0 && t < vocabIndex.length) || vocabIndex[t] < 0) return `token ${t} is not in the vocabulary`;
      if (i > from && t <= token[i - 1]) return `node ${n}'s row is not sorted`;
      if (count[i] < 1) return `a count of ${count[i]}`;
      sum += count[i];
    }
    total[n] = sum;
  }
  return { start, token, count, total, backoff: new Float64Array(nodes).fill(1) };
}

/** The chain of `model` that {@link chainPaths} names `path`. */
export function chainAt(model: MuseModel, path: string): VariableChain {
  if (path === 'harmony' || path === 'rhythm') return model[path];
  return model.pitch.experts[path.slice('pitch.experts.'.length) as keyof MuseModel['pitch']['experts']];
}

/**
 * What reading a chain derives from the binary form (modelBinaryChains.ts), as its writer had
 * them: the training worker sends them (transferred) with the model it trained, so that the page's
 * main thread reads that model without a pass over its tables — it takes them on trust, as it
 * takes the worker's own code.
 */
export interface DerivedTables {
  readonly chains: Readonly<Record<string, DerivedChain>>;
}

type Derived = Pick<CountTable, 'count' | 'total' | 'backoff'>;
interface DerivedChain {
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly raw: Derived;
  readonly continuation: Derived;
  readonly discounts: VariableChain['discounts'];
}

/** The tables a model's reader would derive, to send with its binary form (see {@link DerivedTables}). */
export function derivedTables(model: MuseModel): DerivedTables {
  const derived = (t: CountTable): Derived => ({ count: t.count, total: t.total, backoff: t.backoff });
  return {
    chains: Object.fromEntries(
      chainPaths(model.options.order).map(([path]): [string, DerivedChain] => {
        const { trie, discounts } = chainAt(model, path);
        const { parent, depth } = trie;
        return [path, { parent, depth, raw: derived(trie.raw), continuation: derived(trie.continuation), discounts }];
      }),
    ),
  };
}

/** The typed arrays of {@link DerivedTables}, to transfer them to another thread. */
export function derivedBuffers(derived: DerivedTables): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of Object.values(derived.chains))
    for (const a of [c.parent, c.depth, c.raw.count, c.raw.total, c.raw.backoff]) out.add(a.buffer as ArrayBuffer);
  for (const c of Object.values(derived.chains))
    for (const a of [c.continuation.count, c.continuation.total, c.continuation.backoff])
      out.add(a.buffer as ArrayBuffer);
  return [...out];
}

/** A chain of `rows` with the tables its writer derived. */
export function trustedChain(rows: TrieRows, given: DerivedChain): Pick<VariableChain, 'trie' | 'discounts'> {
  const table = (r: CountRows, t: Derived): CountTable => ({ start: r.start, token: r.token, ...t });
  return {
    trie: {
      nodes: rows.nodes,
      childStart: rows.childStart,
      symbol: rows.symbol,
      parent: given.parent,
      depth: given.depth,
      raw: table(rows.raw, given.raw),
      continuation: table(rows.continuation, given.continuation),
    },
    discounts: given.discounts,
  };
}
