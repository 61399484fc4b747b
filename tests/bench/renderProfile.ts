/**
 * Where an offline render's time goes: renders one preset's piece in headless Chromium against the
 * built app (build it first: `npx vite build`) and prints the wall clock, the main thread's build and
 * mix time and each chunk's time; with `--cpuprofile FILE`, Chromium's CPU profile of the page
 * during the last render (open it in Chrome's DevTools, Performance panel).
 * `npx tsx tests/bench/renderProfile.ts [preset] [seconds] [runs] [--cpuprofile FILE] [--chunk S] [--parallel N]`.
 * A tool for finding costs, not a benchmark: figures for the record come from `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { loadBuiltinCorpora } from '../../src/presets';
import { launchChromium } from '../helpers/browser';
import { renderWavInPage } from './browser/pageRender';
import { pieceOfSeconds } from './browser/testPieces';
import { takeFlag } from './flags';

const args = process.argv.slice(2);
const flag = (name: string) => takeFlag(args, name);
const profileFile = flag('--cpuprofile');
const chunk = flag('--chunk');
const parallel = flag('--parallel');
const [preset = 'folk-dance', seconds = '180', runs = '3'] = args;

await loadBuiltinCorpora();
const server = await preview({ logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(url);
  const piece = pieceOfSeconds(Number(seconds), preset);
  const render = {
    ...(chunk ? { chunkSeconds: Number(chunk) } : {}),
    ...(parallel ? { parallel: Number(parallel) } : {}),
  };
  await page.evaluate(renderWavInPage, { ...pieceOfSeconds(15, preset), render });
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < Number(runs); i++) {
    const last = i === Number(runs) - 1 && profileFile;
    if (last) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const r = await page.evaluate(renderWavInPage, { ...piece, render });
    const audio = r.frames / 44_100;
    console.log(
      `${preset} ${seconds}s: ${r.ms.toFixed(0)} ms, ${(audio / (r.ms / 1000)).toFixed(1)}× realtime, build ${r.buildMs.toFixed(0)} ms, mix ${r.mixMs.toFixed(0)} ms, load ${loadavg()[0].toFixed(2)}`,
    );
    if (last) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
    }
  }
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
