import { type ChainOptions, chainDefaults, START, type VariableChain } from './chain';
import { compressRows } from './countRows';
import { IntPairMap } from './intPairMap';
import { smoothTrie } from './kneserNey';
import { MAX_CHAIN_ORDER } from './limits';

/** Builds a chain count by count; {@link ChainBuilder.finish} fixes the vocabulary and the smoothing. */
export interface ChainBuilder {
  readonly order: number;
  intern(token: string): number;
  /** Declares a token (a symbol id) predictable even if never counted. */
  predict(token: number): void;
  /** Counts `token` (a symbol id) `count` times after the last `order` ids of `context` (oldest first). */
  add(context: readonly number[], token: number, count: number): void;
  /** Counts `token` once after `context` (oldest first, padded with START at the front). */
  addEvent(context: readonly string[], token: string): void;
  finish(): VariableChain;
}

/**
 * A builder for chains trained or loaded count by count (the model file uses it too). Counting
 * touches two integer-pair hash maps per order — the trie's edges and the (node, token) entries —
 * and growable arrays: no object per context.
 */
export function createChainBuilder(options: Partial<ChainOptions> = {}): ChainBuilder {
  const order = options.order ?? chainDefaults.order;
  if (!Number.isInteger(order) || order < 0 || order > MAX_CHAIN_ORDER)
    throw new RangeError(`chain order ${order} is not 0–${MAX_CHAIN_ORDER}`);
  const symbols: string[] = [];
  const ids = new Map<string, number>();
  const intern = (token: string): number => {
    let id = ids.get(token);
    if (id === undefined) {
      id = symbols.length;
      symbols.push(token);
      ids.set(token, id);
    }
    return id;
  };
  const predicted = new Set<number>((options.vocabulary ?? []).map(intern));
  const edges = new IntPairMap();
  const parent = [-1];
  const symbol = [-1];
  const depth = [0];
  const entries = new IntPairMap();
  const entryNode: number[] = [];
  const entryToken: number[] = [];
  const entryCount: number[] = [];
  const bump = (node: number, token: number, count: number): void => {
    const e = entries.get(node, token);
    if (e < 0) {
      entries.set(node, token, entryNode.length);
      entryNode.push(node);
      entryToken.push(token);
      entryCount.push(count);
    } else entryCount[e] += count;
  };
  const add = (context: readonly number[], token: number, count: number): void => {
    let node = 0;
    bump(0, token, count);
    for (let k = 1, i = context.length - 1; k <= order; k++, i--) {
      let child = edges.get(node, context[i]);
      if (child < 0) {
        child = parent.length;
        parent.push(node);
        symbol.push(context[i]);
        depth.push(k);
        edges.set(node, context[i], child);
      }
      node = child;
      bump(node, token, count);
    }
  };
  let start = -1; // START is interned on first use, so a loaded chain keeps its symbol ids.
  const scratch = new Array<number>(order).fill(0);
  return {
    order,
    intern,
    predict: (token) => predicted.add(token),
    add,
    addEvent(context, token) {
      if (start < 0) start = intern(START);
      const offset = order - context.length;
      for (let k = 0; k < order; k++) scratch[k] = k < offset ? start : intern(context[k - offset]);
      add(scratch, intern(token), 1);
    },
    finish() {
      for (let e = 0; e < entryNode.length; e++) if (entryNode[e] === 0) predicted.add(entryToken[e]);
      const vocabulary = [...predicted].sort((a, b) => compareText(symbols[a], symbols[b]));
      const vocabIndex = new Int32Array(symbols.length).fill(-1);
      vocabulary.forEach((id, i) => {
        vocabIndex[id] = i;
      });
      const nodes = parent.length;
      const raw = compressRows(nodes, entryNode, entryToken, entryCount);
      const trie = {
        nodes,
        edges,
        parent: Int32Array.from(parent),
        symbol: Int32Array.from(symbol),
        depth: Int32Array.from(depth),
        raw,
        continuation: raw,
      };
      const smoothed = smoothTrie(trie, order);
      return { order, symbols, ids, vocabulary, vocabIndex, trie: smoothed.trie, discounts: smoothed.discounts };
    },
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
