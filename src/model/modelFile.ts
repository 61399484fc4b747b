import { z } from 'zod';
import { err, ok, type Result } from '../core';
import type { VariableChain } from './chain';
import { chainFromJson, chainToJson } from './chainJson';
import { buildCorpusIndex, type CorpusIndex } from './guard';
import { MAX_CHAIN_ORDER, MODEL_ORDER } from './limits';
import { type MuseModel, modelDefaults } from './museModel';
import { EXPERTS, type ExpertName, expertOrder, expertVocabulary } from './pitchExperts';

/** The `format` field of every model file. */
export const MODEL_FORMAT = 'markov-muse/model';
/** The version of the model file format this code reads and writes. */
export const MODEL_VERSION = 1;

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
const chainSchema = z.object({
  order: z.number().int().min(0).max(MAX_CHAIN_ORDER),
  symbols: z.array(z.string().max(400)).max(1_000_000),
  vocabulary: z.array(id).max(1_000_000),
  counts: z.array(id).max(100_000_000),
});
const guardSchema = z.object({
  maxRun: z.number().int().min(1).max(1000),
  pieces: z.array(z.object({ id: z.string().max(200), tokens: z.array(z.string().max(400)) })),
});
const fileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  options: z.object({
    order: z.number().int().min(MODEL_ORDER.min).max(MODEL_ORDER.max),
    phraseBars: z.number().int().min(1).max(64),
    melodyMaxRun: z.number().int().min(1).max(1000),
    chordMaxRun: z.number().int().min(1).max(1000),
    fitWeights: z.boolean(),
  }),
  provenance: z.object({
    pieces: z.array(
      z.object({
        id: z.string().max(200),
        title: z.string().max(500),
        composer: z.string().max(500).optional(),
        source: z.string().max(2000),
        licence: z.string().max(200),
      }),
    ),
    contentHash: z.string().regex(/^fnv1a64:[0-9a-f]{16}$/, 'a hash such as "fnv1a64:0123456789abcdef"'),
  }),
  harmony: chainSchema,
  rhythm: chainSchema,
  pitch: z.object({
    order: z.number().int().min(MODEL_ORDER.min).max(MODEL_ORDER.max),
    weights: z.object(
      Object.fromEntries(EXPERTS.map((e) => [e, z.number().min(0).max(100)])) as Record<ExpertName, z.ZodNumber>,
    ),
    experts: z.object(
      Object.fromEntries(EXPERTS.map((e) => [e, chainSchema])) as Record<ExpertName, typeof chainSchema>,
    ),
  }),
  guards: z.object({ melody: guardSchema, chords: guardSchema }),
});
type ModelFile = z.infer<typeof fileSchema>;

/** The model as a JSON value (`JSON.stringify` it to write the file). */
export function serializeModel(model: MuseModel): ModelFile {
  const guard = (index: CorpusIndex) => ({
    maxRun: index.maxRun,
    pieces: index.pieces.map((p) => ({ id: p.id, tokens: [...p.tokens] })),
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    options: { ...model.options },
    provenance: { pieces: model.provenance.pieces.map((p) => ({ ...p })), contentHash: model.provenance.contentHash },
    harmony: chainToJson(model.harmony),
    rhythm: chainToJson(model.rhythm),
    pitch: {
      order: model.pitch.order,
      weights: { ...model.pitch.weights },
      experts: Object.fromEntries(
        EXPERTS.map((e) => [e, chainToJson(model.pitch.experts[e])]),
      ) as ModelFile['pitch']['experts'],
    },
    guards: { melody: guard(model.guards.melody), chords: guard(model.guards.chords) },
  };
}

const formatError = (path: string, message: string): { ok: false; error: ModelError } =>
  err({ code: 'model-format', path, message: `model file ${path === '(root)' ? '' : `field ${path}: `}${message}` });

/**
 * Reads a model file (its text, or the value JSON.parse gave): refuses another format or version,
 * malformed JSON, wrong types, inconsistent counts and keys such as "__proto__", with a message
 * naming what is wrong; never throws.
 */
export function parseModel(input: unknown): Result<MuseModel, ModelError> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return formatError('(root)', `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return formatError('(root)', 'is not a JSON object');
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== MODEL_FORMAT)
    return formatError(
      'format',
      `is ${JSON.stringify(head.format)}, not "${MODEL_FORMAT}": this is not a markov-muse model`,
    );
  if (head.version !== MODEL_VERSION)
    return err({
      code: 'model-version',
      path: 'version',
      message: `model file version ${JSON.stringify(head.version)} is not supported; this markov-muse reads version ${MODEL_VERSION}`,
    });
  const forbidden = findForbiddenKey(json, '');
  if (forbidden)
    return formatError(forbidden.path || '(root)', `has a key "${forbidden.key}", which model files never use`);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return formatError(issue.path.join('.') || '(root)', issue.message);
  }
  return rebuild(parsed.data);
}

/** Builds the model from a type-checked file, checking that its parts fit together. */
function rebuild(file: ModelFile): Result<MuseModel, ModelError> {
  const { options } = file;
  const chains: Record<string, VariableChain> = {};
  const parts: [string, z.infer<typeof chainSchema>, number][] = [
    ['harmony', file.harmony, options.order + 1],
    ['rhythm', file.rhythm, options.order + 1],
    ...EXPERTS.map((e): [string, z.infer<typeof chainSchema>, number] => [
      `pitch.experts.${e}`,
      file.pitch.experts[e],
      expertOrder(e, options.order),
    ]),
  ];
  if (file.pitch.order !== options.order)
    return formatError('pitch.order', `is ${file.pitch.order}, but options.order is ${options.order}`);
  for (const [path, json, order] of parts) {
    if (json.order !== order)
      return formatError(`${path}.order`, `is ${json.order}; a model of order ${options.order} needs ${order}`);
    const chain = chainFromJson(json, path);
    if (!chain.ok) return formatError(chain.error.path, chain.error.message);
    chains[path] = chain.value;
  }
  for (const e of EXPERTS) {
    const chain = chains[`pitch.experts.${e}`];
    const missing = expertVocabulary(e).find((t) => (chain.vocabIndex[chain.ids.get(t) ?? -1] ?? -1) < 0);
    if (missing !== undefined) return formatError(`pitch.experts.${e}.vocabulary`, `lacks the token "${missing}"`);
  }
  if (file.guards.melody.maxRun !== options.melodyMaxRun || file.guards.chords.maxRun !== options.chordMaxRun)
    return formatError('guards', 'maxRun differs from options.melodyMaxRun / options.chordMaxRun');
  return ok({
    options: { ...modelDefaults, ...options },
    harmony: chains.harmony,
    rhythm: chains.rhythm,
    pitch: {
      order: file.pitch.order,
      weights: file.pitch.weights,
      experts: Object.fromEntries(EXPERTS.map((e) => [e, chains[`pitch.experts.${e}`]])) as Record<
        ExpertName,
        VariableChain
      >,
    },
    guards: {
      melody: buildCorpusIndex(file.guards.melody.pieces, file.guards.melody.maxRun),
      chords: buildCorpusIndex(file.guards.chords.pieces, file.guards.chords.maxRun),
    },
    provenance: file.provenance,
  });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first key that could reach an object's prototype, anywhere in a parsed JSON value. */
function findForbiddenKey(value: unknown, path: string): { key: string; path: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === 'object' && v !== null) {
        const found = findForbiddenKey(v, `${path}${path ? '.' : ''}${i}`);
        if (found) return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { key, path };
    const found = findForbiddenKey((value as Record<string, unknown>)[key], `${path}${path ? '.' : ''}${key}`);
    if (found) return found;
  }
  return undefined;
}
