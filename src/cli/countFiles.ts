import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  countsData,
  createModelCounts,
  type ExpertResult,
  type ExpertTask,
  type ModelCounts,
  mergeModelCounts,
} from '../model/modelCounts';
import { bundledEntry, THREAD_LIMITS } from './bundle.mjs';
import type { CountedPart, WorkerReply, WorkerRequest } from './countWorker';
import type { Io } from './io';
import { SharedRuns } from './sharedRuns';
import { countFileInto } from './trainingImport';

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
 * piece by piece, so the pieces themselves are never all in memory. With more than one thread, the
 * files are shared as runs (sharedRuns.ts): this thread starts counting at once, each worker takes
 * half of what is left once its code is loaded, and any thread that runs out takes half of the
 * largest run left. The parts (runs of consecutive files) are added up here in file order — the
 * same counts, hence the same model, for any number of threads and however the files were shared.
 */
export async function countFiles(files: readonly string[], o: CountOptions, io: Io): Promise<Counted> {
  const counts = createModelCounts(o.order, o.phraseBars);
  const none = { counts, close: () => {} };
  if (o.workers <= 1 || files.length <= 1) {
    for (const file of files) await countFile(file, counts, io);
    return none;
  }
  let entry: string | undefined;
  try {
    entry = await bundledEntry('src/cli/countWorker.ts');
  } catch (e) {
    io.err(`muse: warning: counting in one thread: no worker threads (${e instanceof Error ? e.message : e})\n`);
  }
  if (!entry) {
    for (const file of files) await countFile(file, counts, io);
    return none;
  }
  const threads = Math.min(o.workers, files.length);
  const sizes = o.sizes ?? sizesOf(files);
  const shared = SharedRuns.create(threads, files.length);
  const runs = new SharedRuns(shared, sizes);
  const workers = Array.from(
    { length: threads - 1 },
    () =>
      new Worker(entry, { workerData: { order: o.order, phraseBars: o.phraseBars }, resourceLimits: THREAD_LIMITS }),
  );
  const close = () => {
    for (const w of workers) void w.terminate();
  };
  try {
    const theirs = workers.map((worker, k) => countIn(worker, { type: 'count', files, sizes, shared, index: k + 1 }));
    for (const p of theirs) p.catch(() => {}); // awaited below
    // This thread's run (every file at first, less what the workers take), then any it takes after.
    for (let i = runs.take(0); i >= 0; i = runs.take(0)) await countFile(files[i], counts, io);
    const parts: CountedPart[] = [];
    for (let run = runs.steal(0); run; run = runs.steal(0)) {
      const part = createModelCounts(o.order, o.phraseBars, true);
      for (let i = runs.take(0); i >= 0; i = runs.take(0)) await countFile(files[i], part, io);
      parts.push({ start: run.start, data: countsData(part).data, refused: [] });
    }
    for (const part of theirs) for (const p of await part) parts.push(p);
    for (const part of parts.sort((a, b) => a.start - b.start)) {
      for (const message of part.refused) io.err(`muse: skipped ${message}\n`);
      mergeModelCounts(counts, part.data);
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

/** Imports and counts one file into `counts`, saying on stderr what it refused. */
function countFile(file: string, counts: ModelCounts, io: Io): Promise<void> {
  return countFileInto(file, counts, (message) => io.err(`muse: skipped ${message}\n`));
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
 * threads took 0.89–1.37× the time of one in five bench runs (BENCHMARKS.md), for 1.4–1.6×
 * the peak memory: one thread is the default there; on those and the POP909 songs (27 MB),
 * two took 0.6–0.81× the time.
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

/** Asks a worker to count: resolves to the parts it counted once it says it is done. */
function countIn(worker: Worker, request: WorkerRequest): Promise<CountedPart[]> {
  const parts: CountedPart[] = [];
  return converse(worker, request, (reply) => {
    if (reply.type === 'counted') return parts;
    if (reply.type !== 'part') throw new Error('a counting thread answered out of turn');
    parts.push(reply);
    return undefined;
  });
}

/** Sends a request to a worker; resolves to its next answer, or rejects when it fails or stops. */
function ask(worker: Worker, request: WorkerRequest): Promise<WorkerReply> {
  return converse(worker, request, (reply) => reply);
}

/**
 * Sends a request to a worker and passes each answer to `take` until it gives a result (not
 * undefined); rejects when `take` throws or the worker fails or stops.
 */
function converse<T>(worker: Worker, request: WorkerRequest, take: (reply: WorkerReply) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply) => {
      let result: T | undefined;
      try {
        result = take(reply);
      } catch (e) {
        cleanup();
        reject(e);
        return;
      }
      if (result === undefined) return;
      cleanup();
      resolve(result);
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
