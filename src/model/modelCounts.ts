import type { CorpusPiece } from '../corpus';
import type { VariableChain } from './chain';
import { type ChainBuilder, type ChainData, createChainBuilder } from './chainBuilder';
import { buildCorpusIndex, buildTransposedIndex, type IndexedPiece, intervalTokens } from './guard';
import { harmonyContext, harmonyDepth, harmonyLine } from './harmonyModel';
import { type LineArrays, LineStore } from './lineStore';
import { type MelodyCounter, melodyCounter } from './melodyCounting';
import { type MelodyLine, melodyLine } from './melodyLine';
import type { ModelOptions, MuseModel, TrainProgress } from './museModel';
import {
  CANDIDATES,
  EXPERTS,
  type ExpertName,
  expertOrder,
  expertVocabulary,
  mod12,
  type WeightName,
} from './pitchExperts';
import { DEFAULT_PITCH_WEIGHTS } from './pitchModel';
import { FIT_COLUMNS, type FitRows, fillFitColumns, fitRows, fitWeightsToRows, type Lines } from './pitchWeights';
import { ContentHash, type PieceProvenance, pieceProvenance, pieceText } from './provenance';
import { RHYTHM_VOCABULARY, rhythmDepth } from './rhythmModel';
import { type PieceFigures, pieceFigures, styleOfFigures } from './style';
import type { TrainingSize } from './trainingSize';

/*
 * Training in two halves: counting (piece by piece, into tables that add up) and finishing (the
 * chains smoothed, the pitch weights fitted, the guards indexed). Everything the counting keeps
 * merges by addition or by appending in piece order — chain counts, the melodies for the weight
 * fit, guard tokens, provenance, style figures, the content hash's text — so a corpus can be
 * counted in parts (files in worker threads, shards on many machines: a map-reduce) and the parts
 * merged in piece order give exactly the model one pass over all pieces gives.
 */

/** Cross-validation folds of the pitch weights: melody i (pieces with notes, in order) is in fold i mod 5. */
export const FOLDS = 5;

/** What the counting has gathered so far. */
export interface ModelCounts {
  readonly order: number;
  readonly phraseBars: number;
  readonly harmony: ChainBuilder;
  readonly rhythm: ChainBuilder;
  /** The pitch experts, each count also per fold (of this part's own melodies). */
  readonly experts: Readonly<Record<ExpertName, ChainBuilder>>;
  /** The melodies, for the weight fit. */
  readonly lines: LineStore;
  readonly guards: { melody: IndexedPiece[]; chords: IndexedPiece[]; transposed: IndexedPiece[] };
  readonly provenance: PieceProvenance[];
  readonly figures: PieceFigures[];
  readonly size: TrainingSize;
  /** The content hash so far; a part counted elsewhere keeps its pieces' texts instead (`texts`), hashed where it is merged. */
  readonly hash: ContentHash;
  readonly texts?: string[];
}

/** Empty counts for a model of `order` (the preceding chords and notes) and `phraseBars`. */
export function createModelCounts(order: number, phraseBars: number, keepTexts = false): ModelCounts {
  return {
    order,
    phraseBars,
    harmony: createChainBuilder({ order: harmonyDepth(order) }),
    rhythm: createChainBuilder({ order: rhythmDepth(order), vocabulary: RHYTHM_VOCABULARY }),
    experts: Object.fromEntries(
      EXPERTS.map((name) => [
        name,
        createChainBuilder({ order: expertOrder(name, order), vocabulary: expertVocabulary(name), folds: FOLDS }),
      ]),
    ) as Record<ExpertName, ChainBuilder>,
    lines: new LineStore(),
    guards: { melody: [], chords: [], transposed: [] },
    provenance: [],
    figures: [],
    size: { pieces: 0, melodyNotes: 0, chords: 0 },
    hash: new ContentHash(),
    ...(keepTexts ? { texts: [] } : {}),
  };
}

const counters = new WeakMap<ModelCounts, MelodyCounter>();
function counterOf(c: ModelCounts): MelodyCounter {
  let counter = counters.get(c);
  if (!counter) {
    counter = melodyCounter(c.order, c.rhythm, c.experts);
    counters.set(c, counter);
  }
  return counter;
}

const interned = new WeakMap<ModelCounts, Map<string, string>>();
/**
 * The tokens, each the one string kept for its text: the guards keep a token per note of every
 * piece, a few hundred distinct texts in all, so the counts hold each text once.
 */
function intern(c: ModelCounts, tokens: readonly string[]): string[] {
  let known = interned.get(c);
  if (!known) {
    known = new Map();
    interned.set(c, known);
  }
  const out = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let kept = known.get(t);
    if (kept === undefined) {
      kept = t;
      known.set(t, t);
    }
    out[i] = kept;
  }
  return out;
}

/** The guard tokens of a melody: scale degree and length of each note ("7|12"), rests left out. */
export function melodyGuardTokens(line: MelodyLine): string[] {
  return line.notes.map((n) => `${mod12(n.pitch)}|${n.units}`);
}

/**
 * Counts one piece: melody from its melody track (a piece without chords still trains it, with
 * the chord unknown), harmony from `piece.chords`.
 */
export function countPiece(c: ModelCounts, piece: CorpusPiece): void {
  const { order } = c;
  const line = melodyLine(piece);
  if (line.notes.length > 0) {
    counterOf(c).count(line, c.lines.size % FOLDS);
    c.lines.add(line);
  }
  const harmony = harmonyLine(piece, c.phraseBars);
  harmony.tokens.forEach((token, i) => {
    c.harmony.addEvent(
      harmonyContext(harmony.tokens.slice(Math.max(0, i - order), i), harmony.positions[i], order),
      token,
    );
  });
  c.guards.melody.push({ id: piece.id, tokens: intern(c, melodyGuardTokens(line)) });
  c.guards.chords.push({ id: piece.id, tokens: intern(c, harmony.tokens) });
  c.guards.transposed.push({ id: piece.id, tokens: intern(c, intervalTokens(line.notes)) });
  c.provenance.push(pieceProvenance(piece));
  const figures = pieceFigures(piece);
  if (figures) c.figures.push(figures);
  addText(c, pieceText(piece));
  c.size.pieces++;
  c.size.melodyNotes += line.notes.length;
  c.size.chords += harmony.tokens.length;
}

/** Counts as plain data (typed arrays, strings, plain objects): what a worker thread sends back. */
export interface CountsData {
  readonly order: number;
  readonly phraseBars: number;
  readonly harmony: ChainData;
  readonly rhythm: ChainData;
  readonly experts: Readonly<Record<ExpertName, ChainData>>;
  readonly lines: LineArrays;
  readonly guards: ModelCounts['guards'];
  readonly provenance: readonly PieceProvenance[];
  readonly figures: readonly PieceFigures[];
  readonly size: TrainingSize;
  /** Each piece's text for the content hash, in order. */
  readonly texts: readonly string[];
}

/** The counts of a part (made with `keepTexts`) as plain data, and the buffers to transfer with it. */
export function countsData(c: ModelCounts): { data: CountsData; transfer: ArrayBuffer[] } {
  if (!c.texts) throw new Error('counts made without keepTexts cannot be sent: their pieces are hashed already');
  const data: CountsData = {
    order: c.order,
    phraseBars: c.phraseBars,
    harmony: c.harmony.data(),
    rhythm: c.rhythm.data(),
    experts: Object.fromEntries(EXPERTS.map((name) => [name, c.experts[name].data()])) as Record<ExpertName, ChainData>,
    lines: c.lines.toArrays(),
    guards: c.guards,
    provenance: c.provenance,
    figures: c.figures,
    size: c.size,
    texts: c.texts,
  };
  const transfer: ArrayBuffer[] = [];
  for (const chain of [data.harmony, data.rhythm, ...Object.values(data.experts)]) {
    const { tuples, totals, foldCounts } = chain.counts;
    transfer.push(tuples.buffer as ArrayBuffer, totals.buffer as ArrayBuffer, foldCounts.buffer as ArrayBuffer);
  }
  const { starts, family, pitch, units, strength, chord } = data.lines;
  for (const a of [starts, family, pitch, units, strength, chord]) transfer.push(a.buffer as ArrayBuffer);
  return { data, transfer };
}

/**
 * Adds a part counted apart (after everything `into` holds, in piece order): chain counts add up,
 * the part's folds are renumbered as if its melodies had been counted here, the rest is appended.
 */
export function mergeModelCounts(into: ModelCounts, part: CountsData): void {
  if (part.order !== into.order || part.phraseBars !== into.phraseBars)
    throw new RangeError('counts of models with other settings cannot be merged');
  const offset = into.lines.size;
  const fold = (f: number) => (offset + f) % FOLDS;
  into.harmony.merge(part.harmony);
  into.rhythm.merge(part.rhythm);
  for (const name of EXPERTS) into.experts[name].merge(part.experts[name], 1, fold);
  into.lines.merge(part.lines);
  for (const k of ['melody', 'chords', 'transposed'] as const)
    for (const p of part.guards[k]) into.guards[k].push({ id: p.id, tokens: intern(into, p.tokens) });
  for (const p of part.provenance) into.provenance.push(p);
  for (const f of part.figures) into.figures.push(f);
  for (const t of part.texts) addText(into, t);
  into.size.pieces += part.size.pieces;
  into.size.melodyNotes += part.size.melodyNotes;
  into.size.chords += part.size.chords;
}

/**
 * A part of finishing that another thread can do: some pitch experts finished (from their counts)
 * and, for the fit, their columns of the held-out rows — and the piece memory's column when
 * `memory` — filled. The experts' columns do not depend on each other, so the parts done in
 * different threads give exactly the rows one thread fills.
 */
export interface ExpertTask {
  readonly order: number;
  readonly experts: Partial<Record<ExpertName, ChainData>>;
  /** The melodies and the fit's rows; absent when the weights are not fitted. */
  readonly fit?: { readonly lines: LineArrays; readonly rows: FitRows; readonly memory: boolean };
}

/** What an {@link ExpertTask} gives: the finished experts and the rows' logits of its columns. */
export interface ExpertResult {
  readonly chains: Partial<Record<ExpertName, VariableChain>>;
  /** The rows' logits, the columns below filled (the others 0). */
  readonly logits?: Float64Array;
  readonly columns: readonly number[];
}

/**
 * Does an {@link ExpertTask} from the experts' counts (builders, or their data sent from another
 * thread); builders given are used up (released once their chains are built).
 */
export function runExpertTask(
  order: number,
  experts: Partial<Record<ExpertName, ChainBuilder | ChainData>>,
  fit: { lines: Lines; rows: FitRows; memory: boolean } | undefined,
  onFold: () => void = () => {},
): ExpertResult {
  const names = EXPERTS.filter((name) => experts[name]);
  const builders = names.map((name) => {
    const given = experts[name] as ChainBuilder | ChainData;
    if ('finishWithFolds' in given) return given;
    const builder = createChainBuilder({
      order: expertOrder(name, order),
      vocabulary: expertVocabulary(name),
      folds: FOLDS,
    });
    builder.merge(given);
    return builder;
  });
  if (!fit) {
    const chains = builders.map((b) => b.finish());
    for (const b of builders) b.release();
    return { chains: Object.fromEntries(names.map((name, e) => [name, chains[e]])), columns: [] };
  }
  // Each fold's experts are views of the whole chains without the fold's counts, which are let go
  // (what the views need is in the chains and their fold data): the fit's peak is 7 MiB lower.
  const finished = builders.map((b) => b.finishWithFolds());
  for (const b of builders) b.release();
  const logits = new Float64Array(fit.rows.truth.length * CANDIDATES * FIT_COLUMNS.length);
  for (let f = 0; f < FOLDS; f++) {
    const views = Object.fromEntries(names.map((name, e) => [name, finished[e].without(f)]));
    fillFitColumns(fit.rows, f, fit.lines, order, views, fit.memory, logits);
    onFold();
  }
  const columns = [...names.map((name) => FIT_COLUMNS.indexOf(name)), ...(fit.memory ? [FIT_COLUMNS.length - 1] : [])];
  return { chains: Object.fromEntries(names.map((name, e) => [name, finished[e].chain])), logits, columns };
}

/** Runs an {@link ExpertTask} sent from another thread. */
export function runSentExpertTask(task: ExpertTask): ExpertResult {
  const fit = task.fit;
  const lines = new LineStore();
  if (fit) lines.merge(fit.lines);
  return runExpertTask(task.order, task.experts, fit && { lines, rows: fit.rows, memory: fit.memory });
}

/**
 * Which experts a helper thread finishes (with the piece memory's column of the fit): this thread
 * keeps the largest, contour, and the chords, rhythm and guards, then fits the weights and writes.
 */
const HELPED: readonly ExpertName[] = ['tonal', 'scale', 'harmony'];

/**
 * Finishes the model: the pitch weights fitted by cross-validation on the counted melodies (each
 * fold's experts are the counts without that fold), the chains smoothed, the guards indexed. The
 * pitch experts' counts are used up (let go once their chains are built): counts finish once.
 */
export function finishModel(
  c: ModelCounts,
  o: ModelOptions,
  step: (stage: TrainProgress['stage']) => void = () => {},
): MuseModel {
  const { chains, weights } = expertsFitted(c, o, step);
  const rest = finishRest(c, o);
  for (const stage of REST_STEPS) step(stage);
  return assemble(c, o, [chains], weights, rest);
}

/**
 * The pitch experts finished and their weights fitted, in one thread — before the rest is finished,
 * so that the rows' logits (15 MB for 8,000 rows) are let go first.
 */
function expertsFitted(c: ModelCounts, o: ModelOptions, step: (stage: TrainProgress['stage']) => void) {
  const fit = fitPlan(c, o);
  const filled = runExpertTask(c.order, c.experts, fit, () => step('pitch weights'));
  if (!fit) for (let f = 0; f < FOLDS; f++) step('pitch weights');
  return { chains: filled.chains, weights: fittedWeights(fit, [filled]) };
}

/**
 * {@link finishModel} with half the pitch experts (and the piece memory's column of the fit)
 * finished by `helper` — another thread running {@link runSentExpertTask} — while this thread
 * finishes the others and the rest: the same model, array for array.
 */
export async function finishModelHelped(
  c: ModelCounts,
  o: ModelOptions,
  helper: (task: ExpertTask) => Promise<ExpertResult>,
  step: (stage: TrainProgress['stage']) => void = () => {},
): Promise<MuseModel> {
  const fit = fitPlan(c, o);
  const task: ExpertTask = {
    order: c.order,
    experts: Object.fromEntries(HELPED.map((name) => [name, c.experts[name].data()])),
    ...(fit ? { fit: { lines: c.lines.toArrays(), rows: fit.rows, memory: true } } : {}),
  };
  // The helped experts' counts were copied into the task: let go here.
  for (const name of HELPED) c.experts[name].release();
  const helped = helper(task);
  helped.catch(() => {}); // awaited below, after this thread's share
  const own = EXPERTS.filter((name) => !HELPED.includes(name)).map((name) => [name, c.experts[name]]);
  // Progress by this thread's folds (the helper's run alongside).
  const mine = runExpertTask(c.order, Object.fromEntries(own), fit && { ...fit, memory: false }, () =>
    step('pitch weights'),
  );
  if (!fit) for (let f = 0; f < FOLDS; f++) step('pitch weights');
  const rest = finishRest(c, o);
  const theirs = await helped;
  for (const stage of REST_STEPS) step(stage);
  return assemble(c, o, [mine.chains, theirs.chains], fittedWeights(fit, [mine, theirs]), rest);
}

/** The melodies and the fit's rows, when the weights are fitted and there are melodies enough. */
function fitPlan(c: ModelCounts, o: ModelOptions): { lines: LineStore; rows: FitRows; memory: boolean } | undefined {
  if (o.order !== c.order || o.phraseBars !== c.phraseBars)
    throw new RangeError('the options differ from those the counts were made with');
  const rows = o.fitWeights ? fitRows(c.lines, FOLDS) : undefined;
  return rows && { lines: c.lines, rows, memory: true };
}

/** Harmony, rhythm, guards and style: what finishing needs besides the pitch experts (its last progress steps). */
function finishRest(c: ModelCounts, o: ModelOptions) {
  const harmony = c.harmony.finish();
  const rhythm = c.rhythm.finish();
  const guards = {
    melody: buildCorpusIndex(c.guards.melody, o.melodyMaxRun),
    chords: buildCorpusIndex(c.guards.chords, o.chordMaxRun),
    transposed: buildTransposedIndex(c.guards.transposed, o.melodyMaxRun),
  };
  return { harmony, rhythm, guards, style: styleOfFigures(c.figures) };
}

const REST_STEPS: readonly TrainProgress['stage'][] = ['harmony', 'rhythm', 'pitch experts', 'originality guard'];

/** The pitch weights fitted to the rows the parts filled (each its own columns); the defaults without a fit. */
function fittedWeights(
  fit: ReturnType<typeof fitPlan>,
  parts: readonly Pick<ExpertResult, 'logits' | 'columns'>[],
): Record<WeightName, number> {
  if (!fit) return { ...DEFAULT_PITCH_WEIGHTS };
  // Each part filled its own columns: copied into the first part's rows.
  const K = FIT_COLUMNS.length;
  const logits = parts[0].logits as Float64Array;
  for (const part of parts.slice(1))
    for (const k of part.columns)
      for (let i = k; i < logits.length; i += K) logits[i] = (part.logits as Float64Array)[i];
  return fitWeightsToRows(logits, fit.rows.truth);
}

/** The model from its finished parts and the fitted pitch weights. */
function assemble(
  c: ModelCounts,
  o: ModelOptions,
  parts: readonly ExpertResult['chains'][],
  weights: Record<WeightName, number>,
  rest: ReturnType<typeof finishRest>,
): MuseModel {
  const experts = {} as Record<ExpertName, VariableChain>;
  for (const chains of parts) Object.assign(experts, chains);
  const { harmony, rhythm, guards, style } = rest;
  return {
    options: o,
    harmony,
    rhythm,
    pitch: { order: o.order, experts, weights },
    guards,
    provenance: { pieces: c.provenance, contentHash: contentHashOf(c) },
    ...(style ? { style } : {}),
  };
}

/**
 * A counted piece's text into the content hash — or, for counts that keep their texts (a part to
 * be merged elsewhere), into `texts`, hashed where the part is merged or finished.
 */
function addText(c: ModelCounts, text: string): void {
  if (c.texts) c.texts.push(text);
  else c.hash.add(text);
}

/** The content hash of the counted pieces' texts (those of counts that keep their texts, hashed here). */
function contentHashOf(c: ModelCounts): string {
  if (!c.texts) return c.hash.value();
  const hash = new ContentHash();
  for (const text of c.texts) hash.add(text);
  return hash.value();
}
