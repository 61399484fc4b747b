/**
 * Where the bench's "immediate" preset switches go (issue 17): opens a build in headless Chromium and,
 * as `page.bench.ts` does, chooses every other built-in preset one after another from the moment
 * the first piece is shown — under one Chromium trace and one CPU profile for the whole sequence
 * (switchProfile.ts traces each switch apart, which leaves the page idle in between). Prints, per
 * switch, its time, the main thread's tasks over 5 ms in it with the page's functions that took
 * each (inclusive, from the profile's samples in the task) and the requests for the site's files
 * other than samples (sent → response, ms after the switch) with the number of sample requests.
 * Build first (`npx vite build --minify false --outDir D` keeps the functions' names).
 * `npx tsx tests/bench/switchSequence.ts [D]` (default dist). A tool for finding costs, not a
 * benchmark: figures for the record come from `npm run bench`.
 */
import { builtinPresets } from '../../src/presets';
import { launchChromium, serveBuild } from '../helpers/browser';
import { switchTo } from './browser/switchPreset';
import { type TraceEvent, tasksBetween } from './browser/trace';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface Muse {
  muse?: { recipe(): { preset: string } | undefined };
}
type Traced = TraceEvent & { args?: { data?: { url?: string; requestId?: string } } };

const server = await serveBuild(process.argv[2] ?? 'dist');
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  await cdp.send('Profiler.start');
  await page.waitForFunction(() => (window as unknown as Muse).muse?.recipe() !== undefined);
  const names = builtinPresets()
    .map((p) => p.name)
    .slice(1);
  const times: number[] = [];
  for (const name of names) times.push(await switchTo(page, name, { start: `start-${name}`, end: `end-${name}` }));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const events: Traced[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const functionsIn = attribution(profile);
  const fileOf = new Map<string, string>();
  for (const e of events)
    if (e.name === 'ResourceSendRequest' && e.args?.data?.requestId)
      fileOf.set(e.args.data.requestId, String(e.args.data.url).split('/').pop() ?? '');
  names.forEach((name, k) => {
    const from = events.find((e) => e.name === `start-${name}`);
    const to = events.find((e) => e.name === `end-${name}`);
    if (!from || !to) return;
    const at = (ts: number) => ((ts - from.ts) / 1000).toFixed(0);
    console.log(`${name}: ${times[k].toFixed(0)} ms`);
    for (const task of tasksBetween(events, from, to).filter((e) => (e.dur ?? 0) > 5000))
      console.log(
        `  task @${at(task.ts)} +${((task.dur ?? 0) / 1000).toFixed(0)} ms: ${functionsIn(task.ts, task.ts + (task.dur ?? 0))}`,
      );
    const requests = events.filter(
      (e) => /^Resource(SendRequest|ReceiveResponse)$/.test(e.name) && e.ts > from.ts - 50_000 && e.ts < to.ts,
    );
    const files = requests.map((e) => ({
      file: fileOf.get(e.args?.data?.requestId ?? '') ?? '?',
      what: e.name === 'ResourceSendRequest' ? 'sent' : 'answered',
      at: at(e.ts),
    }));
    const site = files.filter((f) => !f.file.endsWith('.mp3'));
    console.log(`  files: ${site.map((f) => `${f.file} ${f.what} @${f.at}`).join(', ') || 'none'}`);
    console.log(`  sample requests sent: ${files.filter((f) => f.file.endsWith('.mp3') && f.what === 'sent').length}`);
  });
} finally {
  await browser.close();
  await server.close();
}

/** The page's functions that took the time from `from` to `to` (trace clock, µs): inclusive ms, the top five. */
function attribution(profile: Profile): (from: number, to: number) => string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) {
    t += delta;
    stamps.push(t);
  }
  const generic = /^\((root|idle|program|anonymous)\)$|^$|^(runMicrotasks|evaluate)$/;
  return (from, to) => {
    const ms = new Map<string, number>();
    stamps.forEach((stamp, i) => {
      if (stamp < from || stamp > to) return;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const name = byId.get(id)?.callFrame.functionName ?? '';
        if (generic.test(name) || seen.has(name)) continue;
        seen.add(name);
        ms.set(name, (ms.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
      }
    });
    return [...ms]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, m]) => `${name} ${m.toFixed(0)}`)
      .join(', ');
  };
}
