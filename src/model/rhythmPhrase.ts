import { type Meter, ok, type Result, type Rng } from '../core';
import type { VariableChain } from './chain';
import { encodeContext, vocabularyOf } from './chainQuery';
import { compileConstraints } from './compile';
import { sampleCompiled } from './constrainedSample';
import { contextPath, fillDistribution } from './kneserNey';
import { barUnits, beatUnits, type Units } from './metric';
import { parseRhythmToken, rhythmContext, rhythmDepth } from './rhythmModel';
import { type Allowed, allOf, boundaryAt, type ConstraintError, fixedAt, type StepModel } from './stepModel';

/** What the rhythm of a melody phrase must be. */
export interface RhythmRequest {
  bars: number;
  meter: Meter;
  /** Rhythm tokens before the phrase, oldest first. */
  context: readonly string[];
  /** End on a note of at least a beat on the last downbeat, rests after it (default true). */
  cadence: boolean;
  /** Onsets (units from the phrase start) where a note must begin. */
  onsets: readonly Units[];
  temperature?: number;
}

/** A sampled rhythm: tokens and onsets in units from the phrase start. */
export interface RhythmPhrase {
  tokens: string[];
  events: { onset: Units; units: Units; rest: boolean }[];
}

/** The rhythm chain as a StepModel on a time axis of units (positions from the phrase start, a bar line). */
export function rhythmStepModel(
  chain: VariableChain,
  order: number,
  meter: Meter,
  context: readonly string[],
): StepModel & { readonly tokens: readonly string[] } {
  const tokens = vocabularyOf(chain);
  const parsed = tokens.map(parseRhythmToken);
  const fill = (strings: string[], depth: number, out: Float64Array) =>
    fillDistribution(chain, contextPath(chain, encodeContext(chain, strings), depth), depth, out);
  // The projection depends on the previous token and the position in the bar only: computed once per pair.
  const bar = barUnits(meter);
  const memo = new Map<number, Float64Array>();
  return {
    tokens,
    size: tokens.length,
    span: (t) => parsed[t]?.units ?? Number.MAX_SAFE_INTEGER,
    projected: (pos, prev, out) => {
      const key = (pos % bar) * (tokens.length + 1) + prev + 1;
      let p = memo.get(key);
      if (!p) {
        p = new Float64Array(tokens.length);
        fill(rhythmContext(prev >= 0 ? [tokens[prev]] : context.slice(-1), pos, meter, order), rhythmDepth(1), p);
        memo.set(key, p);
      }
      out.set(p);
    },
    full: (pos, history, out) =>
      fill(rhythmContext([...context, ...history.map((t) => tokens[t])], pos, meter, order), rhythmDepth(order), out),
  };
}

/**
 * Samples the rhythm of a phrase on a time axis of units: exactly `bars` bars, beginning with a
 * note on the downbeat, the cadence note and the requested onsets guaranteed.
 */
export function generateRhythm(
  chain: VariableChain,
  order: number,
  request: RhythmRequest,
  rng: Rng,
): Result<RhythmPhrase, ConstraintError> {
  const { meter } = request;
  const step = rhythmStepModel(chain, order, meter, request.context);
  const { tokens } = step;
  const parsed = tokens.map(parseRhythmToken);
  const bar = barUnits(meter);
  const length = request.bars * bar;
  const isNote = (t: number) => parsed[t] !== null && !parsed[t]?.rest;
  const constraints: Allowed[] = [fixedAt(0, isNote)];
  if (request.cadence && request.bars > 0) {
    const last = length - bar;
    const beat = beatUnits(meter);
    constraints.push(
      boundaryAt(step, last),
      fixedAt(last, (t) => isNote(t) && (parsed[t]?.units ?? 0) >= beat),
      (p, t) => p <= last || !isNote(t),
    );
  }
  for (const at of request.onsets) constraints.push(boundaryAt(step, at), fixedAt(at, isNote));
  const compiled = compileConstraints(step, length, allOf(...constraints));
  if (!compiled.ok) return compiled;
  const sampled = sampleCompiled(compiled.value, rng, { temperature: request.temperature });
  return ok({
    tokens: sampled.tokens.map((t) => tokens[t]),
    events: sampled.tokens.map((t, i) => ({
      onset: sampled.positions[i],
      units: parsed[t]?.units ?? 0,
      rest: parsed[t]?.rest ?? false,
    })),
  });
}
