import { ok, type Result, type Rng } from '../core';
import type { Mode } from '../corpus';
import { type Cadence, cadenceConstraints, isTonicChord } from './cadences';
import { START } from './chain';
import { encodeContext, vocabularyOf } from './chainQuery';
import { compileConstraints } from './compile';
import { sampleCompiled } from './constrainedSample';
import { copiesTooMuch } from './guard';
import {
  type HarmonyChord,
  harmonyContext,
  harmonyDepth,
  parseHarmonyToken,
  phrasePositionToken,
  TWELFTHS_PER_BAR,
} from './harmonyModel';
import { contextPath, fillDistribution } from './kneserNey';
import { modeFamily } from './modeFamily';
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
  const tokens = vocabularyOf(chain);
  const chords = tokens.map(parseHarmonyToken);
  const context = [...(request.context ?? [])];
  const family = modeFamily(request.mode);
  const position = (pos: number) =>
    phrasePositionToken(pos + (request.startBar ?? 0) * TWELFTHS_PER_BAR, phraseBars, family);
  const fill = (strings: string[], depth: number, out: Float64Array) =>
    fillDistribution(chain, contextPath(chain, encodeContext(chain, strings), depth), depth, out);
  return {
    tokens,
    chords,
    size: tokens.length,
    span: (t) => chords[t]?.twelfths ?? Number.MAX_SAFE_INTEGER,
    projected: (pos, prev, out) =>
      fill(
        harmonyContext([prev >= 0 ? tokens[prev] : (context[context.length - 1] ?? START)], position(pos), order),
        2,
        out,
      ),
    full: (pos, history, out) =>
      fill(
        harmonyContext([...context, ...history.map((t) => tokens[t])], position(pos), order),
        harmonyDepth(order),
        out,
      ),
  };
}

/** The chord guard: forbids a chord that would complete a copied run of L + 1 chords. */
export function harmonyGuard(
  model: MuseModel,
  tokens: readonly string[],
  context: readonly string[] = [],
): (history: readonly number[], token: number) => boolean {
  return (history, t) => copiesTooMuch(model.guards.chords, [...context, ...history.map((h) => tokens[h])], tokens[t]);
}

/**
 * Generates the chords of one phrase: exactly `bars` bars, with its cadence, fixed chords and other
 * constraints met by construction (compiled, never retried), and the guard on; a typed error when
 * the constraints cannot be met with the model's chords.
 *
 * @example
 * const phrase = generateHarmonyPhrase(model, { bars: 4, mode: 'major', cadence: 'authentic' }, rng);
 */
function compileHarmony(
  step: ReturnType<typeof harmonyStepModel>,
  request: HarmonyPhraseRequest,
  chordOf: (t: number) => HarmonyChord | null,
  length: number,
  span: number,
) {
  const { chords } = step;
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
  return compileConstraints(step, length, allOf(...constraints));
}

export function generateHarmonyPhrase(
  model: MuseModel,
  request: HarmonyPhraseRequest,
  rng: Rng,
): Result<HarmonyPhrase, ConstraintError> {
  const step = harmonyStepModel(model, request);
  const { tokens, chords } = step;
  const chordOf = (t: number) => chords[t];
  const length = request.bars * TWELFTHS_PER_BAR;
  // The cadence chord takes the last bar, or the last two where the style's chords are that slow.
  let compiled = compileHarmony(step, request, chordOf, length, 1);
  if (!compiled.ok && request.cadence !== 'none' && request.bars >= 3)
    compiled = compileHarmony(step, request, chordOf, length, 2);
  if (!compiled.ok) return compiled;
  const sampled = sampleCompiled(compiled.value, rng, {
    temperature: request.temperature,
    forbids: request.guard === false ? undefined : harmonyGuard(model, tokens, request.context),
  });
  return ok({
    chords: sampled.tokens.map((t, i) => ({ ...(chords[t] as HarmonyChord), start: sampled.positions[i] })),
    tokens: sampled.tokens.map((t) => tokens[t]),
    relaxed: sampled.relaxed.length,
  });
}
