import { readFileSync } from 'node:fs';
import { importFile } from '../corpus/importFile';
import { compareSets, extractFeatures, type FeatureComparison, type PieceFeatures } from '../eval';
import { parseOptions, UsageError } from './args';
import { collectFiles } from './import';
import type { Io } from './io';

function featuresOf(folder: string): PieceFeatures[] {
  const features: PieceFeatures[] = [];
  for (const file of collectFiles([folder])) {
    for (const piece of importFile(file, readFileSync(file)).pieces) features.push(extractFeatures(piece));
  }
  if (features.length < 2) throw new UsageError(`${folder} holds fewer than two pieces that import`);
  return features;
}

/**
 * `muse stats --generated DIR --reference DIR [--json]`: the MGEval features of two sets of files
 * with their intra- and inter-set distances and overlapped areas; the reference split in two halves
 * gives the figures of real music against real music, as the baseline.
 */
export function statsCommand(args: string[], io: Io): number {
  const { values } = parseOptions(args, {
    generated: { type: 'string' },
    reference: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.generated || !values.reference) throw new UsageError('stats needs --generated DIR and --reference DIR');
  const reference = featuresOf(values.reference);
  const generated = featuresOf(values.generated);
  const features = compareSets(reference, generated);
  const baseline = compareSets(
    reference.filter((_, i) => i % 2 === 0),
    reference.filter((_, i) => i % 2 === 1),
  );
  if (values.json) {
    io.out(
      `${JSON.stringify({ reference: { pieces: reference.length }, generated: { pieces: generated.length }, features, baseline })}\n`,
    );
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  const ms = (s: FeatureComparison['inter']) => `${f(s.mean)} ± ${f(s.std)}`;
  io.out(`reference: ${reference.length} pieces, generated: ${generated.length} pieces\n\n`);
  const rows = [
    ['feature', 'intra reference', 'intra generated', 'inter', 'OA', 'KLD', 'OA real/real'],
    ...features.map((c, i) => [
      c.feature,
      ms(c.intraReference),
      ms(c.intraGenerated),
      ms(c.inter),
      f(c.overlappedArea),
      f(c.kld),
      f(baseline[i].overlappedArea),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) io.out(`${r.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
  return 0;
}
