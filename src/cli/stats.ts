import { compareSets, extractFeatures, type FeatureComparison, type PieceFeatures } from '../eval';
import { parseOptions, UsageError } from './args';
import { collectFiles } from './files';
import { importEntry } from './import';
import type { Io } from './io';

/** The files of a set, named by its flag; a missing folder is refused before any file is read. */
function filesOf(flag: string, folder: string): string[] {
  try {
    return collectFiles([folder]);
  } catch (e) {
    throw new UsageError(
      `--${flag} ${folder}: ${e instanceof Error ? e.message.replace(/^cannot import [^:]*: /, '') : e}`,
    );
  }
}

function featuresOf(flag: string, folder: string, files: readonly string[]): PieceFeatures[] {
  const features: PieceFeatures[] = [];
  for (const file of files) {
    for (const piece of importEntry({ path: file }).pieces) features.push(extractFeatures(piece));
  }
  if (files.length === 0)
    throw new UsageError(`--${flag} ${folder}: holds no MIDI (.mid) or corpus (.json) file to compare`);
  if (features.length < 2)
    throw new UsageError(
      `--${flag} ${folder}: ${features.length === 1 ? 'only 1 piece imports' : 'no piece imports'} from its ${files.length === 1 ? '1 file' : `${files.length} files`}; the comparison needs two at least`,
    );
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
  // Both sets found before either is read: a mistyped folder is said at once, not after minutes.
  const referenceFiles = filesOf('reference', values.reference);
  const generatedFiles = filesOf('generated', values.generated);
  const reference = featuresOf('reference', values.reference, referenceFiles);
  const generated = featuresOf('generated', values.generated, generatedFiles);
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
