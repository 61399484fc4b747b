import { counted } from '../core';
import { evaluate } from '../model';
import { parseOptions, UsageError } from './args';
import { collectFiles } from './files';
import { piecesOf } from './import';
import type { Io } from './io';
import { readModel } from './readModel';
import { holdoutOption, splitFiles } from './train';

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
