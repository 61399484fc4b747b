import { type Meter, ok, type Result, type Rng } from '../core';
import { childOf, type VariableChain } from './chain';
import { chainDistribution, vocabularyOf } from './chainQuery';
import { compileStart, compileSuffix } from './compile';
import { sampleCompiled } from './constrainedSample';
import { barPositionToken, barUnits, beatUnits, type Units } from './metric';
import { modelMemo, modelTable, modelValue, rowBudget } from './modelMemo';
import { parseRhythmToken, rhythmContext, rhythmDepth } from './rhythmModel';
import { type Allowed, allOf, boundaryAt, type ConstraintError, fixedAt, type StepModel } from './stepModel';

/** What the rhythm of a melody phrase must be. */
export interface RhythmRequest {
  bars: number;
  meter: Meter;
  /** Rhythm tokens before the phrase, oldest first. */
  context: readonly string[];
  /** A note of at least a beat on the last downbeat: the cadence note. */
  cadence: boolean;
  /**
   * Notes may follow the cadence note in its bar, leading into the next phrase (an upbeat), as
   * the corpus has them; false: rests after it, the phrase closes (default false).
   */
  pickup?: boolean;
  /** Onsets (units from the phrase start) where a note must begin. */
  onsets: readonly Units[];
  temperature?: number;
}

/** A sampled rhythm: tokens and onsets in units from the phrase start. */
export interface RhythmPhrase {
  tokens: string[];
  events: { onset: Units; units: Units; rest: boolean }[];
}

/** The rhythm chain's tokens, and each read as a note or rest length (null for a token that is neither). */
function rhythmTokens(chain: VariableChain): {
  tokens: readonly string[];
  parsed: readonly ({ units: Units; rest: boolean } | null)[];
} {
  return modelValue(chain, 'rhythm tokens', () => {
    const tokens = vocabularyOf(chain);
    return { tokens, parsed: tokens.map(parseRhythmToken) };
  });
}

/** The rhythm chain as a StepModel on a time axis of units (positions from the phrase start, a bar line). */
export function rhythmStepModel(
  chain: VariableChain,
  order: number,
  meter: Meter,
  context: readonly string[],
): StepModel & { readonly tokens: readonly string[] } {
  const { tokens, parsed } = rhythmTokens(chain);
  const at = (history: readonly string[], pos: number, depth: number) =>
    chainDistribution(chain, rhythmContext(history, pos, meter, order), depth);
  // The projection depends on the previous token and the position in the bar only: found once
  // per pair and model, shared by every phrase (at the phrase start it reads the context).
  const bar = barUnits(meter);
  const size = tokens.length;
  const name = `rhythm projection ${meter[0]}/${meter[1]} ${order}`;
  const memo = modelTable<Float64Array>(chain, name, bar * size, rowBudget(size, 16));
  return {
    tokens,
    size,
    span: (t) => parsed[t]?.units ?? Number.MAX_SAFE_INTEGER,
    projected: (pos, prev) => {
      if (prev < 0) return at(context.slice(-1), pos, rhythmDepth(1));
      const inBar = ((pos % bar) + bar) % bar;
      return memo.get(inBar * size + prev, () => at([tokens[prev]], inBar, rhythmDepth(1)));
    },
    full: (pos, history, out) => {
      out.set(at([...context, ...history.map((t) => tokens[t])], pos, rhythmDepth(order)));
    },
  };
}

/** A duration played less often than this share of the time at a place in the bar is the corpus's exception, not its idiom. */
const RARE = 0.02;

/**
 * The durations the corpus played at each place in a bar of `meter` (its counts after the
 * bar-position context alone): a unary constraint keeping a phrase to the corpus's own rhythmic
 * vocabulary. A place the corpus never had a note or rest on allows every token.
 */
function seenInBar(chain: VariableChain, meter: Meter, size: number): Allowed {
  const bar = barUnits(meter);
  return modelValue(chain, `rhythm seen in ${meter[0]}/${meter[1]}`, () => {
    const seen: (Uint8Array | null)[] = [];
    for (let pos = 0; pos < bar; pos++) {
      const id = chain.ids.get(barPositionToken(pos, meter));
      const node = id === undefined ? -1 : childOf(chain.trie, 0, id);
      if (node < 0) {
        seen.push(null);
        continue;
      }
      const row = new Uint8Array(size);
      const { raw } = chain.trie;
      const least = Math.max(2, RARE * raw.total[node]);
      for (let i = raw.start[node]; i < raw.start[node + 1]; i++) {
        const w = chain.vocabIndex[raw.token[i]];
        if (w >= 0 && raw.count[i] >= least) row[w] = 1;
      }
      seen.push(row);
    }
    return (pos: number, t: number) => {
      const row = seen[((pos % bar) + bar) % bar];
      return row === null || row[t] === 1;
    };
  });
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
  const { tokens, parsed } = rhythmTokens(chain);
  const bar = barUnits(meter);
  const length = request.bars * bar;
  const isNote = (t: number) => parsed[t] !== null && !parsed[t]?.rest;
  const pickup = request.pickup ?? false;
  const constraints = (idiomatic: boolean): Allowed => {
    const all: Allowed[] = [fixedAt(0, isNote)];
    if (idiomatic) all.push(seenInBar(chain, meter, step.size));
    if (request.cadence && request.bars > 0) {
      const last = length - bar;
      const beat = beatUnits(meter);
      all.push(
        boundaryAt(step, last),
        fixedAt(last, (t) => isNote(t) && (parsed[t]?.units ?? 0) >= beat),
      );
      if (!pickup) all.push((p, t) => p <= last || !isNote(t));
    }
    for (const at of request.onsets) all.push(boundaryAt(step, at), fixedAt(at, isNote));
    return allOf(...all);
  };
  // Everything but the first position is the same for every phrase of these bars, cadence and
  // onsets: compiled once per model (compile.ts, CompiledSuffix). Durations the corpus never
  // played at a place in the bar are left out, unless nothing else fills the phrase.
  const key = `${request.bars}|${request.cadence}|${pickup}|${[...request.onsets].sort((a, b) => a - b).join(',')}`;
  const memo = modelMemo<string, ReturnType<typeof compileSuffix>>(
    chain,
    `rhythm phrases ${meter[0]}/${meter[1]} ${order}`,
    64,
  );
  const idiomatic = memo.get(`${key}|idiomatic`, () => compileSuffix(step, length, constraints(true)));
  let compiled = idiomatic.ok ? compileStart(idiomatic.value, step) : idiomatic;
  if (!compiled.ok) {
    const any = memo.get(key, () => compileSuffix(step, length, constraints(false)));
    compiled = any.ok ? compileStart(any.value, step) : any;
  }
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
