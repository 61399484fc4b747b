/**
 * MIDI import benchmark: the whole Nottingham set through `importMidi`, next to the bare
 * @tonejs/midi parse of the same files in the same run, and a generated 100,000-note file; then
 * the import as `muse train` does it (each file read, imported, its chords labelled) of Nottingham
 * and of POP909, in wall-clock and CPU time, next to reading and importing them without labels.
 * Run alone with `npx tsx tests/bench/import.bench.ts`. A benchmark, not a test: nothing fails on speed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pkg from '@tonejs/midi';
import { importEntry } from '../../src/cli/import';
import { importMidi } from '../../src/corpus/midi';
import { corpusFiles } from '../helpers/importDigest';
import { manyNotesFile } from '../helpers/smfWriter';
import { type Figure, medianMs } from './measure';

const { Midi } = pkg;
const NOTTINGHAM = fileURLToPath(new URL('../../../shared/corpora/nottingham', import.meta.url));

/** What {@link benchImport} measures. */
export interface ImportBench {
  files: number;
  notes: number;
  filesPerSecond: number;
  notesPerSecond: number;
  bareTonejsFilesPerSecond: number;
  /** Median of several imports of a generated 100,000-note file, after a first (cold) one. */
  hundredThousandNotesMs: number;
  /** The first import of that file in this process. */
  hundredThousandNotesFirstMs: number;
  /** Whole-corpus imports as `muse train` does them (see {@link benchCorpusImport}). */
  corpora: CorpusImportBench[];
}

/** One corpus imported as `muse train` imports it, and its baseline, in milliseconds (medians). */
export interface CorpusImportBench {
  corpus: 'nottingham' | 'pop909';
  files: number;
  wallMs: number;
  cpuMs: number;
  /** Reading the same files and importing them without labelling chords (the labels' share shows). */
  unlabelledWallMs: number;
  unlabelledCpuMs: number;
}

/**
 * Imports every file of a shared corpus as `muse train` does (`importEntry`: read the file, import
 * the MIDI, quantize, label the chords; no lines), the median of `runs` after a warm-up, in wall
 * and CPU time; the baseline reads the same files and imports them with `importMidi` alone (no
 * chord labels). (@tonejs/midi's bare parse of POP909 took 10–80 s of CPU from run to run.)
 */
export function benchCorpusImport(corpus: 'nottingham' | 'pop909', runs: number): CorpusImportBench {
  const files = corpusFiles(corpus);
  if (files.length === 0) throw new Error(`the ${corpus} corpus is missing`);
  const importAll = () => {
    for (const path of files) if (importEntry({ path }, { lines: false }).pieces.length === 0) throw new Error(path);
  };
  const withoutLabels = () => {
    for (const path of files) if (!importMidi(readFileSync(path), path).ok) throw new Error(path);
  };
  const imported = wallAndCpuMs(importAll, runs);
  const unlabelled = wallAndCpuMs(withoutLabels, runs);
  return {
    corpus,
    files: files.length,
    wallMs: imported.wallMs,
    cpuMs: imported.cpuMs,
    unlabelledWallMs: unlabelled.wallMs,
    unlabelledCpuMs: unlabelled.cpuMs,
  };
}

/** Medians of the wall-clock and the CPU time of the same `runs` runs of `fn`, after one warm-up run. */
function wallAndCpuMs(fn: () => void, runs: number): { wallMs: number; cpuMs: number } {
  fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const used = process.cpuUsage(cpu);
    walls.push(performance.now() - started);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

export async function benchImport(): Promise<ImportBench> {
  if (!existsSync(NOTTINGHAM)) throw new Error(`the Nottingham corpus is missing: ${NOTTINGHAM}`);
  const files = readdirSync(NOTTINGHAM)
    .filter((f) => f.endsWith('.mid'))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(`${NOTTINGHAM}/${f}`)) }));
  let notes = 0;
  for (const { name, bytes } of files) {
    const r = importMidi(bytes, name);
    if (!r.ok) throw new Error(r.error.message);
    notes += r.value.tracks.reduce((sum, t) => sum + t.notes.length, 0);
  }
  const big = manyNotesFile(100_000);
  const first = performance.now();
  const bigResult = importMidi(big, 'hundred-thousand.mid');
  const hundredThousandNotesFirstMs = performance.now() - first;
  if (!bigResult.ok) throw new Error(bigResult.error.message);

  const importMs = medianMs(() => {
    for (const { name, bytes } of files) importMidi(bytes, name);
  }, 5);
  const tonejsMs = medianMs(() => {
    for (const { bytes } of files) new Midi(bytes);
  }, 5);
  const hundredThousandNotesMs = medianMs(() => importMidi(big, 'hundred-thousand.mid'), 5);
  return {
    files: files.length,
    notes,
    filesPerSecond: files.length / (importMs / 1000),
    notesPerSecond: notes / (importMs / 1000),
    bareTonejsFilesPerSecond: files.length / (tonejsMs / 1000),
    hundredThousandNotesMs,
    hundredThousandNotesFirstMs,
    // POP909 is optional, as in the training bench: without it, its figures are left out.
    corpora: [
      benchCorpusImport('nottingham', 7),
      ...(corpusFiles('pop909').length > 0 ? [benchCorpusImport('pop909', 3)] : []),
    ],
  };
}

/** The figures in the shape `tests/bench/run.ts` prints. */
export function importFigures(b: ImportBench): Figure[] {
  return [
    {
      name: `import Nottingham (${b.files} files)`,
      value: b.filesPerSecond,
      unit: 'files/s',
      baseline: {
        name: 'bare @tonejs/midi parse',
        value: b.bareTonejsFilesPerSecond,
        ratio: b.filesPerSecond / b.bareTonejsFilesPerSecond,
      },
    },
    { name: `import Nottingham (${b.notes} notes)`, value: b.notesPerSecond, unit: 'notes/s' },
    { name: 'import 100,000 notes (median)', value: b.hundredThousandNotesMs, unit: 'ms' },
    { name: 'import 100,000 notes (first)', value: b.hundredThousandNotesFirstMs, unit: 'ms' },
    ...b.corpora.flatMap((c) => {
      const title = `import ${c.corpus === 'pop909' ? 'POP909' : 'Nottingham'} as muse train does (${c.files} files, chords labelled)`;
      const bare = 'reading and importMidi, no chord labels';
      return [
        {
          name: title,
          value: c.wallMs,
          unit: 'ms',
          baseline: { name: bare, value: c.unlabelledWallMs, ratio: c.wallMs / c.unlabelledWallMs },
        },
        {
          name: `${title}, CPU time`,
          value: c.cpuMs,
          unit: 'ms',
          baseline: { name: `${bare}, CPU time`, value: c.unlabelledCpuMs, ratio: c.cpuMs / c.unlabelledCpuMs },
        },
      ];
    }),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const b = await benchImport();
  console.log(
    [
      `Nottingham: ${b.files} files, ${b.notes} notes`,
      `  importMidi:              ${b.filesPerSecond.toFixed(0)} files/s, ${b.notesPerSecond.toFixed(0)} notes/s`,
      `  bare @tonejs/midi parse: ${b.bareTonejsFilesPerSecond.toFixed(0)} files/s`,
      `100,000-note file: ${b.hundredThousandNotesMs.toFixed(0)} ms (median), first import ${b.hundredThousandNotesFirstMs.toFixed(0)} ms`,
      ...b.corpora.map(
        (c) =>
          `${c.corpus} as muse train imports it (${c.files} files): ${c.wallMs.toFixed(0)} ms wall, ${c.cpuMs.toFixed(0)} ms CPU; without chord labels ${c.unlabelledWallMs.toFixed(0)} ms wall, ${c.unlabelledCpuMs.toFixed(0)} ms CPU`,
      ),
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    ].join('\n'),
  );
}
