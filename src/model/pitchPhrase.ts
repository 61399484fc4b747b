import { type Meter, ok, type Result, type Rng } from '../core';
import { compileConstraints } from './compile';
import { sampleCompiled } from './constrainedSample';
import { type CorpusIndex, copiesTooMuch } from './guard';
import type { ChordContext } from './melodyLine';
import { metricStrength, type Units } from './metric';
import type { ModeFamily } from './modeFamily';
import {
  basePitch,
  CANDIDATES,
  clampInterval,
  type HistoryNote,
  MAX_INTERVAL,
  mod12,
  type PitchSituation,
  PROJECTION_DEPTH,
} from './pitchExperts';
import { type ExpertCache, type PitchModel, pitchDistribution } from './pitchModel';
import type { Allowed, ConstraintError, StepModel } from './stepModel';

/** A note whose pitch is to be chosen: onset (units from the phrase start), length and chord. */
export interface PitchSlot {
  onset: Units;
  units: Units;
  chord: ChordContext | null;
}

/** What the pitches of a phrase must be. Pitches here are key-relative (MIDI pitch − tonic pitch class). */
export interface PitchRequest {
  slots: readonly PitchSlot[];
  meter: Meter;
  family: ModeFamily;
  /** Lowest and highest key-relative pitch allowed. */
  low: number;
  high: number;
  /** Notes before the phrase (key-relative pitch and length), oldest first. */
  previous: readonly { pitch: number; units: Units }[];
  /** Per slot: may this key-relative pitch sound here? (scale, cadence, fixed notes). */
  allowed: (slot: number, pitch: number) => boolean;
  temperature?: number;
  /** Guard tokens before the phrase, and the index to check against; no guard when undefined. */
  guard?: { index: CorpusIndex; context: readonly string[] };
}

/** The guard token of a note: scale degree and length. */
export const noteGuardToken = (pitch: number, units: Units): string => `${mod12(pitch)}|${units}`;

/**
 * The pitch model as a StepModel on a note-by-note axis whose tokens are the pitches low…high: the
 * range is the alphabet, so the model's mass outside it counts as "breaks a constraint" in the
 * backward pass.
 */
export function pitchStepModel(
  model: PitchModel,
  request: Pick<PitchRequest, 'slots' | 'meter' | 'family' | 'low' | 'high' | 'previous'>,
): StepModel {
  const { slots, low, high, previous } = request;
  const size = Math.max(0, high - low + 1);
  const buffer = new Float64Array(CANDIDATES);
  const cache: ExpertCache = new Map();
  const situation = (i: number, notes: readonly { pitch: number; units: Units }[]): PitchSituation => {
    const history: HistoryNote[] = [];
    const start = Math.max(0, notes.length - model.order);
    for (let j = start; j < notes.length; j++) {
      const before = j > 0 ? notes[j - 1].pitch : null;
      history.push({
        interval: before === null ? null : clampInterval(notes[j].pitch - before),
        degree: mod12(notes[j].pitch),
        units: notes[j].units,
      });
    }
    return {
      previous: notes.length > 0 ? notes[notes.length - 1].pitch : null,
      history,
      units: slots[i].units,
      strength: metricStrength(slots[i].onset, request.meter),
      chord: slots[i].chord,
      family: request.family,
    };
  };
  const spread = (s: PitchSituation, probabilities: Float64Array, out: Float64Array) => {
    const base = basePitch(s);
    for (let t = 0; t < size; t++) {
      const k = low + t - base + MAX_INTERVAL;
      out[t] = k >= 0 && k < CANDIDATES ? probabilities[k] : 0;
    }
  };
  return {
    size,
    span: () => 1,
    // The projection's experts read only the previous note's pitch and length (PROJECTION_DEPTH).
    projected: (i, prev, out) => {
      const notes = prev >= 0 ? [{ pitch: low + prev, units: slots[i - 1].units }] : previous.slice(-1);
      const s = situation(i, notes);
      spread(
        s,
        pitchDistribution(model, s, (name) => PROJECTION_DEPTH[name], buffer, cache),
        out,
      );
    },
    full: (i, history, out) => {
      const notes = [...previous, ...history.map((t, j) => ({ pitch: low + t, units: slots[j].units }))];
      const s = situation(i, notes);
      spread(s, pitchDistribution(model, s, undefined, buffer, cache), out);
    },
  };
}

/** The guard of a pitch phrase: forbids a pitch that would complete a copied run of L + 1 notes. */
export function pitchGuard(
  request: Pick<PitchRequest, 'slots' | 'low' | 'guard'>,
): ((history: readonly number[], token: number) => boolean) | undefined {
  const { guard, slots, low } = request;
  if (!guard) return undefined;
  return (history, t) =>
    copiesTooMuch(
      guard.index,
      [...guard.context, ...history.map((h, j) => noteGuardToken(low + h, slots[j].units))],
      noteGuardToken(low + t, slots[history.length].units),
    );
}

/** Chooses the pitches of a phrase whose rhythm and harmony are known: constraints compiled, guard on. */
export function generatePitches(
  model: PitchModel,
  request: PitchRequest,
  rng: Rng,
): Result<{ pitches: number[]; relaxed: number }, ConstraintError> {
  const { slots, low } = request;
  const step = pitchStepModel(model, request);
  const constraint: Allowed = (i, t) => request.allowed(i, low + t);
  const compiled = compileConstraints(step, slots.length, constraint);
  if (!compiled.ok) return compiled;
  const sampled = sampleCompiled(compiled.value, rng, {
    temperature: request.temperature,
    forbids: pitchGuard(request),
  });
  return ok({ pitches: sampled.tokens.map((t) => low + t), relaxed: sampled.relaxed.length });
}
