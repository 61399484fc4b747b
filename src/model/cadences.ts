import type { Mode } from '../corpus';
import type { HarmonyChord } from './harmonyModel';
import { TWELFTHS_PER_BAR } from './harmonyModel';
import { modeFamily } from './modeFamily';
import { type Allowed, boundaryAt, endingAt, fixedAt, type StepModel } from './stepModel';

/** How a phrase ends: V–I, on V, IV–I, or freely. */
export type Cadence = 'authentic' | 'half' | 'plagal' | 'none';

/**
 * The tonic triad of `mode` or a colouring of it (maj7, maj9, 6, 6/9, add9, sus2; m7, m9, m6, m11,
 * mMaj7), not I7, which leads away.
 */
export function isTonicChord(roman: string, mode: Mode): boolean {
  return modeFamily(mode) === 'm'
    ? /^Im(7|9|11|6|69|add9|Maj7|maj7)?$/.test(roman)
    : /^I(maj7|maj9|maj13|maj7#11|6|69|Madd9|add9|sus2)?$/.test(roman);
}

/**
 * A chord on the fifth degree (V, V7, V9, V13, altered and suspended dominants; also Vm in
 * minor-like modes), or bVII in mixolydian.
 */
export function isDominantChord(roman: string, mode: Mode): boolean {
  if (/^V(7|9|11|13|sus4|7sus4|9sus4|13sus4|7b9|7#9|7b13|7#11|7#5|7b5|7alt)?$/.test(roman)) return true;
  if (modeFamily(mode) === 'm' && /^Vm(7|9)?$/.test(roman)) return true;
  return mode === 'mixolydian' && roman === 'bVII';
}

/** A subdominant-function chord: on IV or II. */
export function isSubdominantChord(roman: string): boolean {
  return /^IV(?!I)/.test(roman) || /^IIm/.test(roman);
}

/**
 * The unary constraints of a cadence on a harmony phrase of `bars` bars (positions in twelfths):
 * no chord crosses into the cadence's last `span` bars (1, or 2 for slow harmonic rhythms);
 * authentic: they hold the tonic and the chord before it is a dominant; half: they hold a
 * dominant; plagal: the tonic after a subdominant.
 */
export function cadenceConstraints(
  model: Pick<StepModel, 'span'>,
  chordOf: (token: number) => HarmonyChord | null,
  bars: number,
  cadence: Cadence,
  mode: Mode,
  span = 1,
): Allowed[] {
  if (cadence === 'none' || bars < span) return [];
  const last = (bars - span) * TWELFTHS_PER_BAR;
  const whole = (test: (roman: string) => boolean) => (t: number) => {
    const c = chordOf(t);
    return c !== null && c.twelfths === span * TWELFTHS_PER_BAR && test(c.roman);
  };
  const before = (test: (roman: string) => boolean) => (t: number) => {
    const c = chordOf(t);
    return c !== null && test(c.roman);
  };
  const tonic = (r: string) => isTonicChord(r, mode);
  const dominant = (r: string) => isDominantChord(r, mode);
  switch (cadence) {
    case 'authentic':
      return [boundaryAt(model, last), fixedAt(last, whole(tonic)), endingAt(model, last, before(dominant))];
    case 'half':
      return [boundaryAt(model, last), fixedAt(last, whole(dominant))];
    case 'plagal':
      return [boundaryAt(model, last), fixedAt(last, whole(tonic)), endingAt(model, last, before(isSubdominantChord))];
  }
}
