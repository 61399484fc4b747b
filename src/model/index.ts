/**
 * Markov models of harmony and melody: a variable-order chain with interpolated Kneser–Ney
 * smoothing; key-relative chord tokens with the position in the phrase; a melody of rhythm and
 * pitch experts conditioned on chord and meter; unary constraints compiled backwards so phrases
 * meet their cadences without dead ends (Pachet, Roy & Barbieri 2011); an originality guard on
 * verbatim copying (MaxOrder); the model file with its corpus provenance.
 */
export { type Cadence, isDominantChord, isSubdominantChord, isTonicChord } from './cadences';
export { START, type VariableChain } from './chain';
export { type Distribution, distribution, log2Probability, probabilityOf, sample } from './chainQuery';
export { trainVariableChain } from './chainTraining';
export { type Evaluation, evaluate } from './evaluate';
export { type CorpusIndex, DEFAULT_CHORD_MAX_RUN, DEFAULT_MELODY_MAX_RUN } from './guard';
export { heldChordPercentile } from './harmonicRhythm';
export { type Harmonization, type HarmonizeRequest, harmonizeMelody } from './harmonize';
export { type HarmonyChord, harmonyToken, parseHarmonyToken, TWELFTHS_PER_BAR } from './harmonyModel';
export { generateHarmonyPhrase, type HarmonyPhrase, type HarmonyPhraseRequest } from './harmonyPhrase';
export { fnv1a64 } from './hash';
export { isModelOrder, MAX_CHAIN_ORDER, MAX_RUN, MODEL_MAX_BYTES, MODEL_ORDER } from './limits';
export { type MelodicShape, shapeDefaults } from './melodicShape';
export {
  generateMelodyPhrase,
  type MelodyCadence,
  type MelodyContext,
  type MelodyPhrase,
  type MelodyPhraseRequest,
} from './melodyPhrase';
export { type MergeCopies, mergeChains, mergeModels } from './mergeModels';
export { UNIT_TICKS } from './metric';
export { type ModeFamily, modeFamily } from './modeFamily';
export { decodeModel, encodeModel, isModelBinary, MODEL_BINARY_VERSION } from './modelBinary';
export { type ModelError, parseModel } from './modelFile';
export { MODEL_FORMAT, MODEL_VERSION, modelFileChunks, modelFileText, serializeModel } from './modelFileWriter';
export { type ModelOptions, type MuseModel, modelDefaults, type TrainProgress, trainModel } from './museModel';
export {
  type OriginalityReport,
  originalityReport,
  prepareGuardTables,
  reportLengths,
  transposedReport,
} from './originality';
export { heardAfter, PieceMemory } from './pieceMemory';
export { type PieceProvenance, type Provenance, provenanceOf } from './provenance';
export { type CorpusStyle, styleOf } from './style';
export {
  TRAINING_MINIMUM,
  type TrainingSize,
  tooSmall,
  trainingSize,
  trainingSizeText,
  untrainable,
} from './trainingSize';
