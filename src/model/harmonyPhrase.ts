import { ok, type Result, type Rng } from '../core';
import type { Mode } from '../corpus';
import { type Cadence, cadenceConstraints, isTonicChord } from './cadences';
import { START } from './chain';
import { chainDistribution, vocabularyOf } from './chainQuery';
import { type CompiledPhrase, type CompiledSuffix, compileStart, compileSuffix } from './compile';
import { sampleCompiled } from './constrainedSample';
import { guardOf } from './guard';
import {
  type HarmonyChord,
  harmonyContext,
  harmonyDepth,
  parseHarmonyToken,
  phrasePositionToken,
  TWELFTHS_PER_BAR,
} from './harmonyModel';
import { modeFamily } from './modeFamily';
import { modelMemo, modelTable, modelValue, rowBudget } from './modelMemo';
import type { MuseModel } from './museModel';
import { type Allowed, allOf, boundaryAt, type ConstraintError, fixedAt, type StepModel } from './stepModel';

/** What a phrase of harmony must be. */
export interface HarmonyPhraseRequest {
  bars: number;
  mode: Mode;
  cadence: Cadence;
  /** The bar of the model's phrase cycle this phrase starts on (default 0). */
  startBar?: number;
  /** Chord tokens before the phrase, oldest first: continuity, and the guard looks across the seam. */
  context?: readonly string[];
  /** Begin on the tonic chord (default false). */
  startOnTonic?: boolean;
  /** Chords fixed at positions (twelfths of a bar from the phrase start). */
  fixed?: readonly { at: number; roman: string }[];
  /** Any further unary constraint on (position in twelfths, chord). */
  allowed?: (position: number, chord: HarmonyChord) => boolean;
  /** 1 keeps the model's probabilities (default); lower is safer, higher wilder. */
  temperature?: number;
  /** The originality guard (default on). */
  guard?: boolean;
  /**
   * Felt beats in a bar (4 in 4/4, 3 in 3/4, 2 in 6/8): chords change only on them. Default: on
   * any twelfth of a bar.
   */
  beats?: number;
  /**
   * The longest a chord may sound, in twelfths of a bar, counting a chord repeated right after
   * itself (and after the context's last chords) as held: the harmonic rhythm of the corpus.
   * Default: no limit.
   */
  longest?: number;
}

/** A generated phrase of harmony. */
export interface HarmonyPhrase {
  /** The chords in order, with their start in twelfths of a bar from the phrase start. */
  chords: (HarmonyChord & { start: number })[];
  /** The same as model tokens ("V7|6"): the next phrase's context. */
  tokens: string[];
  /** Chords drawn with the guard relaxed (0 unless the constraints left no other way). */
  relaxed: number;
}

/** Chords never straddle a bar line unless they last whole bars from a downbeat. */
function barAligned(chordOf: (t: number) => HarmonyChord | null): Allowed {
  return (p, t) => {
    const c = chordOf(t);
    if (!c) return false;
    const offset = p % TWELFTHS_PER_BAR;
    return offset > 0
      ? offset + c.twelfths <= TWELFTHS_PER_BAR
      : c.twelfths <= TWELFTHS_PER_BAR || c.twelfths % TWELFTHS_PER_BAR === 0;
  };
}

/** Whether a chord may start at `position` (twelfths) in a bar of `beats` felt beats: on a beat. */
export const onBeat = (position: number, beats: number): boolean =>
  ((((position % TWELFTHS_PER_BAR) + TWELFTHS_PER_BAR) % TWELFTHS_PER_BAR) * beats) % TWELFTHS_PER_BAR === 0;

/** The harmony chain as a StepModel on a time axis of twelfths of a bar from the phrase start. */
export function harmonyStepModel(
  model: MuseModel,
  request: Pick<HarmonyPhraseRequest, 'mode' | 'startBar' | 'context'>,
): StepModel & { readonly tokens: readonly string[]; readonly chords: readonly (HarmonyChord | null)[] } {
  const chain = model.harmony;
  const { order, phraseBars } = model.options;
  const { tokens, chords } = modelValue(chain, 'harmony tokens', () => {
    const tokens = vocabularyOf(chain);
    return { tokens, chords: tokens.map(parseHarmonyToken) };
  });
  const context = [...(request.context ?? [])];
  const family = modeFamily(request.mode);
  const cycle = phraseBars * TWELFTHS_PER_BAR;
  // Twelfths from the start of the model's phrase cycle: all the position token says.
  const inCycle = (pos: number) => (((pos + (request.startBar ?? 0) * TWELFTHS_PER_BAR) % cycle) + cycle) % cycle;
  const position = (pos: number) => phrasePositionToken(inCycle(pos), phraseBars, family);
  const after = (previous: string, at: number) =>
    chainDistribution(chain, harmonyContext([previous], phrasePositionToken(at, phraseBars, family), order), 2);
  // After a chord of the phrase, the projection depends on that chord and the position in the
  // cycle only: found once per pair and model, shared by every phrase.
  const size = tokens.length;
  const name = `harmony projection ${family} ${phraseBars} ${order}`;
  const memo = modelTable<Float64Array>(chain, name, cycle * size, rowBudget(size, 16));
  return {
    tokens,
    chords,
    size,
    span: (t) => chords[t]?.twelfths ?? Number.MAX_SAFE_INTEGER,
    projected: (pos, prev) => {
      if (prev < 0) return after(context[context.length - 1] ?? START, inCycle(pos));
      const at = inCycle(pos);
      return memo.get(at * size + prev, () => after(tokens[prev], at));
    },
    full: (pos, history, out) => {
      const previous = [...context, ...history.map((t) => tokens[t])];
      out.set(chainDistribution(chain, harmonyContext(previous, position(pos), order), harmonyDepth(order)));
    },
  };
}

/** The chord guard: forbids a chord that would complete a copied run of L + 1 chords. */
export function harmonyGuard(
  model: MuseModel,
  tokens: readonly string[],
  context: readonly string[] = [],
): (history: readonly number[], token: number) => boolean {
  return guardOf(model.guards.chords, context, (_, t) => tokens[t]);
}

/** The constraints of a harmony phrase whose cadence chord lasts `final` twelfths. */
function harmonyConstraints(
  step: ReturnType<typeof harmonyStepModel>,
  request: HarmonyPhraseRequest,
  final: number,
): Allowed {
  const { chords } = step;
  const chordOf = (t: number) => chords[t];
  const constraints: Allowed[] = [
    barAligned(chordOf),
    ...cadenceConstraints(step, chordOf, request.bars, request.cadence, request.mode, final),
  ];
  const { beats, longest } = request;
  if (beats !== undefined) constraints.push((p) => onBeat(p, beats));
  if (longest !== undefined) constraints.push((_, t) => (chords[t]?.twelfths ?? Number.POSITIVE_INFINITY) <= longest);
  if (request.startOnTonic) constraints.push(fixedAt(0, (t) => isTonicChord(chords[t]?.roman ?? '', request.mode)));
  for (const f of request.fixed ?? [])
    constraints.push(
      boundaryAt(step, f.at),
      fixedAt(f.at, (t) => chords[t]?.roman === f.roman),
    );
  const extra = request.allowed;
  if (extra) constraints.push((p, t) => chords[t] !== null && extra(p, chords[t] as HarmonyChord));
  return allOf(...constraints);
}

/**
 * The harmony phrase compiled. Without a custom constraint, everything but its first position is
 * the same for every phrase of its shape whatever came before: compiled once per model
 * (compile.ts, CompiledSuffix).
 */
function compileHarmony(
  model: MuseModel,
  step: ReturnType<typeof harmonyStepModel>,
  request: HarmonyPhraseRequest,
  final: number,
): Result<CompiledPhrase, ConstraintError> {
  const length = request.bars * TWELFTHS_PER_BAR;
  const compile = () => compileSuffix(step, length, harmonyConstraints(step, request, final));
  const { order, phraseBars } = model.options;
  const shape = [
    request.mode,
    request.startBar ?? 0,
    request.bars,
    request.cadence,
    request.startOnTonic === true,
    final,
    request.beats ?? 0,
    request.longest ?? 0,
    ...(request.fixed ?? []).map((f) => `${f.at}:${f.roman}`),
  ].join('|');
  const suffix = request.allowed
    ? compile()
    : modelMemo<string, Result<CompiledSuffix, ConstraintError>>(
        model.harmony,
        `harmony phrases ${phraseBars} ${order}`,
        64,
      ).get(shape, compile);
  return suffix.ok ? compileStart(suffix.value, step) : suffix;
}

/**
 * Generates the chords of one phrase: exactly `bars` bars, with its cadence, fixed chords and other
 * constraints met by construction (compiled, never retried), and the guard on; a typed error when
 * the constraints cannot be met with the model's chords.
 *
 * @example
 * const phrase = generateHarmonyPhrase(model, { bars: 4, mode: 'major', cadence: 'authentic' }, rng);
 */
export function generateHarmonyPhrase(
  model: MuseModel,
  request: HarmonyPhraseRequest,
  rng: Rng,
): Result<HarmonyPhrase, ConstraintError> {
  const step = harmonyStepModel(model, request);
  const { tokens, chords } = step;
  // The cadence chord takes the last bar, or the last two where the style's chords are that slow,
  // or the end of the last bar where they are never held a bar.
  const [first, ...slower] = cadenceLengths(request);
  let compiled = compileHarmony(model, step, request, first);
  for (const final of slower)
    if (!compiled.ok && request.cadence !== 'none') compiled = compileHarmony(model, step, request, final);
  if (!compiled.ok) return compiled;
  const guard = request.guard === false ? undefined : harmonyGuard(model, tokens, request.context);
  const held = request.longest === undefined ? undefined : heldTooLong(chords, request.longest, request.context);
  const sampled = sampleCompiled(compiled.value, rng, {
    temperature: request.temperature,
    forbids: guard && held ? (h, t) => guard(h, t) || held(h, t) : (guard ?? held),
  });
  return ok({
    chords: sampled.tokens.map((t, i) => {
      const { roman, twelfths } = chords[t] as HarmonyChord;
      return { roman, twelfths, start: sampled.positions[i] };
    }),
    tokens: sampled.tokens.map((t) => tokens[t]),
    relaxed: sampled.relaxed.length,
  });
}

/**
 * The lengths (twelfths) the cadence chord may take, in the order tried: a bar, then two bars in
 * phrases of three bars or more — each no longer than `longest`; failing both, the longest span
 * from a beat to the bar line that is, leaving room before it in the last bar for the chords the
 * cadence needs there (a tonic and a dominant before an authentic or plagal cadence's last chord: a
 * half bar in 4/4, the chorales' half-note cadences).
 */
export function cadenceLengths(
  request: Pick<HarmonyPhraseRequest, 'bars' | 'beats' | 'longest'> & { cadence?: Cadence },
): number[] {
  const longest = request.longest ?? Number.POSITIVE_INFINITY;
  const whole = [TWELFTHS_PER_BAR, 2 * TWELFTHS_PER_BAR].filter(
    (f, i) => f <= longest && (i === 0 || request.bars >= 3),
  );
  if (whole.length > 0) return whole;
  const beats = request.beats ?? TWELFTHS_PER_BAR;
  const before = request.cadence === 'half' ? 1 : 2; // beats the last bar needs before its last chord
  for (let f = Math.min(TWELFTHS_PER_BAR - 1, Math.floor(longest)); f >= 1; f--) {
    const start = TWELFTHS_PER_BAR - f;
    const beatsBefore = (start * beats) / TWELFTHS_PER_BAR;
    if (onBeat(start, beats) && beatsBefore >= before) return [f];
  }
  return [TWELFTHS_PER_BAR];
}

/**
 * Forbids a chord that would sound longer than `longest` twelfths with the same chord right before
 * it (this phrase's chords, then the context's): the same harmony struck again is still held.
 */
export function heldTooLong(
  chords: readonly (HarmonyChord | null)[],
  longest: number,
  context: readonly string[] = [],
): (history: readonly number[], token: number) => boolean {
  const before = context.map(parseHarmonyToken);
  return (history, token) => {
    const chord = chords[token];
    if (!chord) return false;
    let run = chord.twelfths;
    let k = history.length - 1;
    for (; k >= 0 && run <= longest; k--) {
      const c = chords[history[k]];
      if (c?.roman !== chord.roman) return run > longest;
      run += c.twelfths;
    }
    for (let j = before.length - 1; j >= 0 && run <= longest; j--) {
      const c = before[j];
      if (c?.roman !== chord.roman) break;
      run += c.twelfths;
    }
    return run > longest;
  };
}
