/**
 * A variable-order Markov chain over string tokens: the counts of every token after each of its
 * contexts of 0 to `order` tokens, kept in a trie of contexts read backwards (the newest token
 * first), so that one walk from the root finds the context at every order. Tokens are interned as
 * small integers. Probabilities come from {@link distribution} and friends (interpolated
 * Kneser–Ney, see kneserNey.ts).
 */
export interface VariableChain {
  /** The longest context, in tokens. */
  readonly order: number;
  /** Every token the chain knows, context tokens and predicted tokens alike; the index is its id. */
  readonly symbols: readonly string[];
  /** Token → id. */
  readonly ids: ReadonlyMap<string, number>;
  /** Ids of the tokens the chain predicts, sorted by their text: the support of every distribution. */
  readonly vocabulary: readonly number[];
  /** Symbol id → position in {@link vocabulary}, or -1 for tokens that only occur in contexts. */
  readonly vocabIndex: Int32Array;
  /** The contexts and their counts. */
  readonly trie: ContextTrie;
  /** Kneser–Ney discounts per order: `raw[k]` for counts, `continuation[k]` for continuation counts. */
  readonly discounts: { readonly raw: readonly Discounts[]; readonly continuation: readonly Discounts[] };
}

/** Modified Kneser–Ney discounts (Chen & Goodman 1998) for counts of 1, 2 and 3 or more. */
export interface Discounts {
  readonly d1: number;
  readonly d2: number;
  readonly d3: number;
}

/**
 * The contexts as a trie read backwards, in flat arrays (millions of n-grams cost no objects):
 * node 0 is the empty context; a node's child for symbol s is its context extended by s one step
 * further into the past. Nodes are numbered level by level; a node's children are consecutive and
 * sorted by symbol (trieBuild.ts `childOf` finds one by binary search).
 */
export interface ContextTrie {
  /** Number of nodes. */
  readonly nodes: number;
  /** Node n's children are the nodes `childStart[n]` … `childStart[n + 1] − 1`. */
  readonly childStart: Int32Array;
  /** Parent of each node (-1 for the root). */
  readonly parent: Int32Array;
  /** The context token each node adds, the oldest of its context (-1 for the root). */
  readonly symbol: Int32Array;
  /** Context length of each node. */
  readonly depth: Int32Array;
  /** Counts of what followed each context. */
  readonly raw: CountTable;
  /** Continuation counts: for context h and token w, how many distinct tokens u were seen in u·h·w. */
  readonly continuation: CountTable;
}

/** Per-node counts in compressed rows: node n's entries are `start[n]` … `start[n + 1] − 1`, by token id. */
export interface CountTable {
  readonly start: Int32Array;
  readonly token: Int32Array;
  readonly count: Float64Array;
  /** Sum of each node's counts. */
  readonly total: Float64Array;
  /** Interpolation weight γ of the next shorter context when this table's counts predict at the node. */
  readonly backoff: Float64Array;
}

/** Pads contexts before the first token of a sequence: the first tokens are predicted from "phrase start". */
export const START = '\u0002';

/** Options of {@link trainVariableChain} and {@link trainChainOnContexts}. */
export interface ChainOptions {
  /** Longest context in tokens, 0–16 (default 4). */
  order: number;
  /** Tokens the chain may predict even if training never saw them (so they never get probability 0). */
  vocabulary?: readonly string[];
}

export const chainDefaults: ChainOptions = { order: 4 };

/** One training event: the context (oldest token first) and the token that followed it. */
export interface ContextEvent {
  readonly context: readonly string[];
  readonly token: string;
}

/** The child of `node` reached by symbol `id` (its context extended one token into the past), or -1. */
export function childOf(trie: ContextTrie, node: number, id: number): number {
  let lo = trie.childStart[node];
  let hi = trie.childStart[node + 1] - 1;
  const { symbol } = trie;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = symbol[mid];
    if (s === id) return mid;
    if (s < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
