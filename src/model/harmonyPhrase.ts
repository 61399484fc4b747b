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

/** The constraints of a harmony phrase whose cadence chord lasts `span` bars. */
function harmonyConstraints(
  step: ReturnType<typeof harmonyStepModel>,
  request: HarmonyPhraseRequest,
  span: number,
): Allowed {
  const { chords } = step;
  const chordOf = (t: number) => chords[t];
  const constraints: Allowed[] = [
    barAligned(chordOf),
    ...cadenceConstraints(step, chordOf, request.bars, request.cadence, request.mode, span),
  ];
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
  span: number,
): Result<CompiledPhrase, ConstraintError> {
  const length = request.bars * TWELFTHS_PER_BAR;
  const compile = () => compileSuffix(step, length, harmonyConstraints(step, request, span));
  const { order, phraseBars } = model.options;
  const shape = [
    request.mode,
    request.startBar ?? 0,
    request.bars,
    request.cadence,
    request.startOnTonic === true,
    span,
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
  // The cadence chord takes the last bar, or the last two where the style's chords are that slow.
  let compiled = compileHarmony(model, step, request, 1);
  if (!compiled.ok && request.cadence !== 'none' && request.bars >= 3)
    compiled = compileHarmony(model, step, request, 2);
  if (!compiled.ok) return compiled;
  const sampled = sampleCompiled(compiled.value, rng, {
    temperature: request.temperature,
    forbids: request.guard === false ? undefined : harmonyGuard(model, tokens, request.context),
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
