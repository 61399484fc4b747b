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
 * The unary constraints of a cadence on a harmony phrase of `bars` bars (positions in twelfths),
 * whose cadence chord lasts `final` twelfths and ends the phrase: a bar (the default), two bars for
 * slow harmonic rhythms, or less than a bar where the style's chords are never held that long
 * (the chorales' half-note cadences). No chord crosses into the cadence chord; authentic: it is
 * the tonic and the chord before it a dominant; half: it is a dominant; plagal: the tonic after a
 * subdominant. A cadence chord shorter than a bar still has the last bar begin on its own beat:
 * on a tonic for authentic and plagal cadences (the melody arrives on the tonic there), so that
 * an authentic cadence in half notes is I–V–I within the bar (the cadential six-four).
 */
export function cadenceConstraints(
  model: Pick<StepModel, 'span'>,
  chordOf: (token: number) => HarmonyChord | null,
  bars: number,
  cadence: Cadence,
  mode: Mode,
  final = TWELFTHS_PER_BAR,
): Allowed[] {
  const end = bars * TWELFTHS_PER_BAR;
  if (cadence === 'none' || final > end) return [];
  const last = end - final;
  const downbeat = Math.floor(last / TWELFTHS_PER_BAR) * TWELFTHS_PER_BAR;
  const whole = (test: (roman: string) => boolean) => (t: number) => {
    const c = chordOf(t);
    return c !== null && c.twelfths === final && test(c.roman);
  };
  const before = (test: (roman: string) => boolean) => (t: number) => {
    const c = chordOf(t);
    return c !== null && test(c.roman);
  };
  const tonic = (r: string) => isTonicChord(r, mode);
  const dominant = (r: string) => isDominantChord(r, mode);
  // Inside the last bar: the bar still begins on its own chord (a tonic where the cadence arrives).
  const arrival = (test: (roman: string) => boolean): Allowed[] =>
    downbeat < last ? [boundaryAt(model, downbeat), fixedAt(downbeat, before(test))] : [];
  switch (cadence) {
    case 'authentic':
      return [
        boundaryAt(model, last),
        fixedAt(last, whole(tonic)),
        endingAt(model, last, before(dominant)),
        ...arrival(tonic),
      ];
    case 'half':
      return [
        boundaryAt(model, last),
        fixedAt(last, whole(dominant)),
        ...(downbeat < last ? [boundaryAt(model, downbeat)] : []),
      ];
    case 'plagal':
      return [
        boundaryAt(model, last),
        fixedAt(last, whole(tonic)),
        endingAt(model, last, before(isSubdominantChord)),
        ...arrival(tonic),
      ];
  }
}
