import { Worker } from 'node:worker_threads';
import { countPiece, createModelCounts, type ModelCounts, mergeModelCounts } from '../model/modelCounts';
import { bundledEntry } from './bundle.mjs';
import type { CountReply, CountRequest } from './countWorker';
import { importEntry } from './import';
import type { Io } from './io';

/** Options of {@link countFiles}. */
export interface CountOptions {
  order: number;
  phraseBars: number;
  /** Threads that import and count (1: this one). */
  workers: number;
}

/**
 * Imports and counts the pieces of `files` in order (refused files are reported and skipped) —
 * piece by piece, so the pieces themselves are never all in memory. With more than one worker,
 * batches of files are counted in worker threads and their counts added up here in file order:
 * the same counts, hence the same model, for any number of workers.
 */
export async function countFiles(files: readonly string[], o: CountOptions, io: Io): Promise<ModelCounts> {
  const counts = createModelCounts(o.order, o.phraseBars);
  if (o.workers > 1 && files.length > 1) {
    let entry: string | undefined;
    try {
      entry = await bundledEntry('src/cli/countWorker.ts');
    } catch (e) {
      io.err(`muse: warning: counting in one thread: no worker threads (${e instanceof Error ? e.message : e})\n`);
    }
    if (entry) {
      await countInWorkers(entry, files, counts, o, io);
      return counts;
    }
  }
  for (const file of files) {
    const result = importEntry({ path: file }, { lines: false });
    for (const line of result.lines) if (!line.ok) io.err(`muse: skipped ${line.error?.message}\n`);
    for (const piece of result.pieces) countPiece(counts, piece);
  }
  return counts;
}

/** Batches of files, a few per worker (so a slow batch does not hold the others up), 1–64 files each. */
function batchesOf(files: readonly string[], workers: number): string[][] {
  const size = Math.min(64, Math.max(1, Math.ceil(files.length / (workers * 4))));
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
  return batches;
}

function countInWorkers(
  entry: string,
  files: readonly string[],
  counts: ModelCounts,
  o: CountOptions,
  io: Io,
): Promise<void> {
  const batches = batchesOf(files, o.workers);
  const threads = Math.min(o.workers, batches.length);
  // Counts that arrived before the batches ahead of them wait here; a worker gets no batch more
  // than `ahead` past the next one to merge, so what waits stays bounded.
  const ahead = 2 * threads;
  const waiting = new Map<number, CountReply>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  let sent = 0;
  let merged = 0;
  return new Promise<void>((resolve, reject) => {
    const stop = (error?: unknown) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const dispatch = () => {
      while (idle.length > 0 && sent < batches.length && sent < merged + ahead) {
        const request: CountRequest = { index: sent, files: batches[sent] };
        idle.pop()?.postMessage(request);
        sent++;
      }
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(entry, { workerData: { order: o.order, phraseBars: o.phraseBars } });
      workers.push(worker);
      worker.on('message', (reply: CountReply) => {
        waiting.set(reply.index, reply);
        idle.push(worker);
        try {
          for (let next = waiting.get(merged); next; next = waiting.get(merged)) {
            waiting.delete(merged);
            for (const message of next.refused) io.err(`muse: skipped ${message}\n`);
            mergeModelCounts(counts, next.data);
            merged++;
          }
        } catch (e) {
          stop(e);
          return;
        }
        if (merged === batches.length) stop();
        else dispatch();
      });
      worker.on('error', (e) => stop(new Error(`a counting thread failed: ${e.message}`)));
      worker.on('exit', (code) => {
        if (merged < batches.length && code !== 0) stop(new Error(`a counting thread stopped (exit code ${code})`));
      });
      idle.push(worker);
    }
    dispatch();
  });
}
