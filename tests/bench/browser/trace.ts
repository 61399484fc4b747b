/** An event of a Chromium trace (`browser.stopTracing()`'s `traceEvents`), as the page tools read them. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/**
 * The tasks (RunTask events) of the thread the mark `from` was made on that overlap the time from
 * `from` to `to`: a page's main-thread tasks between two `performance.mark`s (the first mark's own
 * task included).
 */
export function tasksBetween(events: readonly TraceEvent[], from: TraceEvent, to: TraceEvent): TraceEvent[] {
  return events.filter(
    (e) =>
      e.pid === from.pid &&
      e.tid === from.tid &&
      e.name === 'RunTask' &&
      e.ph === 'X' &&
      e.ts + (e.dur ?? 0) > from.ts &&
      e.ts < to.ts,
  );
}
