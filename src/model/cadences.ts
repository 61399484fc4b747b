import type { Mode } from '../corpus';
import type { HarmonyChord } from './harmonyModel';
import { TWELFTHS_PER_BAR } from './harmonyModel';
import { modeFamily } from './modeFamily';
import { type Allowed, boundaryAt, endingAt, fixedAt, type StepModel } from './stepModel';

/** How a phrase ends: V–I, on V, IV–I, or freely. */
export type Cadence = 'authentic' | 'half' | 'plagal' | 'none';

/** The tonic triad of `mode` or a colouring of it (maj7, 6, add9; m7, m6), not I7, which leads away. */
export function isTonicChord(roman: string, mode: Mode): boolean {
  return modeFamily(mode) === 'm' ? /^Im(7|6)?$/.test(roman) : /^I(maj7|6|Madd9)?$/.test(roman);
}

/** A chord on the fifth degree (V, V7, Vsus4, V9; also Vm in minor-like modes), or bVII in mixolydian. */
export function isDominantChord(roman: string, mode: Mode): boolean {
  if (/^V(7|9|sus4|7sus4)?$/.test(roman)) return true;
  if (modeFamily(mode) === 'm' && /^Vm7?$/.test(roman)) return true;
  return mode === 'mixolydian' && roman === 'bVII';
}

/** A subdominant-function chord: on IV or II. */
export function isSubdominantChord(roman: string): boolean {
  return /^IV(?!I)/.test(roman) || /^IIm/.test(roman);
}

/**
 * The unary constraints of a cadence on a harmony phrase of `bars` bars (positions in twelfths):
 * no chord crosses into the last bar; authentic: the last bar is the tonic and the chord before it
 * a dominant; half: the last bar is a dominant; plagal: the tonic after a subdominant.
 */
export function cadenceConstraints(
  model: Pick<StepModel, 'span'>,
  chordOf: (token: number) => HarmonyChord | null,
  bars: number,
  cadence: Cadence,
  mode: Mode,
): Allowed[] {
  if (cadence === 'none' || bars < 1) return [];
  const last = (bars - 1) * TWELFTHS_PER_BAR;
  const whole = (test: (roman: string) => boolean) => (t: number) => {
    const c = chordOf(t);
    return c !== null && c.twelfths === TWELFTHS_PER_BAR && test(c.roman);
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
