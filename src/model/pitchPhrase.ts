import { type Meter, ok, type Result, type Rng } from '../core';
import { compileConstraints } from './compile';
import { sampleCompiled } from './constrainedSample';
import type { CorpusIndex } from './guard';
import { type MelodicShape, recoverLeap, shapeOnBeat } from './melodicShape';
import type { ChordContext } from './melodyLine';
import { metricStrength, type Units } from './metric';
import type { ModeFamily } from './modeFamily';
import { modelMemo, rowBudget } from './modelMemo';
import type { PieceMemory } from './pieceMemory';
import {
  basePitch,
  CANDIDATES,
  clampInterval,
  type HistoryNote,
  MAX_INTERVAL,
  mod12,
  type PitchSituation,
  PROJECTION_DEPTH,
  REFERENCE_PITCH,
  type WeightName,
} from './pitchExperts';
import { phraseGuard } from './pitchGuard';
import { type PitchModel, pitchDistribution } from './pitchModel';
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
  /**
   * Guard tokens before the phrase, and the index to check against; with `transposed`, also the
   * interval index (transposed copies), read across the seam from `previous`; with `follow`, the
   * first notes of the phrase that comes next when it is written already (key-relative pitch and
   * length), so runs across that seam are checked too. No guard when undefined.
   */
  guard?: {
    index: CorpusIndex;
    context: readonly string[];
    transposed?: CorpusIndex;
    follow?: readonly { pitch: number; units: Units }[];
  };
  /** Craft the sampler adds to the model (leap recovery); none when undefined. */
  shape?: MelodicShape;
  /** What the piece played before the phrase (the piece memory); none when undefined. */
  memory?: PieceMemory;
}

/**
 * The pitch model as a StepModel on a note-by-note axis whose tokens are the pitches low…high: the
 * range is the alphabet, so the model's mass outside it counts as "breaks a constraint" in the
 * backward pass.
 */
export function pitchStepModel(
  model: PitchModel,
  request: Pick<PitchRequest, 'slots' | 'meter' | 'family' | 'low' | 'high' | 'previous' | 'shape' | 'memory'>,
): StepModel & {
  /** The piece memory having heard the phrase's tokens (all of them): what the next phrase continues from. */
  memoryAfter(tokens: readonly number[]): PieceMemory | undefined;
} {
  const { slots, low, high, previous, shape } = request;
  const memoryAt = phraseMemory(request, low);
  const size = Math.max(0, high - low + 1);
  const buffer = new Float64Array(CANDIDATES);
  const situation = (i: number, notes: readonly { pitch: number; units: Units }[]) =>
    pitchSituation(model, request, i, notes);
  const spread = (base: number, probabilities: Float64Array, out: Float64Array) => {
    for (let t = 0; t < size; t++) {
      const k = low + t - base + MAX_INTERVAL;
      out[t] = k >= 0 && k < CANDIDATES ? probabilities[k] : 0;
    }
    return out;
  };
  const projection = projectionOf(model, request);
  return {
    memoryAfter: (tokens) => memoryAt(tokens),
    size,
    span: () => 1,
    projected: (i, prev, out) => {
      const before = prev >= 0 ? { pitch: low + prev, units: slots[i - 1].units } : previous[previous.length - 1];
      if (!before) return spread(REFERENCE_PITCH, pitchDistribution(model, situation(i, []), projectionDepth), out);
      return spread(before.pitch, projection(i, before), out);
    },
    full: (i, history, out) => {
      // The situation reads the last `order` notes and the one before them (for its interval).
      const notes: { pitch: number; units: Units }[] = [];
      for (let j = Math.max(0, history.length - model.order - 1); j < history.length; j++)
        notes.push({ pitch: low + history[j], units: slots[j].units });
      const before = Math.max(0, model.order + 1 - notes.length);
      const all = [...previous.slice(Math.max(0, previous.length - before)), ...notes];
      const s = { ...situation(i, all), memory: memoryAt(history) };
      spread(basePitch(s), pitchDistribution(model, s, undefined, buffer), out);
      if (shape) shapeOnBeat(out, low, s.strength === 'D' || s.strength === 'B', slots[i].chord?.tones, shape);
    },
    reweigh: shape
      ? (_, history, candidates, logWeights) => {
          const last = history.length > 0 ? low + history[history.length - 1] : previous[previous.length - 1]?.pitch;
          const before =
            history.length > 1
              ? low + history[history.length - 2]
              : history.length === 1
                ? previous[previous.length - 1]?.pitch
                : previous[previous.length - 2]?.pitch;
          recoverLeap(candidates, logWeights, low, before, last, shape);
        }
      : undefined,
  };
}

/**
 * The piece memory after the phrase's notes so far (`history`, tokens from `low`): one memory per
 * phrase, hearing each note once as the sampler goes forward (started again should it be asked
 * about another history).
 */
function phraseMemory(
  request: Pick<PitchRequest, 'slots' | 'previous' | 'memory'>,
  low: number,
): (history: readonly number[]) => PieceMemory | undefined {
  const { memory, slots, previous } = request;
  if (!memory) return () => undefined;
  let local = memory.child();
  const heard: number[] = [];
  return (history) => {
    let same = heard.length <= history.length;
    for (let j = 0; same && j < heard.length; j++) same = heard[j] === history[j];
    if (!same) {
      local = memory.child();
      heard.length = 0;
    }
    while (heard.length < history.length) {
      const j = heard.length;
      const before = j > 0 ? low + history[j - 1] : previous[previous.length - 1]?.pitch;
      const pitch = low + history[j];
      local.observe(before === undefined ? null : pitch - before, slots[j].units);
      heard.push(history[j]);
    }
    return local;
  };
}

/** The projection reads the experts only: the piece memory changes with every note. */
const projectionDepth = (name: WeightName) => (name === 'memory' ? 0 : PROJECTION_DEPTH[name]);

/** The situation of slot `i` after `notes` (key-relative pitches, oldest first). */
function pitchSituation(
  model: PitchModel,
  request: Pick<PitchRequest, 'slots' | 'meter' | 'family'>,
  i: number,
  notes: readonly { pitch: number; units: Units }[],
): PitchSituation {
  const slot = request.slots[i];
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
    units: slot.units,
    strength: metricStrength(slot.onset, request.meter),
    chord: slot.chord,
    family: request.family,
  };
}

/**
 * The order-1 projection of slot `i` after one note, over the candidates around that note. It reads
 * the note's pitch class and length and the slot's length, metric strength and chord (the model is
 * transposition-invariant: an octave up shifts the candidates, not their probabilities), so it is
 * computed once per such combination and model and shared by every phrase: per slot, one row of
 * the twelve pitch classes of the note before.
 */
function projectionOf(
  model: PitchModel,
  request: Pick<PitchRequest, 'slots' | 'meter' | 'family'>,
): (i: number, before: { pitch: number; units: Units }) => Float64Array {
  // A row holds up to twelve projections of CANDIDATES numbers each.
  const memo = modelMemo<string, (Float64Array | undefined)[]>(
    model,
    'pitch projection',
    rowBudget(12 * CANDIDATES, 8),
  );
  const rowOf = (i: number, units: Units) => {
    const slot = request.slots[i];
    const chord = slot.chord ? `${slot.chord.roman}:${slot.chord.root}` : '';
    const strength = metricStrength(slot.onset, request.meter);
    return memo.get(`${request.family}|${slot.units}|${strength}|${chord}|${units}`, () =>
      new Array(12).fill(undefined),
    );
  };
  const rows: (Float64Array | undefined)[][] = [];
  // Slot i ≥ 1 always follows slot i − 1, of a fixed length: its row is found once per phrase.
  const rowAt = (i: number, units: Units) => {
    if (i === 0) return rowOf(0, units);
    rows[i] ??= rowOf(i, units);
    return rows[i];
  };
  return (i, before) => {
    const row = rowAt(i, before.units);
    const pc = mod12(before.pitch);
    row[pc] ??= pitchDistribution(model, pitchSituation(model, request, i, [before]), projectionDepth);
    return row[pc];
  };
}

/** Chooses the pitches of a phrase whose rhythm and harmony are known: constraints compiled, guard on. */
export function generatePitches(
  model: PitchModel,
  request: PitchRequest,
  rng: Rng,
): Result<{ pitches: number[]; relaxed: number; memory: PieceMemory | undefined }, ConstraintError> {
  const { slots, low } = request;
  const step = pitchStepModel(model, request);
  const constraint: Allowed = (i, t) => request.allowed(i, low + t);
  const compiled = compileConstraints(step, slots.length, constraint);
  if (!compiled.ok) return compiled;
  const sampled = sampleCompiled(compiled.value, rng, {
    temperature: request.temperature,
    forbids: phraseGuard(request),
  });
  return ok({
    pitches: sampled.tokens.map((t) => low + t),
    relaxed: sampled.relaxed.length,
    memory: step.memoryAfter(sampled.tokens)?.compact(),
  });
}
