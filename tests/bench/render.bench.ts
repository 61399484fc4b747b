/**
 * Offline render benchmark, in headless Chromium against the built app: realtime factor (seconds of
 * audio per second of work) of the engine's chunked render for 4-track pieces of 30 s, 3 min and
 * 6 min, the cost of 6 min against 3 min, and beside them the naive render (a Tone.PolySynth per
 * track scheduled inside Tone.Offline) of the same notes in the same run. The naive render slows
 * down as pieces grow (the issue measured 0.5× at 2 min), so it runs at 30 s and 60 s only, each
 * under a time limit. The engine's renders take turns (30 s, 3 min, 6 min, again ...) and the cost
 * of 6 min against 3 min is given in wall-clock and in CPU time (Linux): on a shared machine the
 * wall clock also counts waits for the CPU. Run alone with `npx tsx tests/bench/render.bench.ts [--json]`.
 * A benchmark, not a test: nothing fails on speed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, serveBuiltApp } from '../helpers/browser';
import { cpuTimesAvailable, descendantsCpuMs } from './browser/cpu';
import { type RenderArgs, renderWavInPage } from './browser/pageRender';
import { pieceOfSeconds } from './browser/testPieces';
import { type Figure, printFigures } from './measure';

/** Most a naive render may take before it is given up (and reported as such). */
const NAIVE_LIMIT_MS = 150_000;

/** Bundles the naive renderer (Tone.js and all) into one script for the page. */
async function naiveScript(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'muse-naive-'));
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./browser/naive.ts', import.meta.url)),
        formats: ['iife'],
        name: 'museNaive',
        fileName: () => 'naive.js',
      },
    },
  });
  return join(dir, 'naive.js');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median wall-clock milliseconds of `runs` engine renders of each piece to a WAV file, as Export
 * WAV makes it, after one warm-up render. The pieces take turns, so that whatever else the machine
 * is doing weighs on all of them alike.
 */
async function engineMs(
  page: Page,
  pieces: RenderArgs[],
  runs: number,
): Promise<{ ms: number; seconds: number; cpuMs: number }[]> {
  await page.evaluate(renderWavInPage, pieces[0]);
  const times = pieces.map(() => [] as number[]);
  const cpu = pieces.map(() => [] as number[]);
  const seconds = pieces.map(() => 0);
  for (let i = 0; i < runs; i++)
    for (const [k, args] of pieces.entries()) {
      const before = cpuTimesAvailable() ? descendantsCpuMs() : 0;
      const wav = await page.evaluate(renderWavInPage, args);
      cpu[k].push(cpuTimesAvailable() ? descendantsCpuMs() - before : Number.NaN);
      seconds[k] = wav.frames / 44_100;
      times[k].push(wav.ms);
    }
  return pieces.map((_, k) => ({ ms: median(times[k]), seconds: seconds[k], cpuMs: median(cpu[k]) }));
}

/** One naive render of `args`, or undefined when it passes the time limit. */
async function naiveMs(page: Page, args: RenderArgs): Promise<{ ms: number; seconds: number } | undefined> {
  const run = page.evaluate(async ({ piece, options }) => {
    const naive = (window as unknown as { museNaive: typeof import('./browser/naive') }).museNaive;
    const r = await naive.renderNaive(piece, options);
    return { ms: r.ms, seconds: r.frames / 44_100 };
  }, args);
  const limit = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), NAIVE_LIMIT_MS));
  return Promise.race([run, limit]);
}

export async function benchRender(): Promise<Figure[]> {
  const script = await naiveScript();
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const pieces = {
      '30 s': pieceOfSeconds(30),
      '60 s': pieceOfSeconds(60),
      '3 min': pieceOfSeconds(180),
      '6 min': pieceOfSeconds(360),
    };
    const factor = (r: { ms: number; seconds: number }) => r.seconds / (r.ms / 1000);
    // The naive renders first, in a fresh page of their own (Tone.js fills its own context).
    const naivePage = await browser.newPage();
    await naivePage.goto(server.url);
    await naivePage.addScriptTag({ path: script });
    const naive30 = await naiveMs(naivePage, pieces['30 s']);
    const naive60 = await naiveMs(naivePage, pieces['60 s']);
    await naivePage.close();
    const naiveFigure = (name: string, r: { ms: number; seconds: number } | undefined): Figure =>
      r
        ? { name: `naive Tone.PolySynth + Tone.Offline, ${name}`, value: factor(r), unit: '× realtime' }
        : { name: `naive render, ${name}: gave up after ${NAIVE_LIMIT_MS / 1000} s`, value: 0, unit: '× realtime' };
    figures.push(naiveFigure('30 s', naive30), naiveFigure('60 s', naive60));

    const [s30, m3, m6] = await engineMs(page, [pieces['30 s'], pieces['3 min'], pieces['6 min']], 5);
    const ours = { '30 s': s30, '3 min': m3, '6 min': m6 };
    const baseline = (r: { ms: number; seconds: number } | undefined, name: string, value: number) =>
      r ? { name, value: factor(r), ratio: value / factor(r) } : undefined;
    for (const [name, r] of Object.entries(ours)) {
      const value = factor(r);
      const naive = name === '30 s' ? naive30 : naive60;
      figures.push({
        name: `engine render, 4 tracks, ${name} (${r.seconds.toFixed(0)} s with tail)`,
        value,
        unit: '× realtime',
        baseline: baseline(naive, name === '30 s' ? 'naive 30 s' : 'naive 60 s (its longest)', value),
      });
    }
    figures.push({
      name: 'engine render cost, 6 min (wall clock)',
      value: ours['6 min'].ms,
      unit: 'ms',
      baseline: { name: '3 min', value: ours['3 min'].ms, ratio: ours['6 min'].ms / ours['3 min'].ms },
    });
    if (cpuTimesAvailable())
      figures.push({
        name: 'engine render cost, 6 min (CPU time of the browser, all threads)',
        value: ours['6 min'].cpuMs,
        unit: 'ms',
        baseline: { name: '3 min', value: ours['3 min'].cpuMs, ratio: ours['6 min'].cpuMs / ours['3 min'].cpuMs },
      });
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printFigures(await benchRender(), process.argv.includes('--json'));
}
