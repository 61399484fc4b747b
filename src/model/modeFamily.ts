import type { Mode } from '../corpus';

/** Major-like modes (a major third above the tonic) are "M", minor-like ones "m". */
export type ModeFamily = 'M' | 'm';

const MINOR_LIKE: ReadonlySet<Mode> = new Set(['minor', 'dorian', 'phrygian', 'locrian']);

/**
 * The family of a mode: the models condition on it (harmony positions, the scale expert), so one
 * model trained on major and minor tunes still keeps each family's chords and degrees apart.
 */
export function modeFamily(mode: Mode): ModeFamily {
  return MINOR_LIKE.has(mode) ? 'm' : 'M';
}
