import {
  type CraftSummary,
  compareSets,
  type FeatureComparison,
  type ShareSummary,
  summarizeCraft,
  type ValueSummary,
} from '../eval';
import { builtinCorpusNames, findPreset } from '../presets';
import { intOption, parseOptions, UsageError } from './args';
import { collectFiles } from './files';
import { presetFromFile } from './generate';
import type { Io } from './io';
import { readModel } from './readModel';
import { composedSet, corpusSet, fileSet, type MeasuredSet, parseSeeds } from './statsSets';

const statsSpec = {
  generated: { type: 'string' },
  preset: { type: 'string' },
  model: { type: 'string' },
  seeds: { type: 'string' },
  bars: { type: 'string' },
  reference: { type: 'string' },
  corpus: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = Partial<Record<keyof typeof statsSpec, string | boolean>>;

/**
 * How to make the generated set: files, or pieces composed from a preset (or a model) for a range
 * of seeds. The flags are checked here, before any work; the set is made when the result is called.
 */
function generatedSet(values: Values, io: Io): () => MeasuredSet {
  const composing = values.preset !== undefined || values.model !== undefined;
  if (values.generated !== undefined && composing)
    throw new UsageError('--generated and --preset/--model: give the files or the recipe, not both');
  if (values.generated !== undefined) {
    if (values.seeds !== undefined) throw new UsageError('--seeds needs --preset NAME or --model MODEL.json');
    const path = requirePath('generated', String(values.generated));
    return () => fileSet(path, io);
  }
  if (!composing) throw new UsageError('stats needs --generated PATH, or --preset NAME --seeds FROM-TO');
  if (values.seeds === undefined) throw new UsageError('--preset and --model need --seeds FROM-TO (e.g. 1-20)');
  const name = String(values.preset ?? 'pop-ballad');
  const preset = presetFromFile(name) ?? findPreset(name);
  if (!preset) throw new UsageError(`--preset: there is no preset called "${name}" (see: muse presets)`);
  const model = values.model
    ? { model: readModel(String(values.model)), name: String(values.model).split(/[\\/]/).pop() ?? '' }
    : undefined;
  const bars = intOption('bars', values.bars as string | undefined);
  const seeds = parseSeeds(String(values.seeds));
  return () => composedSet(preset, seeds, { model, bars });
}

/** A path a set is read from, refused at once when it is not there (before either set is read). */
function requirePath(flag: string, path: string): string {
  try {
    collectFiles([path]);
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^cannot import [^:]*: /, '') : String(e);
    throw new UsageError(`--${flag} ${path}: ${reason}`);
  }
  return path;
}

/** How to make the reference set: files, a built-in corpus, or by default the corpus of the preset composed with. */
function referenceSet(values: Values, io: Io): () => MeasuredSet {
  if (values.reference !== undefined && values.corpus !== undefined)
    throw new UsageError('--reference and --corpus: give one reference set');
  if (values.reference !== undefined) {
    const path = requirePath('reference', String(values.reference));
    return () => fileSet(path, io);
  }
  const name =
    values.corpus ?? (values.preset && !values.model ? findPreset(String(values.preset))?.corpus : undefined);
  if (name === undefined) throw new UsageError('stats needs --reference PATH or --corpus NAME');
  if (!builtinCorpusNames().includes(String(name)))
    throw new UsageError(
      `--corpus: there is no built-in corpus "${name}" (one of: ${builtinCorpusNames().join(', ')})`,
    );
  return () => corpusSet(String(name));
}

/**
 * `muse stats`: a generated set of pieces against a reference set — the MGEval features with their
 * intra- and inter-set distances and overlapped areas (the reference split in two halves gives the
 * figures of real music against real music, as the baseline), and the craft measures of issue #14
 * for both sets. Generated: `--generated PATH` (files, folders) or `--preset P --seeds 1-20`
 * (`--model M.json`, `--bars N`); reference: `--reference PATH`, `--corpus NAME`, or the preset's
 * own corpus.
 */
export function statsCommand(args: string[], io: Io): number {
  const { values } = parseOptions(args, statsSpec);
  const makeGenerated = generatedSet(values, io);
  const makeReference = referenceSet(values, io);
  const generated = makeGenerated();
  const reference = makeReference();
  for (const [set, flag] of [
    [reference, 'reference'],
    [generated, 'generated'],
  ] as const)
    if (set.features.length < 2)
      throw new UsageError(
        `the ${flag} set (${set.source}) has ${set.features.length === 1 ? 'only 1 piece' : 'no piece'} that imports: fewer than two, the least a comparison needs`,
      );
  const features = compareSets(reference.features, generated.features);
  const baseline = compareSets(
    reference.features.filter((_, i) => i % 2 === 0),
    reference.features.filter((_, i) => i % 2 === 1),
  );
  const craft = { generated: summarizeCraft(generated.craft), reference: summarizeCraft(reference.craft) };
  if (values.json) {
    io.out(
      `${JSON.stringify({
        reference: { pieces: reference.features.length, source: reference.source },
        generated: { pieces: generated.features.length, source: generated.source },
        features,
        baseline,
        craft,
      })}\n`,
    );
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  const ms = (s: FeatureComparison['inter']) => `${f(s.mean)} ± ${f(s.std)}`;
  io.out(
    `reference: ${reference.features.length} pieces (${reference.source}), generated: ${generated.features.length} pieces (${generated.source})\n\n`,
  );
  table(io, [
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
  ]);
  io.out('\ncraft (shares pooled over the set, lowest–highest piece in brackets)\n');
  table(io, [
    ['measure', 'generated', 'reference'],
    ...CRAFT_ROWS.map(([label, cell]) => [label, cell(craft.generated), cell(craft.reference)]),
  ]);
  return 0;
}

function table(io: Io, rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    io.out(
      `${r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    );
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const num = (x: number | null, digits = 1) => (x === null ? '–' : x.toFixed(digits));

function share(s: ShareSummary): string {
  if (s.share === null) return '–';
  return `${pct(s.share)} (${(100 * (s.min ?? 0)).toFixed(0)}–${(100 * (s.max ?? 0)).toFixed(0)})`;
}

const value =
  (digits = 1) =>
  (v: ValueSummary): string =>
    v.mean === null ? '–' : `${num(v.mean, digits)} (${num(v.min, digits)}–${num(v.max, digits)})`;

function swing(c: CraftSummary): string {
  const straight = Object.entries(c.swing.straight).map(([id, n]) => `${id} ${n}`);
  return `${c.swing.swungPieces}/${c.pieces} swung${straight.length ? `; left straight: ${straight.join(', ')}` : ''}`;
}

/** The craft rows of the text report: a musician's name for each measure and how its cell reads. */
const CRAFT_ROWS: [string, (c: CraftSummary) => string][] = [
  ['parallel fifths (of chord changes)', (c) => share(c.parallelFifths)],
  ['parallel octaves/unisons (of chord changes)', (c) => share(c.parallelOctaves)],
  ['voices sounding on a beat', (c) => value(1)(c.voices)],
  ['beats with voices crossed', (c) => share(c.voiceCrossing)],
  ['beats with the soprano doubled in unison', (c) => share(c.sopranoUnison)],
  ['beats with a voice above the soprano', (c) => share(c.aboveSoprano)],
  ['chords in inversion', (c) => share(c.inversions)],
  ['strong-beat melody notes clashing (semitone/minor 9th)', (c) => share(c.clashes)],
  ['  … counting major sevenths too', (c) => share(c.clashesWithSevenths)],
  ['leaps of a fifth+ recovered by a step back', (c) => share(c.leapRecovery)],
  ['melodic moves wider than an octave', (c) => share(c.wideLeaps)],
  ['melodic range (semitones)', (c) => value(1)(c.range)],
  ['phrases starting within a sixth of the last', (c) => share(c.phraseContinuity)],
  ['melody notes against the chord’s version of their degree', (c) => share(c.crossRelations)],
  ['chord changes off the beat', (c) => share(c.offBeatChordChanges)],
  ['longest chord held (bars)', (c) => value(2)(c.longestChordBars)],
  ['chord length, 95th percentile (beats)', (c) => num(c.chordLengthP95Beats, 2)],
  ['melody notes per bar', (c) => value(2)(c.notesPerBar)],
  ['distinct inter-onset times per piece', (c) => value(1)(c.distinctIois)],
  ['swing', swing],
];
