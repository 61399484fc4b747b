/**
 * The limits of the model's settings, in one place: presets (`model.order`, `model.maxRun`), `muse
 * train`, the training panel, model files and the chains all read them from here.
 */

/** The order of a model (notes or chords of context): 1–8. */
export const MODEL_ORDER = { min: 1, max: 8 } as const;

/** The originality limit L (longest run of notes copied from one training piece): 2–32. */
export const MAX_RUN = { min: 2, max: 32 } as const;

/**
 * The deepest chain a model builds: its order plus one (harmony, rhythm and pitch experts see the
 * position or the chord beside their context). Chains of order 0 (no context) are allowed.
 */
export const MAX_CHAIN_ORDER = MODEL_ORDER.max + 1;

/** Whether `order` is a model order within {@link MODEL_ORDER}. */
export function isModelOrder(order: number): boolean {
  return Number.isInteger(order) && order >= MODEL_ORDER.min && order <= MODEL_ORDER.max;
}

/** The largest model file read (muse's --model and --blend, the page's Open a model file): 256 MiB. */
export const MODEL_MAX_BYTES = 256 * 1024 * 1024;
