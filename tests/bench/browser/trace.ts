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
