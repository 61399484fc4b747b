/*
 * Reusable rows of numbers for the constraint compiler and the sampler. A small typed array costs
 * far more to allocate (and to collect) than the few dozen products a phrase step computes in it,
 * so the scratch rows a phrase needs are kept from one phrase to the next. Each user names its
 * rows by slot, and never holds one across a call that may use the same slot (compilation and
 * sampling do not nest).
 */

const rows = new Map<number, Float64Array[]>();

/** Scratch row number `slot` of length `size`; its contents are whatever its last user left. */
export function scratchRow(size: number, slot: number): Float64Array {
  let bySlot = rows.get(size);
  if (!bySlot) {
    bySlot = [];
    rows.set(size, bySlot);
  }
  while (bySlot.length <= slot) bySlot.push(new Float64Array(size));
  return bySlot[slot];
}

/** Slots of the compiler (compile.ts). */
export const COMPILE_SLOT = 0;
/** First slot of the sampler (constrainedSample.ts), which uses this one and the ones after it. */
export const SAMPLE_SLOT = 1;
