/**
 * Before and after: the engine's render of the same 3-minute pieces in two builds of the app, taking
 * turns in one browser (each build in a page of its own, one warm-up render each, then
 * {@link ROUNDS} rounds), so both are measured the same way under the same load. Prints each render
 * (realtime factor, wall clock, the browser's CPU time, load average) and the medians.
 * `npx tsx tests/bench/renderCompare.ts BEFORE_ROOT AFTER_ROOT [preset,…]` — each root a checkout
 * whose `dist/` is built (`npx vite build`). A tool for a change's before → after, not part of
 * `npm run bench`.
 */
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { loadBuiltinCorpora } from '../../src/presets';
import { launchChromium } from '../helpers/browser';
import { descendantsCpuMs } from './browser/cpu';
import { renderWavInPage } from './browser/pageRender';
import { pieceOfSeconds } from './browser/testPieces';

const ROUNDS = 3;
const [beforeRoot, afterRoot, list = 'folk-dance,lofi-jazz,minor-nocturne'] = process.argv.slice(2);
if (!beforeRoot || !afterRoot) throw new Error('usage: renderCompare.ts BEFORE_ROOT AFTER_ROOT [presets]');

await loadBuiltinCorpora();
const serve = async (root: string) => {
  const server = await preview({ root, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
  return { server, url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/` };
};
const builds = { before: await serve(beforeRoot), after: await serve(afterRoot) };
const names = ['before', 'after'] as const;
const browser = await launchChromium();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg()[0].toFixed(2);
console.log(`load average at the start ${load()}`);
try {
  for (const preset of list.split(',')) {
    const piece = pieceOfSeconds(180, preset);
    const pages = {} as Record<(typeof names)[number], Page>;
    for (const name of names) {
      pages[name] = await browser.newPage();
      await pages[name].goto(builds[name].url);
      await pages[name].evaluate(renderWavInPage, pieceOfSeconds(15, preset));
    }
    const runs = { before: [] as { factor: number; cpu: number }[], after: [] as { factor: number; cpu: number }[] };
    for (let round = 1; round <= ROUNDS; round++)
      for (const name of names) {
        const c0 = descendantsCpuMs();
        const r = await pages[name].evaluate(renderWavInPage, piece);
        const cpu = descendantsCpuMs() - c0;
        const factor = r.frames / 44_100 / (r.ms / 1000);
        runs[name].push({ factor, cpu });
        console.log(
          `${preset} ${name} round ${round}: ${factor.toFixed(1)}× realtime, ${r.ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU, load ${load()}`,
        );
      }
    for (const name of names)
      console.log(
        `MEDIAN ${preset} 3 min ${name}: ${median(runs[name].map((r) => r.factor)).toFixed(1)}× realtime, CPU ${median(runs[name].map((r) => r.cpu)).toFixed(0)} ms`,
      );
    for (const page of Object.values(pages)) await page.close();
  }
  console.log(`load average at the end ${load()}`);
} finally {
  await browser.close();
  for (const b of Object.values(builds)) await new Promise((r) => b.server.httpServer.close(r));
}
