import type { Piece } from '../compose';
import { parseUntrustedJson, pushAll } from '../core';
import type { CorpusPiece } from '../corpus';
import { MAX_FILE_BYTES } from '../corpus/importFile';
import { type CraftMeasures, extractFeatures, measureCraft, type PieceFeatures } from '../eval';
import { builtinCorpus, type GenerateOptions, generate, type Preset } from '../presets';
import { UsageError } from './args';
import { collectFiles, readBounded } from './files';
import { piecesOf } from './import';
import type { Io } from './io';

/** A set of pieces as `muse stats` compares them: MGEval features and craft measures, piece by piece. */
export interface MeasuredSet {
  /** Where the pieces come from, in words ("chorale seeds 1–20", "folder x/", "built-in corpus waltzes"). */
  source: string;
  features: PieceFeatures[];
  craft: CraftMeasures[];
}

/** Most seeds one `--seeds` range may name. */
export const MAX_SEEDS = 1000;

/** "1-20" → [1, …, 20]; "7" → [7]. */
export function parseSeeds(value: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  const from = m ? Number(m[1]) : Number.NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!m || to < from || to > 4_294_967_295)
    throw new UsageError(`--seeds must be FROM-TO (e.g. 1-20) or one seed, not "${value}"`);
  if (to - from + 1 > MAX_SEEDS) throw new UsageError(`--seeds names more than ${MAX_SEEDS} seeds`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const asCorpusPiece = (piece: Piece, id: string): CorpusPiece => ({
  ...piece,
  id,
  source: 'generated',
  licence: 'CC0-1.0',
});

/**
 * Composes a preset's pieces for the seeds and measures them: each recipe made twice, as written
 * (quantized: beats, rhythms and voicing read exactly) and as played (swing judged against the
 * written notes); the MGEval features come from the played piece, as an exported MIDI file holds it.
 */
export function composedSet(
  preset: Preset,
  seeds: readonly number[],
  options: Pick<GenerateOptions, 'model'> & { bars?: number } = {},
): MeasuredSet {
  const features: PieceFeatures[] = [];
  const craft: CraftMeasures[] = [];
  const how = { preset, model: options.model };
  for (const seed of seeds) {
    const recipe = { preset: preset.name, seed, bars: options.bars };
    const written = generate(recipe, { ...how, quantize: true });
    const played = generate(recipe, how);
    if (!written.ok) throw new UsageError(written.error.message);
    if (!played.ok) throw new UsageError(played.error.message);
    features.push(extractFeatures(asCorpusPiece(played.value.piece, String(seed))));
    craft.push(
      measureCraft(written.value.piece, {
        phraseBars: preset.phraseBars,
        performed: played.value.piece,
        swingUnit: preset.groove && preset.groove.swing > 0 ? preset.groove.swingUnit : undefined,
      }),
    );
  }
  const from = options.model ? ` with ${options.model.name}` : '';
  return { source: `${preset.name}${from}, seeds ${seedText(seeds)}`, features, craft };
}

const seedText = (seeds: readonly number[]) =>
  seeds.length === 1 ? String(seeds[0]) : `${seeds[0]}–${seeds[seeds.length - 1]}`;

/** The pieces of a built-in corpus, measured. */
export function corpusSet(name: string): MeasuredSet {
  const corpus = builtinCorpus(name);
  if (!corpus) throw new UsageError(`--corpus: the built-in corpus "${name}" is not loaded`);
  return measured(`built-in corpus ${name}`, corpus.pieces);
}

/**
 * The pieces of files and folders (MIDI, corpus JSON, JSB step sequences, and the piece JSON of
 * `muse generate --out f.json`), measured; files that do not import are named on stderr.
 */
export function fileSet(path: string, io: Io): MeasuredSet {
  const pieces: (CorpusPiece | Piece)[] = [];
  for (const file of collectFiles([path])) {
    let bytes: Uint8Array;
    try {
      bytes = readBounded(file, MAX_FILE_BYTES);
    } catch (e) {
      io.err(`muse: skipped ${e instanceof Error ? e.message : String(e)}\n`);
      continue;
    }
    const composed = pieceFile(bytes);
    if (composed) {
      pieces.push(composed);
      continue;
    }
    pushAll(pieces, piecesOf([file], io));
  }
  return measured(path, pieces);
}

function measured(source: string, pieces: readonly (CorpusPiece | Piece)[]): MeasuredSet {
  return {
    source,
    features: pieces.map((p, i) => extractFeatures('id' in p ? p : asCorpusPiece(p, String(i)))),
    craft: pieces.map((p) => measureCraft(p)),
  };
}

/**
 * The piece inside a `markov-muse/piece` JSON file (`muse generate --out f.json`), read with its
 * sections; undefined for any other file. Only the shape the measures read is checked.
 */
function pieceFile(bytes: Uint8Array): Piece | undefined {
  if (bytes[0] !== 0x7b) return undefined;
  const parsed = parseUntrustedJson(new TextDecoder().decode(bytes));
  if (!parsed.ok) return undefined;
  try {
    const json = parsed.value as { format?: unknown; piece?: Piece } | null;
    const piece = json?.format === 'markov-muse/piece' ? json.piece : undefined;
    const fine =
      piece &&
      Array.isArray(piece.meter) &&
      piece.meter.length === 2 &&
      Array.isArray(piece.tracks) &&
      piece.tracks.every((t: { notes?: unknown }) => Array.isArray(t.notes)) &&
      Array.isArray(piece.chords) &&
      Array.isArray(piece.sections) &&
      Number.isInteger(piece.bars);
    return fine ? (piece as Piece) : undefined;
  } catch {
    return undefined;
  }
}
