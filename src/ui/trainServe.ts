import { encodeModel } from '../model';
import { derivedBuffers, derivedTables } from '../model/modelBinary';
import {
  type CountsData,
  countPiece,
  countsData,
  createModelCounts,
  type ExpertResult,
  type ExpertTask,
  finishModel,
  finishModelHelped,
  type ModelCounts,
  mergeModelCounts,
  runSentExpertTask,
} from '../model/modelCounts';
import { checkedOptions, type ModelOptions, TRAIN_STEPS, type TrainProgress } from '../model/museModel';
import type { TrainReply, TrainRequest } from './trainClient';

/**
 * What the two training workers say to each other over their own channel (the page only relays
 * nothing): the helper's counts once it has counted its pieces, then the pitch experts the lead
 * asks it to finish, and those experts finished.
 */
export type PartnerMessage =
  | { type: 'counted'; data: CountsData }
  | { type: 'experts'; task: ExpertTask }
  | { type: 'finished'; result: ExpertResult };

/** The side of a channel a training worker answers on: its own global scope, or a port in tests. */
export interface TrainScope {
  onmessage: ((e: MessageEvent<TrainRequest>) => void) | null;
  postMessage(message: TrainReply, transfer: Transferable[]): void;
}

/** The side of the channel between the two workers (a MessagePort). */
interface PartnerPort {
  onmessage: ((e: MessageEvent<PartnerMessage>) => void) | null;
  postMessage(message: PartnerMessage, transfer: Transferable[]): void;
}

interface Training {
  counts: ModelCounts;
  options: ModelOptions;
  /** With a partner: the lead waits for its counts and has it finish half the experts. */
  partner?: { counted: Promise<CountsData>; help: (task: ExpertTask) => Promise<ExpertResult> };
}

/**
 * Answers the page's training requests on `scope` (trainWorker.ts: the worker's own scope). Alone,
 * a worker counts the pieces as they arrive, batch by batch, and finishes the model when the page
 * says all are sent. As one of two (the page starts two on a machine with two cores and more, for
 * a large corpus: trainClient.ts) the lead counts the first pieces and the helper the others; at
 * the end the helper sends the lead its counts, which the lead adds after its own (piece order),
 * and the helper finishes half of the pitch experts while the lead finishes the rest
 * (finishModelHelped) — the same counts and the same finishing as the CLI's threads
 * (countFiles.ts), hence the model trainModel gives, byte for byte.
 */
export function serveTraining(scope: TrainScope): void {
  const reply = (message: TrainReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  let training: Training | undefined;
  let helper: { counts: ModelCounts; port: PartnerPort } | undefined;
  let failed = false;
  const fail = (error: unknown) => {
    failed = true;
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  };
  const guarded =
    <T>(run: (value: T) => void | Promise<void>) =>
    async (value: T) => {
      if (failed) return;
      try {
        await run(value);
      } catch (error) {
        fail(error);
      }
    };

  scope.onmessage = guarded(async (e: MessageEvent<TrainRequest>) => {
    const request = e.data;
    if (request.type === 'start') {
      const options = checkedOptions(request.options);
      if (request.role === 'helper') {
        helper = { counts: createModelCounts(options.order, options.phraseBars, true), port: request.partner };
        helper.port.onmessage = guarded((m: MessageEvent<PartnerMessage>) => helpWith(m.data, request.partner));
      } else {
        training = { counts: createModelCounts(options.order, options.phraseBars), options };
        if (request.role === 'lead') training.partner = partnerOf(request.partner, fail);
      }
    } else if (request.type === 'pieces') {
      const counts = helper?.counts ?? training?.counts;
      if (!counts) throw new Error('pieces before the training started');
      for (const piece of request.pieces) countPiece(counts, piece);
    } else if (helper) {
      // All pieces counted: the counts to the lead (their arrays transferred, not copied).
      const { data, transfer } = countsData(helper.counts);
      helper.port.postMessage({ type: 'counted', data }, transfer);
    } else {
      if (!training) throw new Error('no training was started');
      const { counts, options, partner } = training;
      let done = 0;
      const step = (stage: TrainProgress['stage']) =>
        reply({ type: 'progress', progress: { done: ++done, total: TRAIN_STEPS, stage } });
      if (partner) mergeModelCounts(counts, await partner.counted);
      step('melody lines');
      const model = partner
        ? await finishModelHelped(counts, options, partner.help, step)
        : finishModel(counts, options, step);
      // The model in binary form (its finished tables, modelBinary.ts), transferred, not copied, with
      // the tables reading it would derive: the page only makes views of them on its main thread.
      const bytes = encodeModel(model).buffer as ArrayBuffer;
      const derived = derivedTables(model);
      reply({ type: 'done', bytes, derived }, [bytes, ...derivedBuffers(derived)]);
    }
  });
}

/** The helper's side: finishes the experts the lead sends. */
function helpWith(message: PartnerMessage, port: PartnerPort): void {
  if (message.type !== 'experts') throw new Error(`the lead sent "${message.type}" out of turn`);
  const result = runSentExpertTask(message.task);
  port.postMessage({ type: 'finished', result }, result.logits ? [result.logits.buffer as ArrayBuffer] : []);
}

/** The lead's side of the channel: the helper's counts, then each task it finishes, in turn. */
function partnerOf(port: PartnerPort, fail: (error: unknown) => void): NonNullable<Training['partner']> {
  let counted: (data: CountsData) => void = () => {};
  let finished: ((result: ExpertResult) => void) | undefined;
  port.onmessage = (e: MessageEvent<PartnerMessage>) => {
    const m = e.data;
    if (m.type === 'counted') counted(m.data);
    else if (m.type === 'finished' && finished) finished(m.result);
    else fail(new Error(`the helper sent "${m.type}" out of turn`));
  };
  return {
    counted: new Promise((resolve) => {
      counted = resolve;
    }),
    help: (task) =>
      new Promise((resolve) => {
        finished = resolve;
        port.postMessage({ type: 'experts', task }, []);
      }),
  };
}
