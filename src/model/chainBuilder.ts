import { type ChainOptions, chainDefaults, START, type VariableChain } from './chain';
import { MAX_CHAIN_ORDER } from './limits';
import { type CountArrays, NgramCounts } from './ngramCounts';
import {
  buildChain,
  buildChainAndFolds,
  type ChainParts,
  canonicalSymbols,
  foldView,
  sortedEntries,
} from './trieBuild';

/**
 * Builds a chain count by count; {@link ChainBuilder.finish} fixes the vocabulary and the smoothing.
 * The counts are a {@link NgramCounts} table over the builder's own symbol ids: two builders of
 * the same order merge by adding counts ({@link ChainBuilder.merge}), and the chain they finish
 * into does not depend on the order anything was counted or merged in.
 */
export interface ChainBuilder {
  readonly order: number;
  /** The builder's symbols; the index is the id its counts use. */
  readonly symbols: readonly string[];
  /** The top-order counts (with per-fold columns when made with `folds`). */
  readonly counts: NgramCounts;
  /** Ids of the tokens declared predictable. */
  readonly predicted: ReadonlySet<number>;
  intern(token: string): number;
  /** Declares a token (a symbol id) predictable even if never counted. */
  predict(token: number): void;
  /**
   * Counts `token` (a symbol id) `count` times after the last `order` ids of `context` (oldest
   * first), in fold `fold` (only for a builder with folds).
   */
  add(context: ArrayLike<number>, token: number, count: number, fold?: number): void;
  /** Counts `token` once after `context` (oldest first, padded with START at the front). */
  addEvent(context: readonly string[], token: string, fold?: number): void;
  /** Adds every count of `other` (same order), `times` times; its fold f into fold `foldOf(f)`. */
  merge(other: ChainBuilder | ChainData, times?: number, foldOf?: (f: number) => number): void;
  /** The builder as plain data (copies), to send to another thread. */
  data(): ChainData;
  finish(): VariableChain;
  /** The chain trained without fold `fold`: every count minus that fold's, built anew. */
  finishWithout(fold: number): VariableChain;
  /**
   * The chain, and the chain without each fold as a view of it (trieBuild.ts `foldView`: the same
   * predictions as {@link finishWithout}, for a fraction of the work). Each view reuses the arrays
   * of the one before it: use a fold's view before asking for the next.
   */
  finishWithFolds(): { chain: VariableChain; without(fold: number): VariableChain };
  /**
   * Lets go of the counts once the chain is finished (tens of MB on a large corpus): the builder
   * can then neither count, merge, give its data nor finish again (each throws).
   */
  release(): void;
}

/** A builder's counts as plain data: its symbols, the ids it predicts, its count table. */
export interface ChainData {
  readonly symbols: readonly string[];
  readonly predicted: Iterable<number>;
  readonly counts: CountArrays;
}

/** Options of {@link createChainBuilder}. */
export interface BuilderOptions extends ChainOptions {
  /** Keep each count per fold too, for {@link ChainBuilder.finishWithout} (default 0: none). */
  folds: number;
}

/**
 * A builder for chains trained or loaded count by count (the model file uses it too): counting
 * touches one hash table of integer tuples, allocating nothing per count.
 */
export function createChainBuilder(options: Partial<BuilderOptions> = {}): ChainBuilder {
  const order = options.order ?? chainDefaults.order;
  if (!Number.isInteger(order) || order < 0 || order > MAX_CHAIN_ORDER)
    throw new RangeError(`chain order ${order} is not 0–${MAX_CHAIN_ORDER}`);
  const folds = options.folds ?? 0;
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
  const counts = new NgramCounts(order, folds);
  const tuple = new Int32Array(order + 1);
  const add = (context: ArrayLike<number>, token: number, count: number, fold = -1): void => {
    const skip = context.length - order;
    for (let k = 0; k < order; k++) tuple[k] = context[skip + k];
    tuple[order] = token;
    counts.add(tuple, 0, count, fold);
  };
  let start = -1; // START is interned on first use only: a chain that never pads has no START symbol.
  const scratch = new Array<number>(order).fill(0);
  // The layout of the counts, fixed at the first finish (the counts must not change afterwards).
  let layout: { parts: ChainParts; sorted: Int32Array } | undefined;
  let released = false;
  const laidOut = () => {
    live();
    if (!layout) {
      const { symbols: sortedSymbols, newId } = canonicalSymbols(symbols);
      const parts = { order, symbols: sortedSymbols, newId, predicted: [...predicted].map((id) => newId[id]) };
      layout = { parts, sorted: sortedEntries(counts, newId, symbols.length) };
    }
    return layout;
  };
  const live = () => {
    if (released) throw new Error('this chain builder let go of its counts (release): it cannot be used again');
  };
  const builder: ChainBuilder = {
    order,
    symbols,
    counts,
    predicted,
    intern,
    predict: (token) => {
      predicted.add(token);
    },
    add,
    addEvent(context, token, fold) {
      if (start < 0) start = intern(START);
      const offset = order - context.length;
      for (let k = 0; k < order; k++) scratch[k] = k < offset ? start : intern(context[k - offset]);
      add(scratch, intern(token), 1, fold);
    },
    merge(other, times = 1, foldOf) {
      live();
      const map = other.symbols.map(intern);
      for (const id of other.predicted) predicted.add(map[id]);
      counts.merge(other.counts, map, times, foldOf);
    },
    data: () => {
      live();
      return { symbols: [...symbols], predicted: [...predicted], counts: counts.toArrays() };
    },
    finish() {
      const { parts, sorted } = laidOut();
      return buildChain(parts, counts, sorted);
    },
    finishWithout(fold) {
      if (fold < 0 || fold >= folds) throw new RangeError(`fold ${fold} of ${folds}`);
      const { parts, sorted } = laidOut();
      return buildChain(parts, counts, sorted, (e) => counts.count(e) - counts.foldCount(e, fold));
    },
    finishWithFolds() {
      const { parts, sorted } = laidOut();
      const { chain, folds: data } = buildChainAndFolds(parts, counts, sorted, (e) => counts.count(e), folds > 0);
      let last: VariableChain | undefined;
      return {
        chain,
        without(fold) {
          if (!data || fold < 0 || fold >= folds) throw new RangeError(`fold ${fold} of ${folds}`);
          last = foldView(chain, data, fold, last);
          return last;
        },
      };
    },
    release() {
      released = true;
      layout = undefined;
      counts.release();
    },
  };
  return builder;
}
