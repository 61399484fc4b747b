/// <reference lib="webworker" />
// Runs in a Web Worker: trains a model off the main thread, so the page and its sound stay smooth;
// the page terminates this worker to cancel.
import './noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import { encodeModel } from '../model';
import { derivedBuffers, derivedTables } from '../model/modelBinary';
import { countPiece, createModelCounts, finishModel, type ModelCounts } from '../model/modelCounts';
import { checkedOptions, type ModelOptions, TRAIN_STEPS, type TrainProgress } from '../model/museModel';
import type { TrainReply, TrainRequest } from './trainClient';

const reply = (message: TrainReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/*
 * The pieces are counted as they arrive, batch by batch, while the page sends the next ones; the
 * model is finished when the page says all are sent. The same model as trainModel gives (it counts
 * the pieces in the same order and finishes the counts the same way: museModel.ts).
 */
let training: { counts: ModelCounts; options: ModelOptions } | undefined;
let failed = false;

const fail = (error: unknown) => {
  failed = true;
  reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
};

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  if (failed) return;
  const request = e.data;
  try {
    if (request.type === 'start') {
      const options = checkedOptions(request.options);
      training = { counts: createModelCounts(options.order, options.phraseBars), options };
    } else if (request.type === 'pieces') {
      if (!training) throw new Error('pieces before the training started');
      for (const piece of request.pieces) countPiece(training.counts, piece);
    } else {
      if (!training) throw new Error('no training was started');
      let done = 0;
      const step = (stage: TrainProgress['stage']) =>
        reply({ type: 'progress', progress: { done: ++done, total: TRAIN_STEPS, stage } });
      step('melody lines');
      const model = finishModel(training.counts, training.options, step);
      // The model in binary form (its finished tables, modelBinary.ts), transferred, not copied, with
      // the tables reading it would derive: the page only makes views of them on its main thread.
      const bytes = encodeModel(model).buffer as ArrayBuffer;
      const derived = derivedTables(model);
      reply({ type: 'done', bytes, derived }, [bytes, ...derivedBuffers(derived)]);
    }
  } catch (error) {
    fail(error);
  }
};
