/**
 * MIDI import benchmark: the whole Nottingham set through `importMidi`, next to the bare
 * @tonejs/midi parse of the same files in the same run, and a generated 100,000-note file.
 * Run alone with `npx tsx tests/bench/import.bench.ts`. A benchmark, not a test: nothing fails on speed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pkg from '@tonejs/midi';
import { importMidi } from '../../src/corpus/midi';
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
    ].join('\n'),
  );
}
