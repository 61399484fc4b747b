import { z } from 'zod';
import { MODES } from '../corpus/types';
import { MODEL_ORDER } from './limits';
import { EXPERTS, type ExpertName } from './pitchExperts';

/*
 * The parts of a model that its JSON file (modelFile.ts) and its binary form (modelBinary.ts)
 * both hold as JSON, checked by the same schemas. Strict objects: a key the writer never writes is
 * refused, not silently dropped.
 */

/** The options a model was trained with. */
export const optionsSchema = z.strictObject({
  order: z.number().int().min(MODEL_ORDER.min).max(MODEL_ORDER.max),
  phraseBars: z.number().int().min(1).max(64),
  melodyMaxRun: z.number().int().min(1).max(1000),
  chordMaxRun: z.number().int().min(1).max(1000),
  fitWeights: z.boolean(),
});

/** The training pieces and the content hash of the training data. */
export const provenanceSchema = z.strictObject({
  pieces: z
    .array(
      z.strictObject({
        id: z.string().max(200),
        title: z.string().max(500),
        composer: z.string().max(500).optional(),
        source: z.string().max(2000),
        licence: z.string().max(200),
      }),
    )
    .min(1, 'a list of the training pieces (a model is trained on one piece at least)'),
  contentHash: z.string().regex(/^fnv1a64:[0-9a-f]{16}$/, 'a hash such as "fnv1a64:0123456789abcdef"'),
});

/** The pitch experts' weights. */
export const weightsSchema = z.strictObject({
  ...(Object.fromEntries(EXPERTS.map((e) => [e, z.number().min(0).max(100)])) as Record<ExpertName, z.ZodNumber>),
  /** The piece memory's weight; absent in files written before it existed (then 0). */
  memory: z.number().min(0).max(100).optional(),
});

/** What the corpus sounds like (style.ts); absent in files written before it existed. */
export const styleSchema = z.strictObject({
  meter: z.tuple([z.number().int().min(1).max(16), z.union([z.literal(2), z.literal(4), z.literal(8)])]),
  tempo: z.number().int().min(30).max(300),
  key: z.string().regex(/^[A-G][#b]?$/),
  mode: z.enum(MODES),
  melody: z.strictObject({ low: z.number().int().min(0).max(127), high: z.number().int().min(0).max(127) }),
  notesPerBar: z.number().min(0).max(1000),
  parts: z.strictObject({
    chords: z.number().min(0).max(1),
    bass: z.number().min(0).max(1),
    drums: z.number().min(0).max(1),
  }),
});
