import type { VariableChain } from './chain';
import { chainCountsPieces, chainToJson } from './chainJson';
import type { CorpusIndex } from './guard';
import { ListText, modelChecksum, textWithChecksum } from './modelChecksum';
import type { ModelFile } from './modelFile';
import type { MuseModel } from './museModel';
import { EXPERTS } from './pitchExperts';

/*
 * Writing the model file, apart from reading it (modelFile.ts): the reader's zod schemas cost
 * `muse train`, which only writes, 0.1 s and some 13 MiB (issue 17). The file's shape is the
 * reader's (its type, ModelFile, is inferred from the schema).
 */

/** The `format` field of every model file. */
export const MODEL_FORMAT = 'markov-muse/model';
/** The version of the model file format this code reads and writes. */
export const MODEL_VERSION = 1;

/** The model as a JSON value (`JSON.stringify` it to write the file). */
export function serializeModel(model: MuseModel): ModelFile {
  const file = serializeParts(model);
  return { ...file, checksum: modelChecksum(file) };
}

/**
 * The model file's text, as `muse train` writes it and Save model file saves it (see
 * {@link modelFileChunks}).
 */
export function modelFileText(model: MuseModel): string {
  return [...modelFileChunks(model)].join('');
}

/**
 * The model file's text in chunks of about 64 K characters: {@link serializeModel}'s value with
 * every object's keys sorted and the checksum last — the text the checksum is taken over, then the
 * checksum. The counts are turned into text as they are written: neither the file's text nor its
 * lists of counts are ever whole in memory (a large corpus's model file is tens of megabytes).
 */
export function modelFileChunks(model: MuseModel): Generator<string> {
  return textWithChecksum(serializeParts(model, true));
}

/** The file without its checksum; with `lazy`, the chains' counts as texts made when written. */
function serializeParts(model: MuseModel, lazy = false): ModelFile {
  const chain = (c: VariableChain) => {
    if (!lazy) return chainToJson(c);
    const counts = new ListText(() => chainCountsPieces(c)) as unknown as number[];
    return { order: c.order, symbols: c.symbols as string[], vocabulary: c.vocabulary as number[], counts };
  };
  const guard = (index: CorpusIndex) => ({
    maxRun: index.maxRun,
    pieces: index.pieces.map((p) => ({ id: p.id, tokens: lazy ? (p.tokens as string[]) : [...p.tokens] })),
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    options: { ...model.options },
    provenance: { pieces: model.provenance.pieces.map((p) => ({ ...p })), contentHash: model.provenance.contentHash },
    harmony: chain(model.harmony),
    rhythm: chain(model.rhythm),
    pitch: {
      order: model.pitch.order,
      weights: { ...model.pitch.weights },
      experts: Object.fromEntries(
        EXPERTS.map((e) => [e, chain(model.pitch.experts[e])]),
      ) as ModelFile['pitch']['experts'],
    },
    ...(model.style ? { style: structuredClone(model.style) as ModelFile['style'] } : {}),
    guards: {
      melody: guard(model.guards.melody),
      chords: guard(model.guards.chords),
      ...(model.guards.transposed ? { transposed: guard(model.guards.transposed) } : {}),
    },
  };
}
