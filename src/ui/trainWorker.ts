/// <reference lib="webworker" />
// Runs in a Web Worker: trains a model off the main thread, so the page and its sound stay smooth;
// the page terminates this worker to cancel.
import './noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import { encodeModel, trainModel } from '../model';
import type { TrainReply, TrainRequest } from './trainClient';

const reply = (message: TrainReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  try {
    const model = trainModel(e.data.pieces, e.data.options, (progress) => reply({ type: 'progress', progress }));
    // The model in binary form (its finished tables, modelBinary.ts): transferred, not copied, so
    // that the page only makes views of it rather than rebuilding the model on its main thread.
    const bytes = encodeModel(model).buffer as ArrayBuffer;
    reply({ type: 'done', bytes }, [bytes]);
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
