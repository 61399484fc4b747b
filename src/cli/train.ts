import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type CorpusPiece, importFile } from '../corpus';
import {
  evaluate,
  isModelOrder,
  MAX_RUN,
  MODEL_ORDER,
  type MuseModel,
  parseModel,
  serializeModel,
  trainModel,
} from '../model';
import { intOption, parseOptions, readUserFile, UsageError } from './args';
import { collectFiles } from './import';
import type { Io } from './io';

/** Largest model file read, in bytes. */
export const MODEL_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The documented split: files sorted by path, every `holdout`-th one (the 10th, 20th, …) held out
 * for evaluation, the rest for training.
 */
export function splitFiles(files: readonly string[], holdout: number | undefined, part: 'train' | 'test'): string[] {
  if (!holdout) return [...files];
  const sorted = [...files].sort();
  return sorted.filter((_, i) => ((i + 1) % holdout === 0) === (part === 'test'));
}

/** Imports the pieces of files, telling the user about the ones refused. */
export function piecesOf(files: readonly string[], io: Io): CorpusPiece[] {
  const pieces: CorpusPiece[] = [];
  for (const file of files) {
    const result = importFile(file, readFileSync(file));
    for (const line of result.lines) if (!line.ok) io.err(`muse: skipped ${line.error?.message}\n`);
    pieces.push(...result.pieces);
  }
  return pieces;
}

/** Reads and checks a model file. */
export function readModel(path: string): MuseModel {
  const text = readUserFile(path, MODEL_MAX_BYTES, 'model');
  const parsed = parseModel(text);
  if (!parsed.ok) throw new UsageError(`${path}: ${parsed.error.message}`);
  return parsed.value;
}

const trainSpec = {
  out: { type: 'string' },
  order: { type: 'string' },
  'max-run': { type: 'string' },
  holdout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `muse train PATH... --out MODEL.json [--order N] [--max-run L] [--holdout K]`. */
export function trainCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, trainSpec, true);
  if (positionals.length === 0) throw new UsageError('train needs files or folders to learn from');
  if (!values.out) throw new UsageError('train needs --out MODEL.json');
  const order = intOption('order', values.order) ?? 4;
  if (!isModelOrder(order))
    throw new UsageError(`--order must be from ${MODEL_ORDER.min} to ${MODEL_ORDER.max}, not ${order}`);
  const maxRun = intOption('max-run', values['max-run']);
  if (maxRun !== undefined && (maxRun < MAX_RUN.min || maxRun > MAX_RUN.max))
    throw new UsageError(`--max-run must be from ${MAX_RUN.min} to ${MAX_RUN.max}, not ${maxRun}`);
  const holdout = intOption('holdout', values.holdout);
  if (holdout !== undefined && holdout < 2) throw new UsageError('--holdout must be 2 or more');
  const files = splitFiles(collectFiles(positionals), holdout, 'train');
  const pieces = piecesOf(files, io);
  if (pieces.length === 0) throw new UsageError('no piece imported: nothing to learn from');
  const model = trainModel(pieces, { order, ...(maxRun ? { melodyMaxRun: maxRun } : {}) });
  try {
    writeFileSync(values.out, JSON.stringify(serializeModel(model)));
  } catch (e) {
    throw new Error(`cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const summary = {
    out: values.out,
    pieces: pieces.length,
    notes: pieces.reduce((n, p) => n + (p.tracks.find((t) => t.role === 'melody')?.notes.length ?? 0), 0),
    order,
    melodyMaxRun: model.options.melodyMaxRun,
    hash: model.provenance.contentHash,
  };
  io.out(
    values.json
      ? `${JSON.stringify(summary)}\n`
      : `trained on ${summary.pieces} pieces (${summary.notes} melody notes), order ${order}, L = ${summary.melodyMaxRun}: ${basename(values.out)} (${summary.hash})\n`,
  );
  return 0;
}

/**
 * `muse eval --model MODEL.json PATH... [--json] [--holdout K]`: cross-entropy on pieces the model
 * did not train on (pieces it did train on, by id, are left out and counted).
 */
export function evalCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(
    args,
    { model: { type: 'string' }, holdout: { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (!values.model) throw new UsageError('eval needs --model MODEL.json');
  if (positionals.length === 0) throw new UsageError('eval needs files or folders to evaluate on');
  const model = readModel(values.model);
  const holdout = intOption('holdout', values.holdout);
  const trained = new Set(model.provenance.pieces.map((p) => p.id));
  const all = piecesOf(splitFiles(collectFiles(positionals), holdout, 'test'), io);
  const pieces = all.filter((p) => !trained.has(p.id));
  if (pieces.length === 0) throw new UsageError('no piece left to evaluate on: the model trained on all of them');
  const result = { ...evaluate(model, pieces), excluded: all.length - pieces.length };
  if (values.json) io.out(`${JSON.stringify(result)}\n`);
  else {
    const f = (x: number) => x.toFixed(3);
    io.out(`${result.pieces} pieces, ${result.notes} notes (${result.excluded} left out: the model trained on them)\n`);
    io.out(
      `full model (order ${model.options.order}): ${f(result.bitsPerPitch)} bits/pitch, ${f(result.bitsPerDuration)} bits/duration\n`,
    );
    for (const o of result.orders)
      io.out(`order ${o.order}: ${f(o.bitsPerPitch)} bits/pitch, ${f(o.bitsPerDuration)} bits/duration\n`);
  }
  return 0;
}
