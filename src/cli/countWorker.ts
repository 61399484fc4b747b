// A worker thread of `muse train --workers N`: counts the pieces of the files it is given
// (modelCounts.ts) and sends the counts back as arrays (transferred, not copied); the main thread
// adds them up in file order. One of these threads then finishes half of the pitch experts while
// the main thread finishes the rest (finishModelHelped).
import { parentPort, workerData } from 'node:worker_threads';
import {
  countPiece,
  countsData,
  createModelCounts,
  type ExpertResult,
  type ExpertTask,
  runSentExpertTask,
} from '../model/modelCounts';
import { importForTraining } from './trainingImport';

/** What the main thread asks: to count files, or to finish experts. */
export type WorkerRequest = { type: 'count'; files: string[] } | { type: 'experts'; task: ExpertTask };

/** What the worker answers: a part's counts and the messages of the files refused, or finished experts. */
export type WorkerReply =
  | { type: 'counted'; data: ReturnType<typeof countsData>['data']; refused: string[] }
  | { type: 'experts'; result: ExpertResult };

const { order, phraseBars } = workerData as { order: number; phraseBars: number };

parentPort?.on('message', async (request: WorkerRequest) => {
  if (request.type === 'experts') {
    const result = runSentExpertTask(request.task);
    const reply: WorkerReply = { type: 'experts', result };
    parentPort?.postMessage(reply, result.logits ? [result.logits.buffer as ArrayBuffer] : []);
    return;
  }
  const counts = createModelCounts(order, phraseBars, true);
  const refused: string[] = [];
  for (const file of request.files) {
    const result = await importForTraining(file);
    for (const line of result.lines) if (!line.ok) refused.push(line.error?.message ?? file);
    for (const piece of result.pieces) countPiece(counts, piece);
  }
  const { data, transfer } = countsData(counts);
  const reply: WorkerReply = { type: 'counted', data, refused };
  parentPort?.postMessage(reply, transfer);
});
