import { err, ok, type Result } from '../core';
import type { CorpusPiece } from '../corpus/types';
import { decodeModel, type ModelOptions, type MuseModel, type TrainProgress } from '../model';
import { t } from './i18n';

/** What the page sends the training worker. */
export interface TrainRequest {
  pieces: CorpusPiece[];
  options: Partial<ModelOptions>;
}

/** What the training worker sends back: progress after each step, then the model (binary form) or an error. */
export type TrainReply =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'done'; bytes: ArrayBuffer }
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
        const model = decodeModel(bytes);
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
    const request: TrainRequest = { pieces: [...pieces], options };
    worker.postMessage(request);
  });
}
