import { err, ok, type Result } from '../core';
import type { CorpusPiece } from '../corpus/types';
import { decodeModel, type ModelOptions, type MuseModel, type TrainProgress } from '../model';
import type { DerivedTables } from '../model/modelBinary';
import { t } from './i18n';

/**
 * What the page sends the training worker: the options, the pieces in batches (each a short task
 * of the main thread: copying a thousand tunes at once blocked it for a quarter of a second; the
 * worker counts each batch as it comes), then the order to finish the model.
 */
export type TrainRequest =
  | { type: 'start'; options: Partial<ModelOptions> }
  | { type: 'pieces'; pieces: CorpusPiece[] }
  | { type: 'train' };

/**
 * How long one batch of pieces may take to send (milliseconds): well under a frame's worth, with
 * room for a slower batch than the last (a collection, a busy core) before it nears 50 ms.
 */
const SEND_BUDGET_MS = 8;

/** What the training worker sends back: progress after each step, then the model (binary form) or an error. */
export type TrainReply =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'done'; bytes: ArrayBuffer; derived: DerivedTables }
  | { type: 'error'; message: string };

/** Why there is no model: cancelled by the user, or training failed, with a sentence to show. */
export interface TrainError {
  code: 'cancelled' | 'failed';
  message: string;
}

/** A trained model and its binary form (what the store keeps). */
export interface Trained {
  model: MuseModel;
  bytes: Uint8Array;
}

/** Options of {@link trainInWorker}. */
export interface TrainRunOptions {
  onProgress?: (progress: TrainProgress) => void;
  signal?: AbortSignal;
}

/**
 * Trains a model on `pieces` in a Web Worker; aborting the signal terminates the worker at once,
 * so a cancelled training leaves nothing behind.
 */
export function trainInWorker(
  pieces: readonly CorpusPiece[],
  options: Partial<ModelOptions>,
  run: TrainRunOptions = {},
): Promise<Result<Trained, TrainError>> {
  if (run.signal?.aborted) return Promise.resolve(err({ code: 'cancelled', message: t('Training cancelled.') }));
  const worker = new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    const finish = (result: Result<Trained, TrainError>) => {
      worker.terminate();
      run.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => finish(err({ code: 'cancelled', message: t('Training cancelled: no model was made.') }));
    worker.onmessage = (e: MessageEvent<TrainReply>) => {
      const reply = e.data;
      if (reply.type === 'progress') run.onProgress?.(reply.progress);
      else if (reply.type === 'error')
        finish(err({ code: 'failed', message: t('Training failed: {reason}', { reason: reply.message }) }));
      else {
        const bytes = new Uint8Array(reply.bytes);
        const model = decodeModel(bytes, { derived: reply.derived });
        finish(
          model.ok
            ? ok({ model: model.value, bytes })
            : err({
                code: 'failed',
                message: t('Training gave an unreadable model: {reason}', { reason: model.error.message }),
              }),
        );
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish(
        err({
          code: 'failed',
          message: t('Training stopped ({reason})', { reason: e.message || t('out of memory?') }),
        }),
      );
    };
    run.signal?.addEventListener('abort', onAbort);
    post(worker, { type: 'start', options });
    void sendPieces(worker, pieces, run.signal).then((sent) => {
      if (sent) post(worker, { type: 'train' });
    });
  });
}

const post = (worker: Worker, request: TrainRequest) => worker.postMessage(request);

/**
 * Sends `pieces` in batches of about {@link SEND_BUDGET_MS} each, yielding to the page between
 * them; false when aborted meanwhile (the worker is gone then).
 */
async function sendPieces(worker: Worker, pieces: readonly CorpusPiece[], signal?: AbortSignal): Promise<boolean> {
  let batch = 8;
  for (let i = 0; i < pieces.length; ) {
    if (signal?.aborted) return false;
    const t0 = performance.now();
    post(worker, { type: 'pieces', pieces: pieces.slice(i, i + batch) });
    i += batch;
    batch = nextBatch(batch, performance.now() - t0);
    if (i < pieces.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return !signal?.aborted;
}

/**
 * The size of the next batch after one of `batch` pieces took `ms` to send: as many as fit
 * {@link SEND_BUDGET_MS} at that rate, at least one, and at most twice as many as this one. The
 * cap matters: pieces differ in size and a batch can go slower than the last (a trace of the page
 * training the 856 Nottingham tunes, batches growing up to fourfold: one postMessage of 107 ms).
 */
export function nextBatch(batch: number, ms: number): number {
  return Math.max(1, Math.min(2 * batch, Math.floor((batch * SEND_BUDGET_MS) / Math.max(ms, 0.1))));
}
