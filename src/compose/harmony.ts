import type { Rng } from '../core';
import { chordOfRoman, type Mode } from '../corpus';
import {
  type ChordToken,
  formatChordToken,
  type MarkovChain,
  parseChordToken,
  sampleNext,
  TWELFTHS_PER_BAR,
} from '../model';

/** How a phrase ends: on the tonic after its dominant, or on the dominant. */
export type Cadence = 'authentic' | 'half';

/** The tonic and the chord that leads to it, per mode, as roman numerals. */
export function cadenceRomans(mode: Mode): { tonic: string; dominant: string } {
  switch (mode) {
    case 'major':
    case 'lydian':
      return { tonic: 'I', dominant: 'V7' };
    case 'mixolydian':
      return { tonic: 'I', dominant: 'bVII' };
    case 'minor':
      return { tonic: 'Im', dominant: 'V7' };
    case 'dorian':
      return { tonic: 'Im', dominant: 'IV' };
    default:
      return { tonic: 'Im', dominant: 'bII' };
  }
}

const isDominant = (roman: string): boolean => /^V(?!I)/.test(roman);

/** The tonic triad or one of its colourings (maj7, 6; m7 in minor), not I7, which leads away. */
const isTonic = (roman: string, tonic: string): boolean =>
  roman === tonic ||
  roman === `${tonic}maj7` ||
  roman === `${tonic}6` ||
  (tonic.endsWith('m') && roman === `${tonic}7`);

/**
 * Samples the chords of one phrase of `bars` bars: the model fills every bar but the last, chords
 * never straddle a bar line, the first phrase may be asked to begin on the tonic, and the last bar holds the cadence (the chord before an authentic
 * cadence is made a dominant when the model did not choose one).
 */
export function generateHarmony(
  chain: MarkovChain,
  opts: {
    bars: number;
    key: string;
    mode: Mode;
    cadence: Cadence;
    temperature: number;
    context: string[];
    /** Begin on the tonic chord (the first phrase of a piece). */
    startOnTonic?: boolean;
  },
  rng: Rng,
): ChordToken[] {
  const body = (opts.bars - 1) * TWELFTHS_PER_BAR;
  const { tonic, dominant } = cadenceRomans(opts.mode);
  const tokens: ChordToken[] = [];
  const context = [...opts.context];
  let pos = 0;
  while (pos < body) {
    const offset = pos % TWELFTHS_PER_BAR;
    const weight = (token: string): number => {
      const t = parseChordToken(token);
      const d = t.twelfths;
      if (pos + d > body) return 0;
      if (offset > 0 && offset + d > TWELFTHS_PER_BAR) return 0;
      if (offset === 0 && d > TWELFTHS_PER_BAR && d % TWELFTHS_PER_BAR !== 0) return 0;
      if (pos === 0 && opts.startOnTonic && !isTonic(t.roman, tonic)) return 0;
      return chordOfRoman(t.roman, opts.key) === '' ? 0 : 1;
    };
    const next = sampleNext(chain, context, rng, { temperature: opts.temperature, weight });
    const token = next ? parseChordToken(next) : { roman: tonic, twelfths: TWELFTHS_PER_BAR - offset };
    tokens.push(token);
    context.push(formatChordToken(token));
    pos += token.twelfths;
  }
  const last = tokens[tokens.length - 1];
  if (opts.cadence === 'authentic') {
    if (last && !isDominant(last.roman) && opts.mode !== 'dorian' && opts.mode !== 'mixolydian') {
      tokens[tokens.length - 1] = { ...last, roman: dominant };
    }
    tokens.push({ roman: tonic, twelfths: TWELFTHS_PER_BAR });
  } else {
    tokens.push({ roman: opts.mode === 'minor' || opts.mode === 'major' ? 'V' : dominant, twelfths: TWELFTHS_PER_BAR });
  }
  return tokens;
}
