import { z } from 'zod';
import { describeIssue, err, inspectJson, ok, parseUntrustedJson, type Result, tooDeepMessage } from '../core';
import type { VariableChain } from './chain';
import { chainFromJson } from './chainJson';
import { buildCorpusIndex } from './guard';
import { MAX_CHAIN_ORDER, MODEL_ORDER } from './limits';
import { modelChecksum } from './modelChecksum';
import { MODEL_FORMAT, MODEL_VERSION } from './modelFileWriter';
import { optionsSchema, provenanceSchema, styleSchema, weightsSchema } from './modelSchema';
import { type MuseModel, modelDefaults } from './museModel';
import { EXPERTS, type ExpertName, expertOrder, expertVocabulary } from './pitchExperts';

/** Why a model file was refused: where, and a sentence a user understands. */
export interface ModelError {
  code: 'model-format' | 'model-version';
  /** The field at fault, e.g. "pitch.experts.tonal.counts", or "(root)". */
  path: string;
  message: string;
}

const id = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);
/** Lists of ids and of short strings: checked element by element by zod, or in one loop (below). */
interface ListSchemas {
  ids: (max: number) => z.ZodType<number[]>;
  strings: (max: number) => z.ZodType<string[]>;
}
const zodLists: ListSchemas = {
  ids: (max) => z.array(id).max(max),
  strings: (max) => z.array(z.string().max(400)).max(max),
};
/**
 * The same checks in one plain loop per list: a model file holds millions of counts and guard
 * tokens, and zod's per-element checks were most of a model's load time (issue 17). A file this
 * refuses is checked again with {@link zodLists}, so that the message names the element at fault.
 */
const isId = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 2 ** 31;
const isToken = (x: unknown) => typeof x === 'string' && x.length <= 400;
const loopLists: ListSchemas = {
  ids: (max) => z.custom<number[]>((v) => Array.isArray(v) && v.length <= max && v.every(isId)),
  strings: (max) => z.custom<string[]>((v) => Array.isArray(v) && v.length <= max && v.every(isToken)),
};

// Strict objects throughout: a key the writer never writes is refused, not silently dropped.
const makeFileSchema = (lists: ListSchemas) => {
  const chainSchema = z.strictObject({
    order: z.number().int().min(0).max(MAX_CHAIN_ORDER),
    symbols: lists.strings(1_000_000),
    vocabulary: lists.ids(1_000_000),
    counts: lists.ids(100_000_000),
  });
  const guardSchema = z.strictObject({
    /** 0 only in the transposed guard of L = 1 (interval tokens: one fewer than notes). */
    maxRun: z.number().int().min(0).max(1000),
    pieces: z.array(z.strictObject({ id: z.string().max(200), tokens: lists.strings(100_000_000) })),
  });
  return z.strictObject({
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_VERSION),
    /** See modelChecksum.ts; optional only for files from before it (read with `legacy`). */
    checksum: z
      .string()
      .regex(/^fnv1a64:[0-9a-f]{16}$/, 'a checksum such as "fnv1a64:0123456789abcdef"')
      .optional(),
    options: optionsSchema,
    provenance: provenanceSchema,
    harmony: chainSchema,
    rhythm: chainSchema,
    pitch: z.strictObject({
      order: z.number().int().min(MODEL_ORDER.min).max(MODEL_ORDER.max),
      weights: weightsSchema,
      experts: z.strictObject(
        Object.fromEntries(EXPERTS.map((e) => [e, chainSchema])) as Record<ExpertName, typeof chainSchema>,
      ),
    }),
    style: styleSchema.optional(),
    guards: z.strictObject({
      melody: guardSchema,
      chords: guardSchema,
      /** Melodies as interval tokens (the transposed guard); absent in files written before it existed. */
      transposed: guardSchema.optional(),
    }),
  });
};
const fileSchema = makeFileSchema(zodLists);
const quickSchema = makeFileSchema(loopLists);
/** A model file's value, as the reader checks it and the writer (modelFileWriter.ts) makes it. */
export type ModelFile = z.infer<typeof fileSchema>;

/** A model-format error at `path`, worded as every model file error. */
export const formatError = (path: string, message: string): { ok: false; error: ModelError } =>
  err({ code: 'model-format', path, message: `model file ${path === '(root)' ? '' : `field ${path}: `}${message}` });

/** Options of {@link parseModel}. */
export interface ParseModelOptions {
  /**
   * Accept a file without a checksum: only for the page's own store, which kept models trained in
   * this browser before model files carried one. Files given by the user always need it.
   */
  legacy?: boolean;
}

/**
 * Reads a model file (its text, or the value JSON.parse gave): refuses another format or version,
 * malformed JSON, nesting deeper than any model file, wrong types, keys the writer never writes
 * (unknown ones, "__proto__"), empty chains, a checksum that does not match (an edited
 * `contentHash`, say) and inconsistent counts, with a message naming the field; never throws.
 */
export function parseModel(input: unknown, options: ParseModelOptions = {}): Result<MuseModel, ModelError> {
  let json = input;
  if (typeof input === 'string') {
    if (input.startsWith('MThd') || input.startsWith('RIFF'))
      return formatError('(root)', 'is a MIDI file, not a model: train a model on it with muse train');
    const parsed = parseUntrustedJson(input);
    if (!parsed.ok) return formatError('(root)', parsed.error.message);
    json = parsed.value;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return formatError('(root)', 'is not a JSON object');
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== MODEL_FORMAT)
    return formatError(
      'format',
      `is ${JSON.stringify(head.format)?.slice(0, 60) ?? 'missing'}, not "${MODEL_FORMAT}": this is not a markov-muse model`,
    );
  if (head.version !== MODEL_VERSION)
    return err({
      code: 'model-version',
      path: 'version',
      message:
        typeof head.version === 'number'
          ? `model file version ${head.version} is not supported: this markov-muse reads version ${MODEL_VERSION} (train the model again with this markov-muse)`
          : `model file field version: must be the number ${MODEL_VERSION}, not ${JSON.stringify(head.version)?.slice(0, 40) ?? 'missing'}`,
    });
  const shape = inspectJson(json);
  if (shape?.kind === 'too-deep') return formatError(shape.path || '(root)', tooDeepMessage());
  if (shape) return formatError(shape.path || '(root)', `has a key "${shape.key}", which model files never use`);
  const quick = quickSchema.safeParse(json);
  const parsed = quick.success ? quick : fileSchema.safeParse(json);
  if (!parsed.success) {
    const { field, reason } = describeIssue(fileSchema, parsed.error.issues[0], json);
    return formatError(field, reason);
  }
  const file = parsed.data;
  // What the parts say about each other first (it names the field); then the checksum, which
  // catches an edit that still fits together, such as another provenance.contentHash.
  const model = rebuild(file);
  if (!model.ok) return model;
  if (file.checksum === undefined) {
    if (!options.legacy)
      return formatError(
        'checksum',
        'is missing: every model file muse train writes has one (train the model again with this markov-muse)',
      );
  } else if (file.checksum !== modelChecksum(file))
    return formatError(
      'checksum',
      `does not match the file: it was changed after muse train wrote it (a count, a piece or provenance.contentHash), so its provenance cannot be trusted; train the model again`,
    );
  return model;
}

/**
 * What the JSON file and the binary form (modelBinary.ts) both check once the chains are read:
 * each pitch expert knows its tokens, and the guards' L fits the options.
 */
export function checkParts(
  options: { melodyMaxRun: number; chordMaxRun: number },
  chains: Record<string, VariableChain>,
  maxRuns: { melody: number; chords: number; transposed?: number },
): { ok: false; error: ModelError } | undefined {
  for (const e of EXPERTS) {
    const chain = chains[`pitch.experts.${e}`];
    const missing = expertVocabulary(e).find((t) => (chain.vocabIndex[chain.ids.get(t) ?? -1] ?? -1) < 0);
    if (missing !== undefined) return formatError(`pitch.experts.${e}.vocabulary`, `lacks the token "${missing}"`);
  }
  if (maxRuns.melody !== options.melodyMaxRun || maxRuns.chords !== options.chordMaxRun)
    return formatError('guards', 'maxRun differs from options.melodyMaxRun / options.chordMaxRun');
  if (maxRuns.transposed !== undefined && maxRuns.transposed !== Math.max(0, options.melodyMaxRun - 1))
    return formatError(
      'guards.transposed.maxRun',
      'is not options.melodyMaxRun − 1 (interval tokens: one fewer than notes)',
    );
  return undefined;
}

/** Builds the model from a type-checked file, checking that its parts fit together. */
function rebuild(file: ModelFile): Result<MuseModel, ModelError> {
  const { options } = file;
  const chains: Record<string, VariableChain> = {};
  const json = (path: string) =>
    path === 'harmony' || path === 'rhythm'
      ? file[path]
      : file.pitch.experts[path.slice('pitch.experts.'.length) as ExpertName];
  if (file.pitch.order !== options.order)
    return formatError('pitch.order', `is ${file.pitch.order}, but options.order is ${options.order}`);
  for (const [path, order] of chainPaths(options.order)) {
    const part = json(path);
    if (part.order !== order)
      return formatError(`${path}.order`, `is ${part.order}; a model of order ${options.order} needs ${order}`);
    if (part.counts.length === 0)
      return formatError(`${path}.counts`, 'is empty: a trained model has counts in every chain');
    const chain = chainFromJson(part, path);
    if (!chain.ok) return formatError(chain.error.path, chain.error.message);
    chains[path] = chain.value;
  }
  const transposed = file.guards.transposed;
  const fault = checkParts(options, chains, {
    melody: file.guards.melody.maxRun,
    chords: file.guards.chords.maxRun,
    transposed: transposed?.maxRun,
  });
  if (fault) return fault;
  return ok(
    assembleModel(file, chains, {
      melody: buildCorpusIndex(file.guards.melody.pieces, file.guards.melody.maxRun),
      chords: buildCorpusIndex(file.guards.chords.pieces, file.guards.chords.maxRun),
      ...(transposed ? { transposed: buildCorpusIndex(transposed.pieces, transposed.maxRun) } : {}),
    }),
  );
}

/** The model's chains, named by their path in the file, with the order a model of order `order` gives each. */
export const chainPaths = (order: number): [string, number][] => [
  ['harmony', order + 1],
  ['rhythm', order + 1],
  ...EXPERTS.map((e): [string, number] => [`pitch.experts.${e}`, expertOrder(e, order)]),
];

/** The model of checked parts: chains by {@link chainPaths}' names. */
export function assembleModel(
  file: Pick<ModelFile, 'options' | 'provenance' | 'style'> & { pitch: Pick<ModelFile['pitch'], 'order' | 'weights'> },
  chains: Record<string, VariableChain>,
  guards: MuseModel['guards'],
): MuseModel {
  return {
    options: { ...modelDefaults, ...file.options },
    harmony: chains.harmony,
    rhythm: chains.rhythm,
    pitch: {
      order: file.pitch.order,
      weights: { ...file.pitch.weights, memory: file.pitch.weights.memory ?? 0 },
      experts: Object.fromEntries(EXPERTS.map((e) => [e, chains[`pitch.experts.${e}`]])) as Record<
        ExpertName,
        VariableChain
      >,
    },
    guards,
    provenance: file.provenance,
    ...(file.style ? { style: file.style } : {}),
  };
}
