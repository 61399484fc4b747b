// A worker thread of `muse train --workers N`: imports the files of each batch it is given and
// counts their pieces (modelCounts.ts); the counts go back as arrays (transferred, not copied), and
// the main thread adds them up in file order.
import { parentPort, workerData } from 'node:worker_threads';
import { countPiece, countsData, createModelCounts } from '../model/modelCounts';
import { importEntry } from './import';

/** A batch to count: its place in the file order and its files. */
export interface CountRequest {
  index: number;
  files: string[];
}

/** What a batch gave: its counts and the messages of the files refused. */
export interface CountReply {
  index: number;
  data: ReturnType<typeof countsData>['data'];
  refused: string[];
}

const { order, phraseBars } = workerData as { order: number; phraseBars: number };

parentPort?.on('message', (request: CountRequest) => {
  const counts = createModelCounts(order, phraseBars, true);
  const refused: string[] = [];
  for (const file of request.files) {
    const result = importEntry({ path: file }, { lines: false });
    for (const line of result.lines) if (!line.ok) refused.push(line.error?.message ?? file);
    for (const piece of result.pieces) countPiece(counts, piece);
  }
  const { data, transfer } = countsData(counts);
  const reply: CountReply = { index: request.index, data, refused };
  parentPort?.postMessage(reply, transfer);
});
