import type { VariableChain } from './chain';
import { createChainBuilder } from './chainBuilder';
import { contextPathOf } from './chainQuery';
import { fillDistribution } from './kneserNey';
import type { PitchLine } from './lineStore';
import { modelTable, rowBudget } from './modelMemo';
import {
  basePitch,
  CANDIDATES,
  clampInterval,
  EXPERTS,
  type ExpertName,
  expertContext,
  expertDepth,
  expertOrder,
  expertTarget,
  expertVocabulary,
  MAX_INTERVAL,
  type PitchSituation,
  pitchSituations,
  type WeightName,
} from './pitchExperts';

/*
 * The pitch of a melody note, as a product of experts (a log-linear combination, Hinton 2002;
 * Pearce's IDyOM combines viewpoints the same way). Each expert's distribution over its own tokens
 * is turned into one over the 49 candidate pitches (previous ± 24 semitones) by sharing a token's
 * probability among the m candidates that map to it, and
 *
 *   P(pitch) ∝ Π_e ( P_e(token_e(pitch)) / m_e(token_e(pitch)) )^w_e
 *
 * with weights w_e ≥ 0 fitted to held-out data (pitchWeights.ts). An abstaining expert contributes 1.
 * The piece memory (pieceMemory.ts: what this piece played so far) joins as one more factor
 * P_memory(interval)^w_memory where the situation carries it.
 */

/** The trained pitch experts and their weights. */
export interface PitchModel {
  /** Previous notes each expert's history holds. */
  readonly order: number;
  readonly experts: Readonly<Record<ExpertName, VariableChain>>;
  /** The experts' weights and the piece memory's (0: a model trained before it had one). */
  readonly weights: Readonly<Record<WeightName, number>>;
}

/** Weights fitted on the Nottingham folk tunes: used when a corpus is too small to fit its own. */
export const DEFAULT_PITCH_WEIGHTS: Readonly<Record<WeightName, number>> = {
  contour: 0.41,
  tonal: 0.27,
  scale: 0.23,
  harmony: 0.44,
  memory: 0.5,
};

/** Trains the four experts on melodies, each with `order` previous notes. */
export function trainPitchExperts(lines: readonly PitchLine[], order: number): Record<ExpertName, VariableChain> {
  const builders = EXPERTS.map((name) =>
    createChainBuilder({ order: expertOrder(name, order), vocabulary: expertVocabulary(name) }),
  );
  for (const line of lines) {
    const situations = pitchSituations(line, order);
    situations.forEach((s, i) => {
      const pitch = basePitch(s) + clampInterval(line.notes[i].pitch - basePitch(s));
      EXPERTS.forEach((name, e) => {
        const context = expertContext(name, s, order);
        const token = expertTarget(name, s, pitch);
        if (context && token !== null) builders[e].addEvent(context, token);
      });
    });
  }
  const [contour, tonal, scale, harmony] = builders.map((b) => b.finish());
  return { contour, tonal, scale, harmony };
}

/** Vocabulary position of each expert token by its number (interval + 24, or pitch class). */
const positions = new WeakMap<VariableChain, Int32Array>();
function positionsOf(chain: VariableChain, name: ExpertName): Int32Array {
  let p = positions.get(chain);
  if (!p) {
    const tokens = expertVocabulary(name);
    p = new Int32Array(tokens.map((t) => chain.vocabIndex[chain.ids.get(t) ?? -1] ?? -1));
    positions.set(chain, p);
  }
  return p;
}

/**
 * log P over an expert's vocabulary after `context`, truncated at depth `d`. The distribution is
 * fixed by the deepest trie node the context reaches and whether that node is read at the top
 * order (raw counts) or below it (continuation counts): kept per chain under that key, so every
 * phrase and every evaluation shares it.
 */
function expertLogDistribution(chain: VariableChain, context: readonly string[], d: number): Float64Array {
  const path = contextPathOf(chain, context, d);
  const key = 2 * path[path.length - 1] + (path.length - 1 === d ? 1 : 0);
  const memo = modelTable<Float64Array>(chain, 'log distribution', 2 * chain.trie.nodes, rowBudget(CANDIDATES, 4));
  return memo.get(key, () => {
    const log = new Float64Array(chain.vocabulary.length);
    fillDistribution(chain, path, d, log);
    for (let i = 0; i < log.length; i++) log[i] = Math.log(log[i]);
    return log;
  });
}

/** Scratch space of expertLogits and pitchDistribution (neither calls itself back). */
const shareScratch = new Int32Array(12);
const logitScratch = new Float64Array(CANDIDATES);
/** log m for the number of candidates m sharing a pitch class (at most ⌈49 / 12⌉ = 5). */
const LOG_SHARE = Array.from({ length: Math.ceil(CANDIDATES / 12) + 1 }, (_, m) => Math.log(m));

/**
 * One expert's log-probability of each candidate pitch (basePitch + i − 24 for i = 0..48), its
 * token's probability shared among the candidates mapping to it; all zeros when it abstains.
 */
export function expertLogits(
  chain: VariableChain,
  name: ExpertName,
  s: PitchSituation,
  order: number,
  depth: number,
  out: Float64Array,
): Float64Array {
  const context = expertContext(name, s, order);
  if (!context) return out.fill(0);
  const logs = expertLogDistribution(chain, context, Math.min(depth, chain.order));
  const pos = positionsOf(chain, name);
  const base = basePitch(s);
  if (name === 'contour' || name === 'tonal') {
    for (let i = 0; i < CANDIDATES; i++) out[i] = logs[pos[i]];
    return out;
  }
  const shift = name === 'harmony' && s.chord ? s.chord.root : 0;
  const share = shareScratch.fill(0);
  for (let i = 0; i < CANDIDATES; i++) share[(((base + i - MAX_INTERVAL - shift) % 12) + 12) % 12]++;
  for (let i = 0; i < CANDIDATES; i++) {
    const pc = (((base + i - MAX_INTERVAL - shift) % 12) + 12) % 12;
    out[i] = logs[pos[pc]] - LOG_SHARE[share[pc]];
  }
  return out;
}

/**
 * P(pitch) for the 49 candidates basePitch(s) − 24 … + 24 (index i is interval i − 24), each
 * expert at the trie depth `depthOf` gives it (default: all the history the model has).
 */
export function pitchDistribution(
  model: PitchModel,
  s: PitchSituation,
  depthOf: (name: WeightName) => number = (name) => expertDepth(name, model.order),
  out: Float64Array = new Float64Array(CANDIDATES),
): Float64Array {
  out.fill(0);
  const logits = logitScratch;
  for (const name of EXPERTS) {
    const w = model.weights[name];
    if (w === 0) continue;
    expertLogits(model.experts[name], name, s, model.order, depthOf(name), logits);
    for (let i = 0; i < CANDIDATES; i++) out[i] += w * logits[i];
  }
  const w = model.weights.memory;
  if (s.memory && s.previous !== null && w > 0) {
    s.memory.logits(s.units, depthOf('memory'), logits);
    for (let i = 0; i < CANDIDATES; i++) out[i] += w * logits[i];
  }
  return softmaxInPlace(out);
}

/** exp(x − max) / Σ, in place. */
export function softmaxInPlace(x: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of x) if (v > max) max = v;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    x[i] = Math.exp(x[i] - max);
    total += x[i];
  }
  for (let i = 0; i < x.length; i++) x[i] /= total;
  return x;
}
