import { err, ok, type Result } from '../core';
import type { CorpusPiece } from '../corpus/types';
import { decodeModel, type ModelOptions, type MuseModel, type TrainProgress } from '../model';
import type { DerivedTables } from '../model/modelBinary';
import { t } from './i18n';
import { nextTask } from './inTasks';

/**
 * What the page sends a training worker: the options (and, when two workers train, its role and its
 * end of their channel), the pieces in batches (each a short task of the main thread: copying a
 * thousand tunes at once blocked it for a quarter of a second; the worker counts each batch as it
 * comes), then the order to finish the model.
 */
export type TrainRequest =
  | { type: 'start'; options: Partial<ModelOptions>; role?: undefined }
  | { type: 'start'; options: Partial<ModelOptions>; role: 'lead' | 'helper'; partner: MessagePort }
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
 * Pieces from which two workers train, on a machine of {@link TWO_WORKERS_CORES} cores or more: the
 * second worker costs its start-up (its code loaded and compiled again, cold) and the counts it
 * sends, which a small corpus does not pay back.
 */
export const TWO_WORKERS_FROM = 200;

/**
 * Cores from which two workers train: one for each and one for the page's main thread (it sends
 * the pieces, draws the progress, and reads and composes from the model). On the 2-core machine of
 * BENCHMARKS.md, in a one-off comparison (fresh pages alternated, 5 each, load 4–10), two workers
 * trained the 856 Nottingham tunes in a median 4.56 s against 3.02 s for one (POP909's 848 songs:
 * 14.3 s against 12.0, one run each): both cores were taken already, and two workers do more work
 * in all (each compiles the code anew; the counts are sent and merged). Not measured with more cores.
 */
export const TWO_WORKERS_CORES = 3;

/** What {@link trainWith} needs of a worker: a Web Worker, or a stand-in in tests. */
export interface TrainWorker {
  postMessage(request: TrainRequest, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<TrainReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

const spawnWorker = (): TrainWorker => new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module' });

/**
 * Trains a model on `pieces` in a Web Worker — two on a machine of {@link TWO_WORKERS_CORES} cores
 * or more, for a corpus of {@link TWO_WORKERS_FROM} pieces or more (trainServe.ts: the same model); aborting the
 * signal terminates every worker at once, so a cancelled training leaves nothing behind.
 */
export function trainInWorker(
  pieces: readonly CorpusPiece[],
  options: Partial<ModelOptions>,
  run: TrainRunOptions = {},
): Promise<Result<Trained, TrainError>> {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const workers = cores >= TWO_WORKERS_CORES && pieces.length >= TWO_WORKERS_FROM ? 2 : 1;
  return trainWith(spawnWorker, pieces, options, { ...run, workers });
}

/**
 * {@link trainInWorker} with workers made by `spawn`, `run.workers` of them (1 or 2): with two, the
 * first counts the pieces before {@link splitIndex} and finishes the model, the second counts the
 * others and helps finish.
 */
export function trainWith(
  spawn: () => TrainWorker,
  pieces: readonly CorpusPiece[],
  options: Partial<ModelOptions>,
  run: TrainRunOptions & { workers?: number } = {},
): Promise<Result<Trained, TrainError>> {
  if (run.signal?.aborted) return Promise.resolve(err({ code: 'cancelled', message: t('Training cancelled.') }));
  const two = (run.workers ?? 1) >= 2 && pieces.length >= 2;
  const workers = two ? [spawn(), spawn()] : [spawn()];
  return new Promise((resolve) => {
    let over = false;
    const finish = (result: Result<Trained, TrainError>) => {
      if (over) return;
      over = true;
      for (const worker of workers) worker.terminate();
      run.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => finish(err({ code: 'cancelled', message: t('Training cancelled: no model was made.') }));
    const onReply = (e: MessageEvent<TrainReply>) => {
      const reply = e.data;
      if (over) return;
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
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      finish(
        err({
          code: 'failed',
          message: t('Training stopped ({reason})', { reason: e.message || t('out of memory?') }),
        }),
      );
    };
    for (const worker of workers) {
      worker.onmessage = onReply;
      worker.onerror = onError;
    }
    run.signal?.addEventListener('abort', onAbort);
    let parts: { worker: TrainWorker; pieces: readonly CorpusPiece[] }[];
    if (two) {
      const [lead, helper] = workers;
      const channel = new MessageChannel();
      lead.postMessage({ type: 'start', options, role: 'lead', partner: channel.port1 }, [channel.port1]);
      helper.postMessage({ type: 'start', options, role: 'helper', partner: channel.port2 }, [channel.port2]);
      const at = splitIndex(pieces);
      parts = [
        { worker: lead, pieces: pieces.slice(0, at) },
        { worker: helper, pieces: pieces.slice(at) },
      ];
    } else {
      workers[0].postMessage({ type: 'start', options }, []);
      parts = [{ worker: workers[0], pieces }];
    }
    void sendPieces(parts, run.signal).then((sent) => {
      if (!sent || over) return;
      // The helper first: the lead, told to finish, waits for the helper's counts.
      for (const { worker } of [...parts].reverse()) worker.postMessage({ type: 'train' }, []);
    });
  });
}

/**
 * Where two workers split `pieces`: the first index at which the pieces before it hold half the
 * notes or more (at least one piece each side).
 */
export function splitIndex(pieces: readonly CorpusPiece[]): number {
  const notes = pieces.map((p) => p.tracks.reduce((n, track) => n + track.notes.length, 0));
  const half = notes.reduce((a, b) => a + b, 0) / 2;
  let sum = 0;
  for (let i = 0; i < pieces.length - 1; i++) {
    sum += notes[i];
    if (sum >= half) return i + 1;
  }
  return Math.max(1, pieces.length - 1);
}

/**
 * Sends each part's pieces to its worker in batches of about {@link SEND_BUDGET_MS} each, the parts
 * in turn (a batch to one worker, then one to the next, so both count meanwhile), yielding to the
 * page between batches; false when aborted meanwhile (the workers are gone then).
 */
async function sendPieces(
  parts: readonly { worker: TrainWorker; pieces: readonly CorpusPiece[] }[],
  signal?: AbortSignal,
): Promise<boolean> {
  const sending = parts.map((part) => ({ ...part, at: 0, batch: 8 }));
  const unsent = () => sending.filter((s) => s.at < s.pieces.length);
  for (let turn = 0, left = unsent(); left.length > 0; turn++) {
    if (signal?.aborted) return false;
    const s = left[turn % left.length];
    const t0 = performance.now();
    s.worker.postMessage({ type: 'pieces', pieces: s.pieces.slice(s.at, s.at + s.batch) }, []);
    s.at += s.batch;
    s.batch = nextBatch(s.batch, performance.now() - t0);
    left = unsent();
    if (left.length > 0) await nextTask();
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
