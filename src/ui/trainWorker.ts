/// <reference lib="webworker" />
// Runs in a Web Worker: trains a model off the main thread, so the page and its sound stay smooth;
// the page terminates this worker to cancel.
import './noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import { serializeModel, trainModel } from '../model';
import type { TrainReply, TrainRequest } from './trainClient';

const reply = (message: TrainReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  try {
    const model = trainModel(e.data.pieces, e.data.options, (progress) => reply({ type: 'progress', progress }));
    // The model file's text as bytes: transferred, not copied, back to the page.
    const bytes = new TextEncoder().encode(JSON.stringify(serializeModel(model))).buffer;
    reply({ type: 'done', bytes }, [bytes]);
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
