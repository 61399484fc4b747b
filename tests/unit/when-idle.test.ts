/**
 * whenIdle (inTasks.ts): the page loads a piece shown into the player with it, so that presets
 * chosen one after another build only the last one's sound — the call waits for an idle moment
 * (or its time limit), and a cancelled call never comes. Without requestIdleCallback, a timer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../src/ui/inTasks';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle', () => {
  it('calls once the page is idle, within the time limit, and not once cancelled', () => {
    const asked: { f: () => void; timeout?: number }[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (f: () => void, o?: { timeout?: number }) => asked.push({ f, ...o }));
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
    let calls = 0;
    whenIdle(() => calls++, 300);
    expect(calls).toBe(0);
    expect(asked.map((a) => a.timeout)).toEqual([300]);
    asked[0].f();
    expect(calls).toBe(1);
    const cancel = whenIdle(() => calls++, 300);
    cancel();
    expect(cancelled).toEqual([2]);
  });

  it('uses a timer of the time limit where there is no requestIdleCallback', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    let calls = 0;
    whenIdle(() => calls++, 300);
    vi.advanceTimersByTime(299);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(1);
    const cancel = whenIdle(() => calls++, 300);
    cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(1);
  });
});
