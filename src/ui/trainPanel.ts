import type { CorpusPiece } from '../corpus/types';
import {
  DEFAULT_MELODY_MAX_RUN,
  MAX_RUN,
  MODEL_ORDER,
  modelDefaults,
  TRAINING_MINIMUM,
  type TrainingSize,
  tooSmall,
  trainingSize,
} from '../model';
import { N_, t } from './i18n';
import { type Trained, trainInWorker } from './trainClient';
import './trainPanel.css';

/** The limits of the training fields (the same as a preset's `model.order` and `model.maxRun`). */
export const TRAIN_LIMITS = { order: MODEL_ORDER, maxRun: MAX_RUN } as const;

/** What a finished training hands on, besides the model: how it was trained and its name. */
export interface TrainedModel extends Trained {
  name: string;
  pieces: number;
  order: number;
  maxRun: number;
  /** How long the training took, from the click to the model read back. */
  seconds: number;
}

/** The default name of a model trained on `pieces`: "My corpus (42 pieces)". */
export function defaultModelName(pieces: number): string {
  return pieces === 1 ? t('My corpus (1 piece)') : t('My corpus ({count} pieces)', { count: pieces });
}

/**
 * The pieces in a fixed order (by id, then title; code-unit order, whatever the locale): the
 * cross-validation folds depend on the order, and the browser lists a folder's files in any order,
 * so the same files always train the same model.
 */
export function trainingOrder(pieces: readonly CorpusPiece[]): CorpusPiece[] {
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...pieces].sort((a, b) => compare(a.id, b.id) || compare(a.title, b.title));
}

/** "on 1 piece", "on 8 pieces" (German: "mit 1 Stück", "mit 8 Stücken"). */
const onPieces = (n: number) => (n === 1 ? t('on 1 piece') : t('on {count} pieces', { count: n }));

/**
 * What the status says of a corpus before training: ready, with the numbers; too small to learn
 * from (the same rule as `muse train`, {@link tooSmall}); or nothing to learn (no melody notes or
 * no chords: no model can be made), with `trainable` false.
 */
export function readiness(size: TrainingSize): { text: string; warning: boolean; trainable: boolean } {
  if (size.pieces === 0)
    return { text: t('Import some pieces to train a model on them.'), warning: false, trainable: false };
  const counts = {
    pieces: size.pieces === 1 ? t('1 piece') : t('{count} pieces', { count: size.pieces }),
    notes: size.melodyNotes === 1 ? t('1 melody note') : t('{count} melody notes', { count: size.melodyNotes }),
    chords: size.chords === 1 ? t('1 chord') : t('{count} chords', { count: size.chords }),
  };
  if (size.melodyNotes === 0 || size.chords === 0)
    return {
      text: t('Nothing to train on: {pieces}, {notes} and {chords}; a model needs a melody and chords.', counts),
      warning: true,
      trainable: false,
    };
  if (tooSmall(size))
    return {
      text: t(
        'Ready to train {on}, but this corpus is too small to learn from: {pieces}, {notes} and {chords}, where a model needs at least {minPieces} pieces, {minNotes} melody notes and {minChords} chords. It will mostly copy these pieces or wander.',
        {
          on: onPieces(size.pieces),
          ...counts,
          minPieces: TRAINING_MINIMUM.pieces,
          minNotes: TRAINING_MINIMUM.melodyNotes,
          minChords: TRAINING_MINIMUM.chords,
        },
      ),
      warning: true,
      trainable: true,
    };
  return {
    text: t('Ready to train {on} ({notes}, {chords}).', { on: onPieces(size.pieces), ...counts }),
    warning: false,
    trainable: true,
  };
}

/** The training steps as the status names them (the worker reports them in English). */
const STAGES: Readonly<Record<string, string>> = {
  'melody lines': N_('melody lines'),
  'pitch weights': N_('pitch weights'),
  harmony: N_('harmony'),
  rhythm: N_('rhythm'),
  'pitch experts': N_('pitch experts'),
  'originality guard': N_('originality guard'),
};

function element<T extends HTMLElement>(root: HTMLElement, id: string): T {
  const el = root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`the training panel has no #${id}`);
  return el;
}

/**
 * The training panel: order, originality limit and name, "Train model" (in a Web Worker, with a
 * progress bar by finished training steps and "Cancel training"). `onTrained` keeps the model.
 */
export function startTrainPanel(
  root: HTMLElement,
  onTrained: (model: TrainedModel) => Promise<string>,
): { setPieces(pieces: CorpusPiece[]): void } {
  const order = element<HTMLInputElement>(root, 'train-order');
  const maxRun = element<HTMLInputElement>(root, 'train-max-run');
  const name = element<HTMLInputElement>(root, 'train-name');
  const train = element<HTMLButtonElement>(root, 'train');
  const progress = element<HTMLProgressElement>(root, 'train-progress');
  const cancel = element<HTMLButtonElement>(root, 'train-cancel');
  const status = element<HTMLParagraphElement>(root, 'train-status');
  order.value = String(modelDefaults.order);
  maxRun.value = String(DEFAULT_MELODY_MAX_RUN);
  let pieces: CorpusPiece[] = [];
  let trainable = false;
  let controller: AbortController | undefined;

  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };
  const read = (input: HTMLInputElement, label: string, { min, max }: { min: number; max: number }) => {
    const value = Number(input.value);
    const valid = input.value.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
    input.setAttribute('aria-invalid', String(!valid));
    if (!valid) say(t('{field} must be a whole number from {min} to {max}.', { field: t(label), min, max }), true);
    return valid ? value : undefined;
  };
  const busy = (on: boolean) => {
    progress.hidden = !on;
    cancel.hidden = !on;
    train.disabled = on || !trainable;
  };

  train.addEventListener('click', async () => {
    const o = read(order, N_('Order'), TRAIN_LIMITS.order);
    const run = o === undefined ? undefined : read(maxRun, N_('Training originality limit'), TRAIN_LIMITS.maxRun);
    if (o === undefined || run === undefined || !trainable) return;
    controller = new AbortController();
    progress.max = 1;
    progress.value = 0;
    busy(true);
    say(t('Training {on}…', { on: onPieces(pieces.length) }));
    const started = performance.now();
    const result = await trainInWorker(
      pieces,
      { order: o, melodyMaxRun: run },
      {
        signal: controller.signal,
        onProgress: (p) => {
          progress.max = p.total;
          progress.value = p.done;
          progress.textContent = t('{done} of {total} steps', { done: p.done, total: p.total });
          say(
            t('Training {on}: {stage} done ({done} of {total} steps).', {
              on: onPieces(pieces.length),
              stage: t(STAGES[p.stage] ?? p.stage),
              done: p.done,
              total: p.total,
            }),
          );
        },
      },
    );
    controller = undefined;
    busy(false);
    if (!result.ok) {
      say(result.error.message, result.error.code === 'failed');
      return;
    }
    const modelName = name.value.trim() || defaultModelName(pieces.length);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    say(await onTrained({ ...result.value, name: modelName, pieces: pieces.length, order: o, maxRun: run, seconds }));
  });
  cancel.addEventListener('click', () => controller?.abort());

  return {
    setPieces(next) {
      controller?.abort(); // a new corpus: a training of the old one is moot
      pieces = trainingOrder(next);
      name.value = next.length ? defaultModelName(next.length) : '';
      const ready = readiness(trainingSize(pieces));
      trainable = ready.trainable;
      busy(false);
      say(ready.text, ready.warning);
    },
  };
}
