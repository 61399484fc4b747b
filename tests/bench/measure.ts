import { performance } from 'node:perf_hooks';

/** One benchmark figure: the median of several runs, and its ratio to a baseline from the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; ratio: number };
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

/** Prints figures as a table, or as one JSON object with --json. */
export function printFigures(figures: Figure[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, figures }));
    return;
  }
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toPrecision(4)} ${f.unit}`,
    f.baseline
      ? `${f.baseline.ratio.toFixed(2)}× ${f.baseline.name} (${f.baseline.value.toPrecision(4)} ${f.unit})`
      : '',
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
}
