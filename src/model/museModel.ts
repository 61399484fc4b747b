import type { CorpusPiece } from '../corpus';
import type { VariableChain } from './chain';
import { type CorpusIndex, DEFAULT_CHORD_MAX_RUN, DEFAULT_MELODY_MAX_RUN } from './guard';
import { isModelOrder, MODEL_ORDER } from './limits';
import { countPiece, createModelCounts, finishModel } from './modelCounts';
import type { PitchModel } from './pitchModel';
import type { Provenance } from './provenance';
import type { CorpusStyle } from './style';

/** What a model is trained with; every field is stored in the model file. */
export interface ModelOptions {
  /** Previous chords / notes the chains condition on (N ≥ 1; default 4). */
  order: number;
  /** Phrase length in bars for the chords' position-in-phrase context (default 4). */
  phraseBars: number;
  /** L of the melody guard: longest run of notes (scale degree and length) that may be copied (default 6). */
  melodyMaxRun: number;
  /** L of the chord guard: longest run of chords (roman numeral and length) that may be copied (default 8). */
  chordMaxRun: number;
  /** Fit the pitch experts' weights by cross-validation (default true; else the Nottingham-fitted defaults). */
  fitWeights: boolean;
}

export const modelDefaults: ModelOptions = {
  order: 4,
  phraseBars: 4,
  melodyMaxRun: DEFAULT_MELODY_MAX_RUN,
  chordMaxRun: DEFAULT_CHORD_MAX_RUN,
  fitWeights: true,
};

/** A trained model of harmony and melody, with what it needs to guard against copying and to say where it comes from. */
export interface MuseModel {
  readonly options: ModelOptions;
  /** Chords: roman|twelfths after the previous chords and the position in the phrase. */
  readonly harmony: VariableChain;
  /** Melody rhythm: note and rest lengths after the previous ones and the position in the bar. */
  readonly rhythm: VariableChain;
  /** Melody pitch: four experts combined (pitchModel.ts). */
  readonly pitch: PitchModel;
  /**
   * The training pieces as guard tokens, for the originality guard and report: melodies by scale
   * degree and length, chords, and melodies by interval and lengths (transposed copies; absent
   * in model files written before it existed).
   */
  readonly guards: { readonly melody: CorpusIndex; readonly chords: CorpusIndex; readonly transposed?: CorpusIndex };
  readonly provenance: Provenance;
  /** What its corpus sounds like (meter, tempo, register, parts); absent in older model files. */
  readonly style?: CorpusStyle;
}

/** How far {@link trainModel} has got: `done` of `total` steps, the last one finished named. */
export interface TrainProgress {
  done: number;
  total: number;
  stage: 'melody lines' | 'pitch weights' | 'harmony' | 'rhythm' | 'pitch experts' | 'originality guard';
}

/** Steps of {@link trainModel}: melody lines, 5 cross-validation folds, the four chains and guards. */
export const TRAIN_STEPS = 10;

/**
 * Trains every part of the model on `pieces`: melody from each piece's melody track (pieces
 * without chords still train it, with the chord unknown), harmony from `piece.chords`. The same as
 * counting the pieces (in parts or at once, modelCounts.ts) and finishing the counts.
 *
 * @example
 * const model = trainModel(builtinCorpus('songbook').pieces, { order: 4 });
 */
export function trainModel(
  pieces: readonly CorpusPiece[],
  options: Partial<ModelOptions> = {},
  onProgress: (progress: TrainProgress) => void = () => {},
): MuseModel {
  const o = checkedOptions(options);
  let done = 0;
  const step = (stage: TrainProgress['stage']) => onProgress({ done: ++done, total: TRAIN_STEPS, stage });
  const counts = createModelCounts(o.order, o.phraseBars);
  for (const piece of pieces) countPiece(counts, piece);
  step('melody lines');
  return finishModel(counts, o, step);
}

/** The options with their defaults, checked. */
export function checkedOptions(options: Partial<ModelOptions>): ModelOptions {
  const o: ModelOptions = { ...modelDefaults, ...options };
  if (!isModelOrder(o.order)) throw new RangeError(`order ${o.order} is not ${MODEL_ORDER.min}–${MODEL_ORDER.max}`);
  return o;
}
export { melodyGuardTokens } from './modelCounts';
