/**
 * Training at scale (issue 17), as a user runs it: `muse train` in a process of its own (the
 * cached CLI bundle, as `npx muse train` runs it), wall clock from spawn to exit and the process's
 * peak resident memory (worker threads included).
 * - The 856 Nottingham tunes as a user runs it (no --workers: the default threads), against 2
 *   threads; with 2 worker threads, against 1 (the same run); and with 1, against
 *   `muse import` of the same files (the floor: reading and labelling them).
 * - The large corpus (1×) with 2 worker threads against 1: the gain of the threads on a corpus
 *   large enough to share.
 * - The curve: 1×, 2×, 4× and 8× the large corpus (the Nottingham tunes and the 848 POP909 songs,
 *   copied k times into a temporary folder so that no file is read twice as the same path), each
 *   against 1×: time and memory should grow at most 1.1× the corpus ratio.
 * Runs: MUSE_BENCH_TRAIN_RUNS (default 3) for the Nottingham figures, MUSE_BENCH_CURVE_RUNS
 * (default 1: 8× takes minutes) for the curve. Run alone with `npx tsx tests/bench/train.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Figure, printFigures } from './measure';

const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
const CHILD = fileURLToPath(new URL('./trainChild.mjs', import.meta.url));
const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));
/** The node options of bin.mjs's first line (`#!/usr/bin/env -S node ...`), which `npx muse` runs with. */
const NODE_FLAGS = (
  readFileSync(BIN, 'utf8')
    .split('\n')[0]
    .match(/\bnode\b(.*)$/)?.[1] ?? ''
)
  .trim()
  .split(/\s+/)
  .filter(Boolean);
const RUNS = Number(process.env.MUSE_BENCH_TRAIN_RUNS ?? 3);
const CURVE_RUNS = Number(process.env.MUSE_BENCH_CURVE_RUNS ?? 1);
const SCALES = [1, 2, 4, 8];

interface Run {
  ms: number;
  peakMiB: number;
}

/** One `muse train` in a process of its own. */
function train(paths: string[], workers: number | undefined, out: string): Run {
  const t0 = performance.now();
  const threads = workers === undefined ? [] : ['--workers', String(workers)];
  const r = spawnSync(process.execPath, [...NODE_FLAGS, CHILD, ...paths, '--out', out, ...threads, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`muse train failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const last = r.stderr.trim().split('\n').pop() ?? '{}';
  return { ms, peakMiB: (JSON.parse(last) as { maxRssKiB: number }).maxRssKiB / 1024 };
}

/** `muse import` of the same files, the same way (stdout discarded). */
function importOnly(paths: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...NODE_FLAGS, BIN, 'import', ...paths], {
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`muse import failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { ms, peakMiB: Number.NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Medians of `runs` runs of `fn` after one warm-up (which also makes the CLI bundle). */
function medians(fn: () => Run, runs: number, warm = true): Run {
  if (warm) fn();
  const all = Array.from({ length: runs }, fn);
  return { ms: median(all.map((r) => r.ms)), peakMiB: median(all.map((r) => r.peakMiB)) };
}

/** A baseline in the figure's unit: `scale` divides the raw measures (1000 for ms → s). */
const ratio = (name: string, value: number, base: number, scale = 1) => ({
  name,
  value: base / scale,
  ratio: value / base,
});

export function benchTrain(): Figure[] {
  const nottingham = join(CORPORA, 'nottingham');
  const pop909 = join(CORPORA, 'pop909');
  if (!existsSync(nottingham)) throw new Error(`the Nottingham corpus is missing: ${nottingham}`);
  const dir = mkdtempSync(join(tmpdir(), 'muse-train-bench-'));
  const out = join(dir, 'model.json');
  const figures: Figure[] = [];
  try {
    const auto = medians(() => train([nottingham], undefined, out), RUNS);
    const two = medians(() => train([nottingham], 2, out), RUNS);
    const one = medians(() => train([nottingham], 1, out), RUNS);
    const floor = medians(() => importOnly([nottingham]), RUNS);
    // The model file those runs wrote (the same bytes for any number of threads), gzipped as a
    // web server or an archive would (zlib's default level).
    const file = readFileSync(out);
    const gzipped = gzipSync(file).length;
    const runs = `median of ${RUNS}`;
    figures.push(
      {
        name: 'muse train, 856 Nottingham tunes, as a user runs it (no --workers): wall clock',
        value: auto.ms / 1000,
        unit: 's',
        baseline: ratio('--workers 2', auto.ms, two.ms, 1000),
        note: `${runs}; one thread for 2.7 MB of files (defaultThreads); goal ≤ 2 s`,
      },
      {
        name: 'muse train, 856 Nottingham tunes, as a user runs it (no --workers): peak resident memory',
        value: auto.peakMiB,
        unit: 'MiB',
        baseline: ratio('--workers 2', auto.peakMiB, two.peakMiB),
        note: `${runs}; goal ≤ 150 MB (143 MiB)`,
      },
      {
        name: 'muse train, 856 Nottingham tunes, --workers 2: wall clock',
        value: two.ms / 1000,
        unit: 's',
        baseline: ratio('--workers 1', two.ms, one.ms, 1000),
        note: `${runs}; goal ≤ 0.6× of 1 worker`,
      },
      {
        name: 'muse train, 856 Nottingham tunes, --workers 2: peak resident memory',
        value: two.peakMiB,
        unit: 'MiB',
        baseline: ratio('--workers 1', two.peakMiB, one.peakMiB),
        note: runs,
      },
      {
        name: 'muse train, 856 Nottingham tunes, --workers 1: wall clock',
        value: one.ms / 1000,
        unit: 's',
        baseline: ratio('muse import of the same files', one.ms, floor.ms, 1000),
        note: runs,
      },
      {
        name: 'the Nottingham model file muse train wrote, gzipped',
        value: gzipped / 1e6,
        unit: 'MB',
        baseline: ratio('the file as written', gzipped, file.length, 1e6),
        note: 'zlib, default level; goal ≤ 1 MB',
      },
    );
    if (!existsSync(pop909)) return figures;
    // The curve: k copies of both corpora, each in a folder of its own.
    const curve: Run[] = [];
    for (const k of SCALES) {
      for (let c = curve.length === 0 ? 0 : SCALES[SCALES.indexOf(k) - 1]; c < k; c++) {
        const copy = join(dir, `copy-${c}`);
        mkdirSync(copy);
        cpSync(nottingham, join(copy, 'nottingham'), { recursive: true });
        cpSync(pop909, join(copy, 'pop909'), { recursive: true });
      }
      const paths = Array.from({ length: k }, (_, c) => join(dir, `copy-${c}`));
      curve.push(medians(() => train(paths, 2, out), CURVE_RUNS, k === 1));
    }
    // The large corpus (1×) with two threads against one, measured alike (a warm-up, then RUNS
    // runs each): what the worker threads gain when there is enough to count.
    const large = [join(dir, 'copy-0')];
    const largeTwo = medians(() => train(large, 2, out), RUNS);
    const largeOne = medians(() => train(large, 1, out), RUNS);
    figures.push({
      name: 'muse train, the large corpus (1×), --workers 2: wall clock',
      value: largeTwo.ms / 1000,
      unit: 's',
      baseline: ratio('--workers 1', largeTwo.ms, largeOne.ms, 1000),
      note: `Nottingham + POP909 (1,704 pieces), median of ${RUNS}; goal ≤ 0.6× of 1 worker`,
    });
    const base = curve[0];
    for (const [i, k] of SCALES.entries()) {
      const note = `${k}× corpus (Nottingham + POP909 = 1,704 pieces per copy), --workers 2, median of ${CURVE_RUNS}; goal ≤ ${(1.1 * k).toFixed(1)}× of 1×`;
      figures.push(
        {
          name: `train time, ${k}× the large corpus`,
          value: curve[i].ms / 1000,
          unit: 's',
          baseline: ratio('1×', curve[i].ms, base.ms, 1000),
          note,
          ...(k === SCALES.at(-1) ? { curve: SCALES.map((x, j) => ({ x, y: curve[j].ms / 1000 })) } : {}),
        },
        {
          name: `train peak memory, ${k}× the large corpus`,
          value: curve[i].peakMiB,
          unit: 'MiB',
          baseline: ratio('1×', curve[i].peakMiB, base.peakMiB),
          note,
          ...(k === SCALES.at(-1) ? { curve: SCALES.map((x, j) => ({ x, y: curve[j].peakMiB })) } : {}),
        },
      );
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  printFigures(benchTrain(), process.argv.includes('--json'));
