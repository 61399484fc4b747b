import { type ComposeOptions, type Piece, planForm } from '../compose';
import { barTicks, err, ok, pushAll, type Result } from '../core';
import type { Corpus, CorpusPiece } from '../corpus';
import { DEFAULT_MELODY_MAX_RUN, evaluate, type MuseModel, mergeModels, provenanceOf, trainModel } from '../model';
import { builtinCorpus } from './builtinCorpora';
import { type GenerateError, modelFor } from './generate';
import type { FullRecipe } from './recipe';
import type { Preset } from './schema';

/**
 * The second side of a recipe's blend and how much it weighs, 0 (none of it) … 1 (all of it): a
 * built-in corpus (`corpus`), or a trained model of the user's (`model`, its content hash, with
 * its name in `corpus`). A recipe, a share link or an export can name a trained model but not
 * carry it: who makes the piece needs the model itself (the page's Model store, a model file).
 */
export interface Blend {
  corpus: string;
  weight: number;
  /** A trained model's content hash ("fnv1a64:…"): the second side is that model, named `corpus`. */
  model?: string;
}

/** A model to compose from or blend with, and the name provenance gives it. */
export interface ModelChoice {
  model: MuseModel;
  name: string;
}

/** Most copies of a corpus's pieces a blend trains on. */
const MAX_COPIES = 6;

/**
 * How many times each corpus's pieces go into the blended training set so that corpus B makes up
 * `weight` of it and A the rest, whatever their sizes: at most {@link MAX_COPIES} copies, a corpus
 * whose share rounds to nothing left out.
 */
export function blendCopies(a: number, b: number, weight: number): { a: number; b: number } {
  const shareA = (1 - weight) / Math.max(1, a);
  const shareB = weight / Math.max(1, b);
  const unit = Math.max(shareA, shareB);
  const a0 = Math.round((MAX_COPIES * shareA) / unit);
  const b0 = Math.round((MAX_COPIES * shareB) / unit);
  // In lowest terms: a corpus alone is trained exactly as the preset's own model is.
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const d = Math.max(1, gcd(a0, b0));
  return { a: a0 / d, b: b0 / d };
}

const blends = new Map<string, MuseModel>();

/**
 * The model of a blend of two corpora: trained on both, each piece counted as often as its corpus's
 * weight asks, so that in every context the chains' probabilities are a mix of what each corpus
 * says there, weighed by the blend and by how much each corpus knows of that context (merged counts:
 * P = (w_A·n_A(c,t) + w_B·n_B(c,t)) / (w_A·n_A(c) + w_B·n_B(c)), then smoothed as any chain). The
 * originality guard indexes the pieces of both corpora; the provenance lists both. Trained once per
 * pair, weight and settings.
 */
export function blendFor(a: Corpus, b: Corpus, weight: number, preset: Pick<Preset, 'model'>): MuseModel {
  const maxRun = preset.model.maxRun ?? DEFAULT_MELODY_MAX_RUN;
  const key = `${a.name}|${b.name}|${weight}|${preset.model.order}|${maxRun}`;
  let model = blends.get(key);
  if (!model) {
    const copies = blendCopies(a.pieces.length, b.pieces.length, weight);
    const pieces: CorpusPiece[] = [];
    for (let i = 0; i < copies.a; i++) pushAll(pieces, a.pieces);
    for (let i = 0; i < copies.b; i++) pushAll(pieces, b.pieces);
    const trained = trainModel(pieces, { order: preset.model.order, melodyMaxRun: maxRun });
    const unique = [...(copies.a ? a.pieces : []), ...(copies.b ? b.pieces : [])];
    model = { ...trained, provenance: provenanceOf(unique) };
    if (blends.size >= 8) blends.clear();
    blends.set(key, model);
  }
  return model;
}

/** Which corpus a phrase of a blended piece leans on: B's share of the posterior, from the phrase's notes. */
export interface PhraseLean {
  /** Bars, 1-based and inclusive. */
  first: number;
  last: number;
  /** The corpus the phrase leans on, and how much (0.5 … 1). */
  corpus: string;
  share: number;
}

/**
 * For each phrase of a piece, the corpus its melody leans on: how well each corpus's own model
 * predicts the phrase's notes (bits per pitch and duration, as `muse eval` measures them), weighed
 * by the blend — P(B | phrase) = w·2^−bits_B / (w·2^−bits_B + (1 − w)·2^−bits_A).
 */
export function phraseLeans(
  piece: Piece,
  phrases: readonly { first: number; last: number }[],
  models: { a: MuseModel; b: MuseModel; names: [string, string]; weight: number },
): PhraseLean[] {
  const bar = barTicks(piece.meter);
  const melody = piece.tracks.find((t) => t.id === 'melody')?.notes ?? [];
  const out: PhraseLean[] = [];
  for (const { first, last } of phrases) {
    const [from, to] = [(first - 1) * bar, last * bar];
    const notes = melody.filter((n) => n.tick >= from && n.tick < to).map((n) => ({ ...n, tick: n.tick - from }));
    if (notes.length < 2) continue;
    const phrase: CorpusPiece = {
      id: `bars ${first}-${last}`,
      title: '',
      source: '',
      licence: '',
      key: piece.key,
      mode: piece.mode,
      meter: piece.meter,
      tempo: piece.tempo,
      tracks: [{ name: 'melody', role: 'melody', notes }],
      chords: piece.chords
        .filter((c) => c.tick >= from && c.tick < to)
        .map((c) => ({ tick: c.tick - from, duration: c.duration, symbol: c.symbol })),
    };
    const bits = (m: MuseModel) => {
      const e = evaluate(m, [phrase], []);
      return (e.bitsPerPitch + e.bitsPerDuration) * e.notes;
    };
    const diff = bits(models.b) - bits(models.a); // > 0: A predicts the phrase better
    const odds = Math.log2(models.weight / (1 - models.weight || 1e-9)) - diff;
    const shareB = 1 / (1 + 2 ** -odds);
    out.push(
      shareB >= 0.5
        ? { first, last, corpus: models.names[1], share: shareB }
        : { first, last, corpus: models.names[0], share: 1 - shareB },
    );
  }
  return out;
}

/** One side of a blend as provenance names it: a built-in corpus or a trained model, with its content hash. */
export interface BlendSide {
  kind: 'corpus' | 'model';
  name: string;
  hash: string;
  pieces: number;
}

/** The models of a recipe's blend: the blend itself, each side's own, their names and the weight. */
export interface BlendedModels {
  model: MuseModel;
  name: string;
  a: MuseModel;
  b: MuseModel;
  names: [string, string];
  weight: number;
  /** What each side is (for the provenance). */
  sides: [BlendSide, BlendSide];
}

const merged = new Map<string, MuseModel>();

/** Two models mixed by `weight` through their counts (mergeModels), once per pair, weight and limit. */
function mergedFor(a: MuseModel, b: MuseModel, weight: number, maxRun: number): MuseModel {
  const key = `${a.provenance.contentHash}|${a.options.order}|${b.provenance.contentHash}|${b.options.order}|${weight}|${maxRun}`;
  let model = merged.get(key);
  if (!model) {
    const copies = blendCopies(a.provenance.pieces.length, b.provenance.pieces.length, weight);
    model = mergeModels(a, b, copies, { melodyMaxRun: maxRun });
    if (merged.size >= 8) merged.clear();
    merged.set(key, model);
  }
  return model;
}

/** Why a blend's trained model is not at hand: the sentence the page and the CLI show. */
export function missingModelMessage(blend: Blend): string {
  return `this piece blends in the trained model "${blend.corpus.slice(0, 100)}" (${blend.model}), which is not here: a share link names a model but cannot carry it — open that model file (or train it again from the same pieces) and the piece is made as it was; or choose another blend`;
}

/**
 * The blended model of a recipe with a blend, and each side's own model (for the phrase leans):
 * the first side is the user's model when `primary` is given, else the preset's corpus; the second
 * is the blend's built-in corpus, or the trained model it names (`second`, matched by its content
 * hash). Two built-in corpora are trained together from their pieces ({@link blendFor}); with a
 * trained model, whose pieces are not at hand, the two models' counts are added (mergeModels), the
 * guard covering both corpora with the lower originality limit. A typed error when a corpus is not
 * loaded or the named model is not given.
 */
export function blendedModels(
  preset: Preset,
  recipe: FullRecipe,
  primary?: ModelChoice,
  second?: ModelChoice,
): Result<BlendedModels, GenerateError> {
  const blend = recipe.blend as Blend;
  const settings = { model: { ...preset.model, maxRun: recipe.maxRun } };
  const percent = Math.round(blend.weight * 100);
  const a = primary ? undefined : builtinCorpus(preset.corpus);
  const b = blend.model ? undefined : builtinCorpus(blend.corpus);
  const missing = !primary && !a ? preset.corpus : !blend.model && !b ? blend.corpus : undefined;
  if (missing)
    return err({
      code: 'corpus-not-loaded',
      field: 'preset',
      corpus: missing,
      message: `the ${missing} corpus is not loaded yet (loadBuiltinCorpus("${missing}") loads it)`,
    });
  if (blend.model && second?.model.provenance.contentHash !== blend.model)
    return err({
      code: 'model-not-available',
      field: 'blend',
      name: blend.corpus,
      hash: blend.model,
      message: missingModelMessage(blend),
    });
  const sideA = primary ?? { model: modelFor(a as Corpus, settings), name: (a as Corpus).name };
  const sideB = blend.model ? (second as ModelChoice) : { model: modelFor(b as Corpus, settings), name: blend.corpus };
  const side = (s: ModelChoice, trained: boolean): BlendSide => ({
    kind: trained ? 'model' : 'corpus',
    name: s.name,
    hash: s.model.provenance.contentHash,
    pieces: s.model.provenance.pieces.length,
  });
  // The lowest limit of the sides: a trained model's limit was promised for its corpus.
  let maxRun = recipe.maxRun;
  if (primary) maxRun = Math.min(maxRun, primary.model.options.melodyMaxRun);
  if (blend.model) maxRun = Math.min(maxRun, sideB.model.options.melodyMaxRun);
  const model =
    a && b ? blendFor(a, b, blend.weight, settings) : mergedFor(sideA.model, sideB.model, blend.weight, maxRun);
  return ok({
    model,
    name: `${sideA.name} + ${sideB.name} (${percent} %)`,
    a: sideA.model,
    b: sideB.model,
    names: [sideA.name, sideB.name],
    weight: blend.weight,
    sides: [side(sideA, primary !== undefined), side(sideB, blend.model !== undefined)],
  });
}

/** The corpus each phrase of the form leans on (phraseLeans over the phrases of planForm). */
export function blendLeans(piece: Piece, o: ComposeOptions, m: BlendedModels): PhraseLean[] {
  const phrases: { first: number; last: number }[] = [];
  let bar = 1;
  for (const plan of planForm(o.form, o.bars, o.phraseBars, o.sectionBars))
    for (const p of plan.phrases) {
      phrases.push({ first: bar, last: bar + p.bars - 1 });
      bar += p.bars;
    }
  return phraseLeans(piece, phrases, m);
}
