import { err, ok, type Result } from '../core';
import type { VariableChain } from './chain';
import { createChainBuilder } from './chainBuilder';

/**
 * A chain as JSON: its symbols (index = id), the ids it predicts, and its counts as one flat list
 * of (order context ids, oldest first, then the token id and the count) — the top-order counts,
 * from which every lower order is their sum (contexts are always padded to the full order).
 */
export interface ChainJson {
  order: number;
  symbols: string[];
  vocabulary: number[];
  counts: number[];
}

/** The chain's counts as JSON: the rows of the top-order contexts, each context read back to the root. */
export function chainToJson(chain: VariableChain): ChainJson {
  const { trie, order } = chain;
  let rows = 0;
  for (let node = 0; node < trie.nodes; node++)
    if (trie.depth[node] === order) rows += trie.raw.start[node + 1] - trie.raw.start[node];
  const [counts] = countBlocks(chain, Math.max(1, rows));
  return { order, symbols: [...chain.symbols], vocabulary: [...chain.vocabulary], counts };
}

/**
 * The text of {@link chainToJson}'s `counts` without the list: pieces of `rows` rows each, the
 * JSON text of their numbers without brackets (`ListText` in modelChecksum.ts) — for writing a model
 * file without holding millions of numbers as a list.
 */
export function* chainCountsPieces(chain: VariableChain, rows = 4096): Generator<string> {
  for (const block of countBlocks(chain, rows)) yield JSON.stringify(block).slice(1, -1);
}

/**
 * {@link chainToJson}'s counts in blocks of `rows` rows (the last one shorter; one empty block for
 * a chain without counts): one list, refilled for each block.
 */
function* countBlocks(chain: VariableChain, rows: number): Generator<number[]> {
  const { trie, order } = chain;
  const numbers = new Array<number>(rows * (order + 2));
  const context = new Int32Array(order);
  let at = 0;
  for (let node = 0; node < trie.nodes; node++) {
    if (trie.depth[node] !== order) continue;
    for (let n = node, k = 0; n > 0; n = trie.parent[n], k++) context[k] = trie.symbol[n];
    for (let i = trie.raw.start[node]; i < trie.raw.start[node + 1]; i++) {
      if (at === numbers.length) {
        yield numbers;
        at = 0;
      }
      for (let k = 0; k < order; k++) numbers[at++] = context[k];
      numbers[at++] = trie.raw.token[i];
      numbers[at++] = trie.raw.count[i];
    }
  }
  numbers.length = at;
  yield numbers;
}

/**
 * Rebuilds a chain from JSON already checked for types (see modelFile.ts), checking what the types
 * cannot say: unique symbols, ids in range, counts grouped by order + 2, positive counts.
 */
export function chainFromJson(json: ChainJson, path: string): Result<VariableChain, { path: string; message: string }> {
  const { order, symbols, vocabulary, counts } = json;
  if (new Set(symbols).size !== symbols.length)
    return err({ path: `${path}.symbols`, message: `a symbol appears twice` });
  const builder = createChainBuilder({ order });
  for (const s of symbols) builder.intern(s);
  const predicted = new Set<number>();
  for (const id of vocabulary) {
    if (id >= symbols.length)
      return err({ path: `${path}.vocabulary`, message: `id ${id} is not a symbol (${symbols.length} symbols)` });
    predicted.add(id);
    builder.predict(id);
  }
  const width = order + 2;
  if (counts.length % width !== 0)
    return err({ path: `${path}.counts`, message: `${counts.length} numbers do not form groups of ${width}` });
  const context = new Array<number>(order);
  for (let i = 0; i < counts.length; i += width) {
    for (let k = 0; k < order; k++) {
      context[k] = counts[i + k];
      if (context[k] >= symbols.length)
        return err({ path: `${path}.counts[${i + k}]`, message: `id ${context[k]} is not a symbol` });
    }
    const token = counts[i + order];
    const count = counts[i + order + 1];
    if (!predicted.has(token))
      return err({ path: `${path}.counts[${i + order}]`, message: `token ${token} is not in the vocabulary` });
    if (count < 1) return err({ path: `${path}.counts[${i + order + 1}]`, message: `a count must be at least 1` });
    builder.add(context, token, count);
  }
  return ok(builder.finish());
}
