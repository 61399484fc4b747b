/*
 * Long work on the page's main thread cut into tasks: the browser gets a turn between them (input,
 * drawing, the audio clock's callbacks), so no task holds the page for long (issue 17: none over
 * 50 ms). The work itself is a generator of steps (compose.ts's `Steps`): how it is cut changes
 * when it finishes, never what it gives.
 */
import type { Steps } from '../core';

/** How long one task may run steps before it gives the page a turn (milliseconds). */
export const TASK_BUDGET_MS = 12;

/** The Prioritized Task Scheduling API, where the browser has it (Chromium does). */
interface TaskScheduler {
  postTask(callback: () => void): Promise<void>;
}

/**
 * Resolves in a new task (after what the browser has queued meanwhile: input, a frame, timers).
 * scheduler.postTask where there is one: setTimeout(0) waits 4 ms or more once timers nest five
 * deep, which a loop of tasks does at its fifth turn (a trace of the page training the Nottingham
 * tunes: a median 4.1–4.6 ms from setting such a timer to its call).
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => {});
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `steps` to the end, as many per task as fit {@link TASK_BUDGET_MS} (at least one), and
 * resolves to what they return: the same value `runSteps` gives at once.
 */
export async function runInTasks<T>(steps: Steps<T>, budgetMs = TASK_BUDGET_MS): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= budgetMs) {
      await nextTask();
      since = performance.now();
    }
  }
}

/** An idle period of the page: how many milliseconds of it are left. */
export interface IdlePeriod {
  timeRemaining(): number;
}

/**
 * Resolves when the page is idle (requestIdleCallback: no input, frame or timer waiting), with
 * the time left in that idle period; where there is no requestIdleCallback, in a later task.
 */
export function idlePeriod(): Promise<IdlePeriod> {
  if (typeof requestIdleCallback === 'function') return new Promise((resolve) => requestIdleCallback(resolve));
  return new Promise((resolve) => setTimeout(() => resolve({ timeRemaining: () => TASK_BUDGET_MS }), 50));
}

/**
 * Calls `f` once the page is idle, or after `withinMs` at the latest (requestIdleCallback with a
 * timeout; where there is none, a timer of that length). Returns what cancels the call.
 */
export function whenIdle(f: () => void, withinMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => f(), { timeout: withinMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(f, withinMs);
  return () => clearTimeout(id);
}

/**
 * {@link runInTasks} in the page's idle time only: each idle period runs steps while it lasts, and
 * no longer than `budgetMs` (at least one step per period), so work nobody waits for never holds
 * off a click, a frame or the audio clock's callbacks. The same value `runSteps` gives at once.
 */
export async function runWhenIdle<T>(
  steps: Steps<T>,
  budgetMs = TASK_BUDGET_MS,
  idle: () => Promise<IdlePeriod> = idlePeriod,
): Promise<T> {
  for (;;) {
    const period = await idle();
    const since = performance.now();
    do {
      const step = steps.next();
      if (step.done) return step.value;
    } while (period.timeRemaining() > 0 && performance.now() - since < budgetMs);
  }
}
