import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

/** One benchmark figure: the median of several runs, and its ratio to a baseline from the same run. */
export interface Figure {
  /** The group it is listed under in BENCHMARKS.md (set by `run.ts` for each benchmark). */
  section?: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; ratio: number };
  /** What a reader must know to read the figure (e.g. a render given up after its time limit). */
  note?: string;
  /**
   * A curve the figure ends (e.g. train time at 1×, 2×, 4×, 8× the corpus): x the multiple, y the
   * value in `unit`. BENCHMARKS.md lists it under the section's table.
   */
  curve?: { x: number; y: number }[];
}

/** Where and when the figures were measured: the machine, its load, the code. */
export interface BenchEnvironment {
  date: string;
  node: string;
  machine: { cpus: number; cpu: string; memoryGiB: number };
  /** 1-minute load average when the run started and when it ended (other work on the machine). */
  load: { start: number; end: number };
  /** The commit measured ("+ changes" when the work tree had uncommitted changes). */
  commit: string;
}

/** What `npm run bench -- --json` prints: one object. */
export interface BenchRun extends BenchEnvironment {
  figures: Figure[];
}

/** A clock: started, it returns the milliseconds elapsed since. */
type Clock = () => () => number;

const wallClock: Clock = () => {
  const t0 = performance.now();
  return () => performance.now() - t0;
};

/** This process's CPU time (user + system): steadier than the wall clock on a machine other work is loading. */
const cpuClock: Clock = () => {
  const t0 = process.cpuUsage();
  return () => {
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1000;
  };
};

/** Median of `runs` timings of `fn` by `clock`, in milliseconds, after one warm-up run. */
function medianBy(fn: () => void, runs: number, clock: Clock): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const elapsed = clock();
    fn();
    times.push(elapsed());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Median of `runs` timings of `fn` in milliseconds, after one warm-up run. */
export const medianMs = (fn: () => void, runs = 7): number => medianBy(fn, runs, wallClock);

/** Median of `runs` CPU times of `fn` in milliseconds (this process), after one warm-up run. */
export const medianCpuMs = (fn: () => void, runs = 7): number => medianBy(fn, runs, cpuClock);

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The machine and the code now; `startLoad` is the load average taken when the run began. */
export function benchEnvironment(startLoad: number): BenchEnvironment {
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  return {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) },
    load: { start: startLoad, end: loadavg()[0] },
    commit: dirty ? `${commit} + changes` : commit,
  };
}

/** Prints figures as a table, or as one JSON object ({@link BenchRun}) with --json. */
export function printFigures(figures: Figure[], json: boolean, startLoad = loadavg()[0]): void {
  if (json) {
    const run: BenchRun = { ...benchEnvironment(startLoad), figures };
    console.log(JSON.stringify(run));
    return;
  }
  const rows = figures.map((f) => [
    f.section ?? '',
    f.name,
    `${f.value.toPrecision(4)} ${f.unit}`,
    f.baseline
      ? `${f.baseline.ratio.toFixed(2)}× ${f.baseline.name} (${f.baseline.value.toPrecision(4)} ${f.unit})`
      : '',
    f.note ?? '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
}
