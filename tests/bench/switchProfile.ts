/**
 * Where the first switch to a preset goes (issue 17): opens the built app in headless Chromium,
 * waits `--wait MS` after the first piece (default 0: switch at once, as the bench does), then
 * chooses each preset named and prints, per switch, the wall time, the main thread's tasks in that
 * time (from a Chromium trace) and the functions that took it (CPU profile: self time, and the
 * inclusive time of the page's own functions). Build first (`npx vite build`; with `--minify false`
 * the functions keep their names). `--dir D` serves another build folder.
 * `npx tsx tests/bench/switchProfile.ts [--wait MS] [--dir D] [preset ...]`.
 * A tool for finding costs, not a benchmark: figures for the record come from `npm run bench`.
 */
import { loadavg } from 'node:os';
import { launchChromium, serveBuild } from '../helpers/browser';
import { type TraceEvent, tasksBetween } from './browser/trace';
import { takeFlag } from './flags';

const args = process.argv.slice(2);
const flag = (name: string) => takeFlag(args, name);
const wait = Number(flag('--wait') ?? 0);
const dir = flag('--dir') ?? 'dist';
const preparing = args.includes('--preparation');
if (preparing) args.splice(args.indexOf('--preparation'), 1);
const presets = args.length > 0 ? args : ['lofi-jazz', 'folk-jig', 'chorale'];

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

const server = await serveBuild(dir);
const { url } = server;
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { muse?: { recipe(): unknown } }).muse?.recipe() !== undefined,
  );
  const cdp = await page.context().newCDPSession(page);
  if (preparing) {
    await preparation(page, cdp);
    process.exit(0);
  }
  if (wait > 0) await page.waitForTimeout(wait);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (const name of presets) {
    await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await cdp.send('Profiler.start');
    const ms = await page.evaluate(async (name) => {
      const select = document.getElementById('preset') as HTMLSelectElement;
      // The status line changes in the task that shows the piece (app.ts, show).
      const seen = new MutationObserver(() => {
        if (
          (window as unknown as { muse: { recipe(): { preset: string } | undefined } }).muse.recipe()?.preset === name
        ) {
          performance.mark('switch-shown');
          seen.disconnect();
        }
      });
      seen.observe(document.getElementById('status') as HTMLElement, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      performance.mark('switch-start');
      const t0 = performance.now();
      select.value = name;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const muse = (window as unknown as { muse: { recipe(): { preset: string } | undefined } }).muse;
      while (muse.recipe()?.preset !== name) await new Promise((resolve) => setTimeout(resolve, 1));
      performance.mark('switch-end');
      return performance.now() - t0;
    }, name);
    const { profile } = await cdp.send('Profiler.stop');
    const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const from = events.find((e) => e.name === 'switch-start');
    const to = events.find((e) => e.name === 'switch-end');
    console.log(`\n== ${name}: ${ms.toFixed(1)} ms (load ${loadavg()[0].toFixed(2)})`);
    if (from && to) {
      const tasks = tasksBetween(events, from, to).filter((e) => (e.dur ?? 0) > 1000);
      const shown = events.find((e) => e.name === 'switch-shown');
      if (shown) console.log(`  shown (status changed) at ${((shown.ts - from.ts) / 1000).toFixed(1)} ms`);
      const paints = events.filter(
        (e) => e.pid === from.pid && e.tid === from.tid && e.name === 'Paint' && e.ts > from.ts && e.ts < to.ts,
      );
      console.log(`  paints at: ${paints.map((e) => ((e.ts - from.ts) / 1000).toFixed(0)).join(' ')}`);
      for (const task of tasks) {
        const end = task.ts + (task.dur ?? 0);
        const inner = events.filter(
          (e) =>
            e.pid === task.pid &&
            e.tid === task.tid &&
            e.ph === 'X' &&
            e !== task &&
            e.ts >= task.ts &&
            e.ts < end &&
            (e.dur ?? 0) > 300,
        );
        const names = [
          ...new Set(
            inner.map(
              (e) =>
                `${e.name}${(e.args as { data?: { functionName?: string } })?.data?.functionName ? `(${(e.args as { data: { functionName: string } }).data.functionName})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
            ),
          ),
        ];
        console.log(
          `  task @${((task.ts - from.ts) / 1000).toFixed(0)}+${((task.dur ?? 0) / 1000).toFixed(1)}: ${names.slice(0, 8).join(', ')}`,
        );
      }
      const loads = events.filter(
        (e) => e.name === 'ResourceSendRequest' && e.ts > from.ts && e.ts < to.ts && e.args?.data?.url,
      );
      for (const l of loads) console.log(`  fetch at ${((l.ts - from.ts) / 1000).toFixed(0)} ms: ${l.args?.data?.url}`);
    }
    printProfile(profile as unknown as { nodes: Node[]; samples: number[]; timeDeltas: number[] });
  }
} finally {
  await browser.close();
  await server.close();
}

/**
 * `--preparation`: from the first piece until the page has prepared every built-in preset
 * (`window.muse.prepared()`, at most 15 s: a page without it is watched that long), the main
 * thread's longest tasks (trace) and the JavaScript heap after a collection, before and after.
 */
async function preparation(page: import('playwright-core').Page, cdp: import('playwright-core').CDPSession) {
  // The JavaScript heap and the ArrayBuffers' backing stores (model tables are typed arrays), MiB.
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return { js: usage.usedSize / 2 ** 20, buffers: (usage.backingStorageSize ?? 0) / 2 ** 20 };
  };
  const before = await heap();
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  await page.evaluate(() => performance.mark('prep-start'));
  const t0 = Date.now();
  await page
    .waitForFunction(
      () => ((window as unknown as { muse: { prepared?: () => string[] } }).muse.prepared?.().length ?? 0) >= 9,
      undefined,
      { timeout: 15_000, polling: 250 },
    )
    .catch(() => {});
  const ms = Date.now() - t0;
  await page.evaluate(() => performance.mark('prep-end'));
  const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const from = events.find((e) => e.name === 'prep-start');
  const tasks = events
    .filter((e) => from && e.pid === from.pid && e.tid === from.tid && e.name === 'RunTask' && e.ph === 'X')
    .map((e) => (e.dur ?? 0) / 1000)
    .sort((a, b) => b - a);
  for (const task of events.filter(
    (e) =>
      from && e.pid === from.pid && e.tid === from.tid && e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > 30_000,
  )) {
    const end = task.ts + (task.dur ?? 0);
    const inner = events
      .filter(
        (e) =>
          e.tid === task.tid &&
          e.pid === task.pid &&
          e !== task &&
          e.ts >= task.ts &&
          e.ts < end &&
          (e.dur ?? 0) > 3000,
      )
      .map(
        (e) =>
          `${e.name}${e.args?.data?.url ? `(${e.args.data.url.split('/').pop()})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
      );
    console.log(`  task of ${((task.dur ?? 0) / 1000).toFixed(1)} ms: ${inner.slice(0, 10).join(', ')}`);
  }
  const after = await heap();
  const prepared = await page.evaluate(
    () => (window as unknown as { muse: { prepared?: () => string[] } }).muse.prepared?.() ?? [],
  );
  console.log(
    `prepared ${prepared.length} presets in ${ms} ms (load ${loadavg()[0].toFixed(2)}); longest main-thread tasks: ${tasks
      .slice(0, 8)
      .map((d) => d.toFixed(1))
      .join(
        ', ',
      )} ms; tasks over 50 ms: ${tasks.filter((d) => d > 50).length}; JS heap ${before.js.toFixed(1)} → ${after.js.toFixed(1)} MiB, array buffers ${before.buffers.toFixed(1)} → ${after.buffers.toFixed(1)} MiB`,
  );
}

function printProfile(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    self.set(label(n), (self.get(label(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur);
      if (!c) break;
      const l = label(c);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([l, us]) => `    ${(us / 1000).toFixed(1).padStart(7)} ms  ${l}`)
      .join('\n');
  console.log(`  self:\n${top(self, 25)}`);
  console.log(`  inclusive:\n${top(incl, 45)}`);
}
