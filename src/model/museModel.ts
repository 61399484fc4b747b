import type { CorpusPiece } from '../corpus';
import type { VariableChain } from './chain';
import {
  buildCorpusIndex,
  buildTransposedIndex,
  type CorpusIndex,
  DEFAULT_CHORD_MAX_RUN,
  DEFAULT_MELODY_MAX_RUN,
  intervalTokens,
} from './guard';
import { harmonyLine, trainHarmonyChain } from './harmonyModel';
import { isModelOrder, MODEL_ORDER } from './limits';
import { type MelodyLine, melodyLine } from './melodyLine';
import { mod12 } from './pitchExperts';
import { DEFAULT_PITCH_WEIGHTS, type PitchModel, trainPitchExperts } from './pitchModel';
import { fitPitchWeights } from './pitchWeights';
import { type Provenance, provenanceOf } from './provenance';
import { trainRhythmChain } from './rhythmModel';
import { type CorpusStyle, styleOf } from './style';

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
const TRAIN_STEPS = 10;

/** The guard tokens of a melody: scale degree and length of each note ("7|12"), rests left out. */
export function melodyGuardTokens(line: MelodyLine): string[] {
  return line.notes.map((n) => `${mod12(n.pitch)}|${n.units}`);
}

/**
 * Trains every part of the model on `pieces`: melody from each piece's melody track (pieces
 * without chords still train it, with the chord unknown), harmony from `piece.chords`.
 *
 * @example
 * const model = trainModel(builtinCorpus('songbook').pieces, { order: 4 });
 */
export function trainModel(
  pieces: readonly CorpusPiece[],
  options: Partial<ModelOptions> = {},
  onProgress: (progress: TrainProgress) => void = () => {},
): MuseModel {
  const o: ModelOptions = { ...modelDefaults, ...options };
  if (!isModelOrder(o.order)) throw new RangeError(`order ${o.order} is not ${MODEL_ORDER.min}–${MODEL_ORDER.max}`);
  let done = 0;
  const step = (stage: TrainProgress['stage']) => onProgress({ done: ++done, total: TRAIN_STEPS, stage });
  const lines = pieces.map(melodyLine);
  const withMelody = lines.filter((l) => l.notes.length > 0);
  step('melody lines');
  // Folds that are not run (too few melodies, or no fitting) still count, so the bar reaches its end.
  const weights = o.fitWeights
    ? fitPitchWeights(withMelody, o.order, { onFold: () => step('pitch weights') })
    : { ...DEFAULT_PITCH_WEIGHTS };
  while (done < 6) step('pitch weights');
  const harmony = trainHarmonyChain(pieces, o.order, o.phraseBars);
  step('harmony');
  const rhythm = trainRhythmChain(withMelody, o.order);
  step('rhythm');
  const experts = trainPitchExperts(withMelody, o.order);
  step('pitch experts');
  const guards = {
    melody: buildCorpusIndex(
      pieces.map((p, i) => ({ id: p.id, tokens: melodyGuardTokens(lines[i]) })),
      o.melodyMaxRun,
    ),
    chords: buildCorpusIndex(
      pieces.map((p) => ({ id: p.id, tokens: harmonyLine(p, o.phraseBars).tokens })),
      o.chordMaxRun,
    ),
    transposed: buildTransposedIndex(
      pieces.map((p, i) => ({ id: p.id, tokens: intervalTokens(lines[i].notes) })),
      o.melodyMaxRun,
    ),
  };
  step('originality guard');
  const style = styleOf(pieces);
  return {
    options: o,
    harmony,
    rhythm,
    pitch: { order: o.order, experts, weights },
    guards,
    provenance: provenanceOf(pieces),
    ...(style ? { style } : {}),
  };
}
