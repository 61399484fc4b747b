/// <reference lib="webworker" />
// Runs in a Web Worker: trains a model off the main thread, so the page and its sound stay smooth;
// the page terminates this worker to cancel.
import './noEval'; // first: before any zod schema is defined (strict CSP, no eval)
import type { CorpusPiece } from '../corpus/types';
import { encodeModel, trainModel } from '../model';
import { derivedBuffers, derivedTables } from '../model/modelBinary';
import type { TrainReply, TrainRequest } from './trainClient';

const reply = (message: TrainReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);

const pieces: CorpusPiece[] = [];

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  const request = e.data;
  if (request.type === 'pieces') {
    pieces.push(...request.pieces);
    return;
  }
  try {
    const model = trainModel(pieces, request.options, (progress) => reply({ type: 'progress', progress }));
    // The model in binary form (its finished tables, modelBinary.ts): transferred, not copied, so
    // that the page only makes views of it rather than rebuilding the model on its main thread.
    // The tables reading it would derive go with it, so the page's main thread has no pass to make.
    const bytes = encodeModel(model).buffer as ArrayBuffer;
    const derived = derivedTables(model);
    reply({ type: 'done', bytes, derived }, [bytes, ...derivedBuffers(derived)]);
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
