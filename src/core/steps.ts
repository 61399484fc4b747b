/**
 * Work done a step at a time: each `yield` is a point where a caller may pause (the page gives the
 * browser a turn there, ui/inTasks.ts: a large model's first piece, or its originality tables, must
 * not hold the page in one long task). What the steps return is the same however they are run.
 *
 * @example
 * const composition = runSteps(composeSteps(model, { bars: 16 }, 7)); // => composeWithReport(model, { bars: 16 }, 7)
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end at once and returns their result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
