// `muse train`, bundled on its own (trainMain.ts, trainThread.ts): it imports the model's parts by
// file, not the model folder's index, and no reader of model or corpus files, so that its bundle
// loads no zod (tests/unit/cli-train-bundle.test.ts); `muse eval` is in eval.ts.
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { counted } from '../core';
import { isModelOrder, MAX_RUN, MODEL_ORDER } from '../model/limits';
import { finishModel, finishModelHelped } from '../model/modelCounts';
import { modelFileChunks } from '../model/modelFileWriter';
import { checkedOptions, type MuseModel } from '../model/museModel';
import { tooSmall, untrainable } from '../model/trainingSize';
import { intOption, parseOptions, UsageError } from './args';
import { countFiles, defaultThreads, sizesOf } from './countFiles';
import { collectFiles } from './files';
import { type Io, writeOutputs } from './io';

/**
 * The documented split: files sorted by path, every `holdout`-th one (the 10th, 20th, …) held out
 * for evaluation, the rest for training.
 */
export function splitFiles(files: readonly string[], holdout: number | undefined, part: 'train' | 'test'): string[] {
  if (!holdout) return [...files];
  const sorted = [...files].sort();
  return sorted.filter((_, i) => ((i + 1) % holdout === 0) === (part === 'test'));
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
