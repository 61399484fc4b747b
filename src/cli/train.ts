import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { counted, pushAll } from '../core';
import type { CorpusPiece } from '../corpus';
import {
  evaluate,
  isModelOrder,
  MAX_RUN,
  MODEL_MAX_BYTES,
  MODEL_ORDER,
  type MuseModel,
  modelFileChunks,
  parseModel,
  tooSmall,
  untrainable,
} from '../model';
import { finishModel, finishModelHelped } from '../model/modelCounts';
import { checkedOptions } from '../model/museModel';
import { intOption, parseOptions, UsageError } from './args';
import { countFiles, defaultThreads, sizesOf } from './countFiles';
import { collectFiles, readUserFile } from './files';
import { importEntry } from './import';
import { type Io, writeOutputs } from './io';

/** Largest model file read, in bytes (the page reads the same). */
export { MODEL_MAX_BYTES };

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
    const result = importEntry({ path: file });
    for (const line of result.lines) if (!line.ok) io.err(`muse: skipped ${line.error?.message}\n`);
    pushAll(pieces, result.pieces);
  }
  return pieces;
}

/**
 * --holdout K: every K-th file held out (2 or more; 1 would hold out every file). The same rule
 * for train and eval, so that eval never accepts a split train refuses.
 */
export function holdoutOption(value: string | undefined): number | undefined {
  const holdout = intOption('holdout', value);
  if (holdout !== undefined && holdout < 2)
    throw new UsageError(
      `--holdout must be 2 or more (every K-th file is held out: 10 holds out one file in ten), not ${holdout}`,
    );
  return holdout;
}

/** Reads and checks a model file. */
export function readModel(path: string): MuseModel {
  const text = readUserFile(
    path,
    MODEL_MAX_BYTES,
    'model file',
    'a model file is the .json that muse train --out wrote',
  );
  const parsed = parseModel(text);
  if (!parsed.ok) throw new UsageError(`${path}: ${parsed.error.message}`);
  return parsed.value;
}

const trainSpec = {
  out: { type: 'string' },
  order: { type: 'string' },
  'max-run': { type: 'string' },
  holdout: { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Most worker threads `--workers` takes. */
export const MAX_WORKERS = 64;

/**
 * `muse train PATH... --out MODEL.json [--order N] [--max-run L] [--holdout K] [--workers N]`: the
 * files are imported and counted as they are read (in N threads; by default one per core, but one
 * per 4 MiB of files at most: defaultThreads), then the model is finished and written.
 */
export async function trainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, trainSpec, true);
  if (positionals.length === 0) throw new UsageError('train needs files or folders to learn from');
  if (!values.out) throw new UsageError('train needs --out MODEL.json');
  const order = intOption('order', values.order) ?? 4;
  if (!isModelOrder(order))
    throw new UsageError(`--order must be from ${MODEL_ORDER.min} to ${MODEL_ORDER.max}, not ${order}`);
  const maxRun = intOption('max-run', values['max-run']);
  if (maxRun !== undefined && (maxRun < MAX_RUN.min || maxRun > MAX_RUN.max))
    throw new UsageError(`--max-run must be from ${MAX_RUN.min} to ${MAX_RUN.max}, not ${maxRun}`);
  const holdout = holdoutOption(values.holdout);
  const asked = intOption('workers', values.workers);
  if (asked !== undefined && (asked < 1 || asked > MAX_WORKERS))
    throw new UsageError(`--workers must be from 1 to ${MAX_WORKERS}, not ${asked}`);
  const files = splitFiles(collectFiles(positionals), holdout, 'train');
  const sizes = sizesOf(files);
  const workers = asked ?? defaultThreads(sizes, availableParallelism());
  const options = checkedOptions({ order, ...(maxRun ? { melodyMaxRun: maxRun } : {}) });
  const { counts, helper, close } = await countFiles(
    files,
    { order, phraseBars: options.phraseBars, workers, sizes },
    io,
  );
  let model: MuseModel;
  const size = counts.size;
  const small = tooSmall(size);
  try {
    const cannot = untrainable(size);
    if (cannot) throw new UsageError(cannot);
    if (small) io.err(`muse: warning: ${small}\n`);
    model = helper ? await finishModelHelped(counts, options, helper) : finishModel(counts, options);
  } finally {
    close();
  }
  writeOutputs([{ path: values.out, data: modelFileChunks(model) }]);
  const summary = {
    out: values.out,
    pieces: size.pieces,
    notes: size.melodyNotes,
    chords: size.chords,
    order,
    melodyMaxRun: model.options.melodyMaxRun,
    hash: model.provenance.contentHash,
    warnings: small ? [small] : [],
  };
  io.out(
    values.json
      ? `${JSON.stringify(summary)}\n`
      : `trained on ${counted(summary.pieces, 'piece')} (${counted(summary.notes, 'melody note')}, ${counted(size.chords, 'chord')}), order ${order}, L = ${summary.melodyMaxRun}: ${basename(values.out)} (${summary.hash})\n`,
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
  const holdout = holdoutOption(values.holdout);
  const model = readModel(values.model);
  const trained = new Set(model.provenance.pieces.map((p) => p.id));
  const all = piecesOf(splitFiles(collectFiles(positionals), holdout, 'test'), io);
  const pieces = all.filter((p) => !trained.has(p.id));
  if (pieces.length === 0) throw new UsageError('no piece left to evaluate on: the model trained on all of them');
  const result = { ...evaluate(model, pieces), excluded: all.length - pieces.length };
  if (values.json) io.out(`${JSON.stringify(result)}\n`);
  else {
    const f = (x: number) => x.toFixed(3);
    io.out(
      `${counted(result.pieces, 'piece')}, ${counted(result.notes, 'note')} (${result.excluded} left out: the model trained on them)\n`,
    );
    io.out(
      `full model (order ${model.options.order}): ${f(result.bitsPerPitch)} bits/pitch, ${f(result.bitsPerDuration)} bits/duration\n`,
    );
    for (const o of result.orders)
      io.out(`order ${o.order}: ${f(o.bitsPerPitch)} bits/pitch, ${f(o.bitsPerDuration)} bits/duration\n`);
  }
  return 0;
}
