// A worker thread of `muse train --workers N`: counts the runs of files it takes (sharedRuns.ts) and
// sends each run's counts back as arrays (transferred, not copied); the main thread adds them up in
// file order. One of these threads then finishes half of the pitch experts while the main thread
// finishes the rest (finishModelHelped).
import { parentPort, workerData } from 'node:worker_threads';
import {
  type CountsData,
  countsData,
  createModelCounts,
  type ExpertResult,
  type ExpertTask,
  runSentExpertTask,
} from '../model/modelCounts';
import { SharedRuns } from './sharedRuns';
import { countFileInto } from './trainingImport';

/**
 * What the main thread asks: to count runs of `files` (thread `index` of the state `shared`,
 * SharedRuns) until none is left, or to finish experts.
 */
export type WorkerRequest =
  | { type: 'count'; files: readonly string[]; sizes: readonly number[]; shared: SharedArrayBuffer; index: number }
  | { type: 'experts'; task: ExpertTask };

/** The counts of a run of files from `start` on, and the messages of the files refused. */
export interface CountedPart {
  readonly start: number;
  readonly data: CountsData;
  readonly refused: readonly string[];
}

/** What the worker answers: each run's counts, then that it is done; or finished experts. */
export type WorkerReply =
  | ({ type: 'part' } & CountedPart)
  | { type: 'counted' }
  | { type: 'experts'; result: ExpertResult };

const { order, phraseBars } = workerData as { order: number; phraseBars: number };

parentPort?.on('message', async (request: WorkerRequest) => {
  if (request.type === 'experts') {
    const result = runSentExpertTask(request.task);
    const reply: WorkerReply = { type: 'experts', result };
    parentPort?.postMessage(reply, result.logits ? [result.logits.buffer as ArrayBuffer] : []);
    return;
  }
  const { files, index } = request;
  const runs = new SharedRuns(request.shared, request.sizes);
  for (let run = runs.steal(index); run; run = runs.steal(index)) {
    const counts = createModelCounts(order, phraseBars, true);
    const refused: string[] = [];
    for (let i = runs.take(index); i >= 0; i = runs.take(index))
      await countFileInto(files[i], counts, (message) => refused.push(message));
    const { data, transfer } = countsData(counts);
    const reply: WorkerReply = { type: 'part', start: run.start, data, refused };
    parentPort?.postMessage(reply, transfer);
  }
  parentPort?.postMessage({ type: 'counted' } satisfies WorkerReply);
});
