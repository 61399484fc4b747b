// `muse train` in a worker thread (bin.mjs starts it): the same command as trainMain.ts, run where
// the young generation of the collector can be kept small (bundle.mjs, THREAD_LIMITS) — a process's
// own main thread cannot be given that limit without command-line flags. Its output goes through
// the process's stdout and stderr; its exit status is posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { run } from './trainMain';

const status = await run((workerData as { argv: string[] }).argv, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
parentPort?.postMessage({ status });
