import type { VariableChain } from './chain';
import { createChainBuilder } from './chainBuilder';
import { chainToJson } from './chainJson';
import { buildCorpusIndex, type CorpusIndex, type IndexedPiece } from './guard';
import { fnv1a64 } from './hash';
import type { MuseModel } from './museModel';
import { EXPERTS, type ExpertName, type WeightName } from './pitchExperts';

/** How many times each model's training counts go into a merged model (0: left out). */
export interface MergeCopies {
  a: number;
  b: number;
}

/**
 * Two chains' counts added, `copies.a` times A's and `copies.b` times B's, at the lower of their
 * orders (a context cut to its newest tokens: every chain here ends its context with its newest
 * history token or its position token). Because a chain is its top-order counts (every lower order
 * and the Kneser–Ney continuation counts are derived from them, chainJson.ts), this is exactly the
 * chain trained on A's training data `copies.a` times and B's `copies.b` times.
 */
export function mergeChains(a: VariableChain, b: VariableChain, copies: MergeCopies): VariableChain {
  const order = Math.min(a.order, b.order);
  const builder = createChainBuilder({ order });
  const context = new Array<number>(order);
  for (const [chain, times] of [
    [a, copies.a],
    [b, copies.b],
  ] as const) {
    const json = chainToJson(chain);
    // The ids of this chain in the merged one (interned in the chain's order: A's ids stay A's).
    const ids = json.symbols.map((s) => builder.intern(s));
    for (const id of json.vocabulary) builder.predict(ids[id]);
    if (times === 0) continue;
    const width = chain.order + 2;
    const skip = chain.order - order;
    for (let i = 0; i < json.counts.length; i += width) {
      for (let k = 0; k < order; k++) context[k] = ids[json.counts[i + skip + k]];
      builder.add(context, ids[json.counts[i + chain.order]], json.counts[i + chain.order + 1] * times);
    }
  }
  return builder.finish();
}

/** The pieces of two guard indices (those of a side left out dropped), indexed again with L = `maxRun`. */
function mergeGuard(
  a: CorpusIndex | undefined,
  b: CorpusIndex | undefined,
  copies: MergeCopies,
  maxRun: number,
): CorpusIndex | undefined {
  if (!a && !b) return undefined;
  const pieces: IndexedPiece[] = [...(copies.a && a ? a.pieces : []), ...(copies.b && b ? b.pieces : [])];
  return buildCorpusIndex(pieces, maxRun);
}

/**
 * One model from two, their probabilities mixed as the blend asks: every chain's counts added
 * (`copies` times each, {@link mergeChains}) — in each context P = (c_A·n_A(h,t) + c_B·n_B(h,t)) /
 * (c_A·n_A(h) + c_B·n_B(h)), smoothed as any chain — the pitch experts' weights averaged by each
 * side's share of the training pieces, and an originality guard over the pieces of both (their
 * guard tokens are stored in every model and model file) with the lower of the two limits, so
 * neither corpus can be copied more than its own model allows. What a blend needs when a side is a
 * trained model, whose training pieces are not at hand, only its counts.
 *
 * @example
 * const blended = mergeModels(songbook, mine, blendCopies(120, 40, 0.3));
 */
export function mergeModels(
  a: MuseModel,
  b: MuseModel,
  copies: MergeCopies,
  limits: { melodyMaxRun?: number; chordMaxRun?: number } = {},
): MuseModel {
  const melodyMaxRun = limits.melodyMaxRun ?? Math.min(a.options.melodyMaxRun, b.options.melodyMaxRun);
  const chordMaxRun = limits.chordMaxRun ?? Math.min(a.options.chordMaxRun, b.options.chordMaxRun);
  const order = Math.min(a.options.order, b.options.order);
  const shareA = copies.a * a.provenance.pieces.length;
  const shareB = copies.b * b.provenance.pieces.length;
  const total = Math.max(1, shareA + shareB);
  const weights = Object.fromEntries(
    (Object.keys(a.pitch.weights) as WeightName[]).map((w) => [
      w,
      (shareA * a.pitch.weights[w] + shareB * (b.pitch.weights[w] ?? a.pitch.weights[w])) / total,
    ]),
  ) as Record<WeightName, number>;
  const transposed = mergeGuard(a.guards.transposed, b.guards.transposed, copies, Math.max(0, melodyMaxRun - 1));
  const sides = [...(copies.a ? [a] : []), ...(copies.b ? [b] : [])];
  return {
    options: { ...a.options, order, melodyMaxRun, chordMaxRun },
    harmony: mergeChains(a.harmony, b.harmony, copies),
    rhythm: mergeChains(a.rhythm, b.rhythm, copies),
    pitch: {
      order,
      experts: Object.fromEntries(
        EXPERTS.map((e) => [e, mergeChains(a.pitch.experts[e], b.pitch.experts[e], copies)]),
      ) as Record<ExpertName, VariableChain>,
      weights,
    },
    guards: {
      melody: mergeGuard(a.guards.melody, b.guards.melody, copies, melodyMaxRun) as CorpusIndex,
      chords: mergeGuard(a.guards.chords, b.guards.chords, copies, chordMaxRun) as CorpusIndex,
      ...(transposed ? { transposed } : {}),
    },
    provenance: {
      pieces: sides.flatMap((m) => m.provenance.pieces),
      // What the blend was made of: each side's data (its content hash) and how often it counts.
      contentHash: `fnv1a64:${fnv1a64(`${a.provenance.contentHash}×${copies.a}\n${b.provenance.contentHash}×${copies.b}`)}`,
    },
    ...(a.style || b.style ? { style: copies.a ? (a.style ?? b.style) : (b.style ?? a.style) } : {}),
  };
}
