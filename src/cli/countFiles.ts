import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  countPiece,
  createModelCounts,
  type ExpertResult,
  type ExpertTask,
  type ModelCounts,
  mergeModelCounts,
} from '../model/modelCounts';
import { bundledEntry, THREAD_LIMITS } from './bundle.mjs';
import type { WorkerReply, WorkerRequest } from './countWorker';
import type { Io } from './io';
import { importForTraining } from './trainingImport';

/** Options of {@link countFiles}. */
export interface CountOptions {
  order: number;
  phraseBars: number;
  /** Threads that import and count: this one and `workers − 1` worker threads. */
  workers: number;
  /** The files' sizes ({@link sizesOf}), when known. */
  sizes?: readonly number[];
}

/** What {@link countFiles} gives: the counts, and a worker thread to help finish them (close it after). */
export interface Counted {
  counts: ModelCounts;
  /** Finishes an {@link ExpertTask} in a worker thread (finishModelHelped); absent with one thread. */
  helper?: (task: ExpertTask) => Promise<ExpertResult>;
  close(): void;
}

/**
 * Imports and counts the pieces of `files` in order (refused files are reported and skipped) —
 * piece by piece, so the pieces themselves are never all in memory. With more than one thread the
 * files are cut into as many runs of about equal bytes: this thread counts the first while worker
 * threads count the others, and their counts are added here in file order — the same counts, hence
 * the same model, for any number of threads.
 */
export async function countFiles(files: readonly string[], o: CountOptions, io: Io): Promise<Counted> {
  const counts = createModelCounts(o.order, o.phraseBars);
  const none = { counts, close: () => {} };
  if (o.workers <= 1 || files.length <= 1) {
    await countHere(files, counts, io);
    return none;
  }
  let entry: string | undefined;
  try {
    entry = await bundledEntry('src/cli/countWorker.ts');
  } catch (e) {
    io.err(`muse: warning: counting in one thread: no worker threads (${e instanceof Error ? e.message : e})\n`);
  }
  if (!entry) {
    await countHere(files, counts, io);
    return none;
  }
  // This thread's run a quarter larger: a worker thread takes about 0.15 s to load its code first.
  const runs = runsOf(files, o.workers, 1.25, o.sizes);
  const workers = runs
    .slice(1)
    .map(
      () =>
        new Worker(entry, { workerData: { order: o.order, phraseBars: o.phraseBars }, resourceLimits: THREAD_LIMITS }),
    );
  const close = () => {
    for (const w of workers) void w.terminate();
  };
  try {
    const parts = workers.map((worker, i) => ask(worker, { type: 'count', files: runs[i + 1] }));
    for (const p of parts) p.catch(() => {}); // awaited in order below
    await countHere(runs[0], counts, io);
    for (const part of parts) {
      const reply = await part;
      if (reply.type !== 'counted') throw new Error('a counting thread answered out of turn');
      for (const message of reply.refused) io.err(`muse: skipped ${message}\n`);
      mergeModelCounts(counts, reply.data);
    }
  } catch (e) {
    close();
    throw e;
  }
  for (const w of workers.slice(1)) void w.terminate();
  const helper = async (task: ExpertTask) => {
    const reply = await ask(workers[0], { type: 'experts', task });
    if (reply.type !== 'experts') throw new Error('a finishing thread answered out of turn');
    return reply.result;
  };
  return { counts, helper, close };
}

async function countHere(files: readonly string[], counts: ModelCounts, io: Io): Promise<void> {
  for (const file of files) {
    const result = await importForTraining(file);
    for (const line of result.lines) if (!line.ok) io.err(`muse: skipped ${line.error?.message}\n`);
    for (const piece of result.pieces) countPiece(counts, piece);
  }
}

/**
 * `files` cut into at most `threads` consecutive non-empty runs of about equal size in bytes, the
 * first `firstWeight` times the others' (this thread's run: it starts at once, while a worker thread
 * first loads its code).
 */
export function runsOf(
  files: readonly string[],
  threads: number,
  firstWeight = 1,
  sizes: readonly number[] = sizesOf(files),
): string[][] {
  const n = Math.min(threads, files.length);
  const share = (k: number) => (firstWeight + k) / (firstWeight + n - 1);
  const total = sizes.reduce((a, b) => a + b, 0);
  const runs: string[][] = [];
  let run: string[] = [];
  let done = 0;
  files.forEach((file, i) => {
    run.push(file);
    done += sizes[i];
    const left = files.length - i - 1;
    const runsLeft = n - runs.length - 1;
    if (runsLeft > 0 && left >= runsLeft && (done >= total * share(runs.length) || left === runsLeft)) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Each file's size in bytes (1 at least, and for a file that cannot be read: it is refused when read). */
export function sizesOf(files: readonly string[]): number[] {
  return files.map((f) => {
    try {
      return Math.max(1, statSync(f).size);
    } catch {
      return 1;
    }
  });
}

/**
 * Bytes of files each thread needs before another thread gains time: a worker thread first loads
 * its code and warms up (0.3–0.4 s on the 2-core machine of BENCHMARKS.md), and two threads
 * counting at once each run slower (they share the cores with the collector's and the compiler's
 * threads), and each thread holds counts of its own. On the 856 Nottingham tunes (2.7 MB) two
 * threads took 0.89–1.21× the time of one in four bench runs (BENCHMARKS.md), for 1.4–1.6×
 * the peak memory: one thread is the default there; on those and the POP909 songs (27 MB),
 * two took 0.6–0.78× the time.
 */
export const BYTES_PER_THREAD = 4 * 2 ** 20;

/**
 * `muse train`'s threads when `--workers` is not given: the machine's cores, but no more than one
 * per {@link BYTES_PER_THREAD} of files (one for a smaller corpus).
 */
export function defaultThreads(sizes: readonly number[], cores: number): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  return Math.max(1, Math.min(cores, Math.floor(total / BYTES_PER_THREAD)));
}

/** Sends a request to a worker; resolves to its next answer, or rejects when it fails or stops. */
function ask(worker: Worker, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      resolve(reply);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new Error(`a counting thread failed: ${e.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`a counting thread stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}
