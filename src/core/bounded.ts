/**
 * Loops for arrays of any length. `Math.max(...values)` and `target.push(...items)` pass every
 * element as an argument on the stack: past about 100,000 elements (one large MIDI file) they throw
 * "Maximum call stack size exceeded". Use these wherever the length comes from the user's data.
 */

/** The largest of `values`, or `empty` when there are none. @example maxOf([3, 9, 4]); // => 9 */
export function maxOf(values: Iterable<number>, empty = Number.NEGATIVE_INFINITY): number {
  let best = empty;
  let any = false;
  for (const v of values) {
    if (!any || v > best) best = v;
    any = true;
  }
  return best;
}

/** The smallest of `values`, or `empty` when there are none. @example minOf([3, 9, 4]); // => 3 */
export function minOf(values: Iterable<number>, empty = Number.POSITIVE_INFINITY): number {
  let best = empty;
  let any = false;
  for (const v of values) {
    if (!any || v < best) best = v;
    any = true;
  }
  return best;
}

/** Appends `items` to `target` one by one (no spread); returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** "1 piece", "2 pieces": a count with its noun in English messages. @example counted(1, 'piece'); // => "1 piece" */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
