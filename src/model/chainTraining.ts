import { type ChainOptions, type ContextEvent, START, type VariableChain } from './chain';
import { createChainBuilder } from './chainBuilder';

/**
 * Counts every token of `sequences` after its contexts of 0 to `order` tokens; each sequence is
 * padded with `order` {@link START} symbols so its first tokens are conditioned on the phrase start.
 *
 * @example
 * const chain = trainVariableChain([['C', 'F', 'G', 'C']], { order: 2 });
 * distribution(chain, ['F']); // => C, F, G with P(G | F) the largest
 */
export function trainVariableChain(
  sequences: Iterable<readonly string[]>,
  options: Partial<ChainOptions> = {},
): VariableChain {
  const builder = createChainBuilder(options);
  const start = builder.intern(START);
  const window = new Array<number>(builder.order);
  for (const seq of sequences) {
    window.fill(start);
    for (const token of seq) {
      const id = builder.intern(token);
      builder.add(window, id, 1);
      for (let k = 1; k < window.length; k++) window[k - 1] = window[k];
      if (window.length > 0) window[window.length - 1] = id;
    }
  }
  return builder.finish();
}

/**
 * Counts events whose contexts a model builds itself from previous tokens and feature tokens, the
 * most important last: back-off drops context tokens from the front. Contexts shorter than the
 * order are padded with {@link START} at the front.
 */
export function trainChainOnContexts(
  events: Iterable<ContextEvent>,
  options: Partial<ChainOptions> = {},
): VariableChain {
  const builder = createChainBuilder(options);
  for (const e of events) builder.addEvent(e.context, e.token);
  return builder.finish();
}
