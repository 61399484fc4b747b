import { z } from 'zod';
import { describeIssue, err, inspectJson, ok, PPQ, type Result, tooDeepMessage } from '../core';
import { type Corpus, MODES } from './types';

/** The `format` field every corpus file carries. */
export const CORPUS_FORMAT = 'markov-muse/corpus';
/** The version of the corpus JSON format this code reads and writes. */
export const CORPUS_VERSION = 1;

const tick = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);
const noteSchema = z.object({
  pitch: z.number().int().min(0).max(127),
  tick,
  duration: tick.min(1),
  velocity: z.number().int().min(1).max(127),
});
const trackSchema = z.object({
  name: z.string().max(200),
  role: z.enum(['melody', 'chords', 'bass', 'drums', 'other']),
  notes: z.array(noteSchema).max(1_000_000),
});
const chordSchema = z.object({ tick, duration: tick.min(1), symbol: z.string().min(1).max(40) });
const pieceSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(500),
  composer: z.string().max(500).optional(),
  source: z.string().min(1).max(2000),
  licence: z.string().min(1).max(200),
  key: z.string().regex(/^[A-G][#b]?$/, 'a tonic such as "C", "F#" or "Bb"'),
  mode: z.enum(MODES),
  meter: z.tuple([z.number().int().min(1).max(32), z.union([z.literal(2), z.literal(4), z.literal(8), z.literal(16)])]),
  tempo: z.number().min(10).max(400),
  tracks: z.array(trackSchema).max(64),
  chords: z.array(chordSchema).optional(),
});

/** The schema of a corpus file, version 1. */
export const corpusFileSchema = z.object({
  format: z.literal(CORPUS_FORMAT),
  version: z.literal(CORPUS_VERSION),
  name: z.string().min(1).max(200),
  description: z.string().max(5000),
  ppq: z.number().int().min(24).max(15360),
  pieces: z.array(pieceSchema).min(1),
});
export type CorpusFile = z.infer<typeof corpusFileSchema>;

/** Why a corpus file was refused: the field at fault and a sentence a user understands. */
export interface CorpusFormatError {
  code: 'corpus-format';
  path: string;
  message: string;
}

/**
 * Validates untrusted JSON as a corpus file and rescales its ticks to the domain's {@link PPQ}.
 *
 * @example
 * const result = parseCorpus(JSON.parse(text));
 * if (!result.ok) console.error(result.error.message);
 */
export function parseCorpus(json: unknown): Result<Corpus, CorpusFormatError> {
  const shape = inspectJson(json);
  if (shape?.kind === 'too-deep')
    return err({ code: 'corpus-format', path: shape.path || '(root)', message: `the corpus ${tooDeepMessage()}` });
  if (shape) {
    const path = shape.path ? `${shape.path}.${shape.key}` : shape.key;
    return err({ code: 'corpus-format', path, message: `corpus field ${path}: this name is not allowed` });
  }
  const parsed = corpusFileSchema.safeParse(json);
  if (!parsed.success) {
    const { field, reason } = describeIssue(corpusFileSchema, parsed.error.issues[0], json);
    return err({ code: 'corpus-format', path: field, message: `corpus field ${field}: ${reason}` });
  }
  const file = parsed.data;
  const scale = (t: number) => Math.round((t * PPQ) / file.ppq);
  const span = (t: number, d: number) => Math.max(1, scale(t + d) - scale(t));
  return ok({
    name: file.name,
    description: file.description,
    pieces: file.pieces.map((p) => ({
      ...p,
      meter: [p.meter[0], p.meter[1]] as const,
      tracks: p.tracks.map((t) => ({
        ...t,
        notes: t.notes.map((n) => ({ ...n, tick: scale(n.tick), duration: span(n.tick, n.duration) })),
      })),
      chords: p.chords?.map((c) => ({ ...c, tick: scale(c.tick), duration: span(c.tick, c.duration) })),
    })),
  });
}
