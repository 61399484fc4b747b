/**
 * Offline render benchmark, in headless Chromium against the built app: realtime factor (seconds of
 * audio per second of work) of the engine's chunked render to WAV and of the naive render (a
 * Tone.PolySynth per track scheduled inside Tone.Offline, how the walking skeleton played pieces) of
 * the same 4-track pieces, measured the same way: each in a page of its own, one warm-up render of
 * the shortest piece, then the lengths taking turns (15 s, 30 s, 60 s, 2 min, 3 min, again …), the
 * median of {@link RUNS} renders at each length. The naive render slows down as pieces grow: a
 * render that passes {@link NAIVE_LIMIT_MS} is given up (and said so), and lengths after it are not
 * tried; its figures at the shorter lengths show the curve. The engine also renders 6 minutes: the
 * cost of 6 against 3 minutes in wall-clock and CPU time, and the realtime factor by CPU time at 3
 * and 6 minutes (Linux: on a shared machine the wall clock also counts waits for the CPU). All of this for three kinds of preset: our own light voices
 * (folk-dance), a stock Tone.js instrument (lofi-jazz's FMSynth electric piano) and the sampled grand
 * piano (minor-nocturne, its samples loaded before the clock starts, in both renderers); and, the same
 * way, our LightReverb against Tone's convolution Reverb on the same master (3 minutes).
 * Run alone with `npx tsx tests/bench/render.bench.ts [--json]`.
 * A benchmark, not a test: nothing fails on speed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import type { SoundSpec } from '../../src/engine/sound';
import { launchChromium, serveBuiltApp } from '../helpers/browser';
import { cpuTimesAvailable, descendantsCpuMs } from './browser/cpu';
import { type RenderArgs, renderWavInPage } from './browser/pageRender';
import { pieceOfSeconds } from './browser/testPieces';
import { type Figure, printFigures } from './measure';

/** Renders at each length, after one warm-up (both renderers alike). */
const RUNS = 3;
/** Most one naive render may take before it is given up. */
const NAIVE_LIMIT_MS = 150_000;
/** The lengths both renderers are measured at, in seconds; the engine also at {@link LONG}. */
const LENGTHS = [15, 30, 60, 120, 180];
const LONG = 360;

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

/** One render: wall-clock ms, seconds of audio, CPU ms of the browser (NaN where unknown). */
interface Render {
  ms: number;
  seconds: number;
  cpuMs: number;
}

type Renderer = (page: Page, args: RenderArgs) => Promise<{ ms: number; seconds: number } | undefined>;

/** The engine's render to a WAV file, as Export WAV makes it. */
const engineRender: Renderer = async (page, args) => {
  const wav = await page.evaluate(renderWavInPage, args);
  return { ms: wav.ms, seconds: wav.frames / 44_100 };
};

/** The naive render, or undefined when it passes the time limit. */
const naiveRender: Renderer = (page, args) => {
  const run = page.evaluate(async ({ piece, options }) => {
    type Offline = typeof import('../../src/engine/offline');
    const w = window as unknown as {
      museNaive: typeof import('./browser/naive');
      muse: { offline(): Promise<Offline> };
    };
    // A Sampler part plays the same decoded samples, loaded before the clock starts.
    const engine = await w.muse.offline();
    const ids = engine.libraryIds(options);
    const buffers = ids.length ? (await engine.loadLibraries(ids)).get(ids[0]) : undefined;
    const r = await w.museNaive.renderNaive(piece, options, buffers as Record<string, AudioBuffer> | undefined);
    return { ms: r.ms, seconds: r.frames / 44_100 };
  }, args);
  run.catch(() => {}); // a render given up fails when its page closes
  const limit = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), NAIVE_LIMIT_MS));
  return Promise.race([run, limit]);
};

/**
 * One warm-up render of `warmUp`, then {@link RUNS} rounds over `pieces` in turn; the median of each
 * length. A length whose render gives up is dropped from the next rounds (and so are longer ones).
 */
async function measure(
  page: Page,
  render: Renderer,
  warmUp: RenderArgs,
  pieces: RenderArgs[],
): Promise<(Render | 'gave up' | 'not tried')[]> {
  await render(page, warmUp);
  const runs = pieces.map(() => [] as Render[]);
  const out: (Render | 'gave up' | 'not tried')[] = pieces.map(() => 'not tried');
  let reach = pieces.length;
  for (let i = 0; i < RUNS; i++)
    for (let k = 0; k < reach; k++) {
      const before = cpuTimesAvailable() ? descendantsCpuMs() : 0;
      const r = await render(page, pieces[k]);
      if (!r) {
        out[k] = 'gave up';
        reach = k;
        break;
      }
      runs[k].push({ ...r, cpuMs: cpuTimesAvailable() ? descendantsCpuMs() - before : Number.NaN });
    }
  return out.map((o, k) =>
    o === 'gave up' || runs[k].length < RUNS
      ? o
      : {
          ms: median(runs[k].map((r) => r.ms)),
          seconds: runs[k][0].seconds,
          cpuMs: median(runs[k].map((r) => r.cpuMs)),
        },
  );
}

const factor = (r: Render) => r.seconds / (r.ms / 1000);
const label = (seconds: number) => (seconds < 120 ? `${seconds} s` : `${seconds / 60} min`);

async function freshPage(browser: Browser, url: string, script?: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  if (script) await page.addScriptTag({ path: script });
  return page;
}

/** The figures of one preset: both renderers at every length, the engine at 6 minutes. */
async function benchPreset(
  browser: Browser,
  url: string,
  script: string,
  preset: string,
  kind: string,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  {
    const pieces = LENGTHS.map((s) => pieceOfSeconds(s, preset));
    const long = pieceOfSeconds(LONG, preset);
    const naivePage = await freshPage(browser, url, script);
    const naive = await measure(naivePage, naiveRender, pieces[0], pieces);
    await naivePage.close();
    const enginePage = await freshPage(browser, url);
    const engine = await measure(enginePage, engineRender, pieces[0], [...pieces, long]);
    await enginePage.close();
    LENGTHS.forEach((seconds, k) => {
      const n = naive[k];
      figures.push(
        typeof n === 'object'
          ? {
              name: `naive Tone.PolySynth + Tone.Offline, ${preset} (${kind}), ${label(seconds)}`,
              value: factor(n),
              unit: '× realtime',
            }
          : {
              name: `naive Tone.PolySynth + Tone.Offline, ${preset} (${kind}), ${label(seconds)}`,
              value: Number.NaN,
              unit: '× realtime',
              note:
                n === 'gave up'
                  ? `a render took longer than ${NAIVE_LIMIT_MS / 1000} s: given up`
                  : 'not tried (a shorter render was given up)',
            },
      );
    });
    [...LENGTHS, LONG].forEach((seconds, k) => {
      const e = engine[k];
      if (typeof e !== 'object') return;
      const n = naive[k];
      figures.push({
        name: `engine render to WAV, ${preset} (${kind}), 4 tracks, ${label(seconds)} (${e.seconds.toFixed(0)} s with tail)`,
        value: factor(e),
        unit: '× realtime',
        ...(typeof n === 'object'
          ? { baseline: { name: `naive at ${label(seconds)}`, value: factor(n), ratio: factor(e) / factor(n) } }
          : {}),
      });
    });
    const [m3, m6] = [engine[LENGTHS.indexOf(180)], engine[LENGTHS.length]];
    if (typeof m3 === 'object' && typeof m6 === 'object') {
      figures.push({
        name: `engine render cost, ${preset}, 6 min (wall clock)`,
        value: m6.ms,
        unit: 'ms',
        baseline: { name: '3 min', value: m3.ms, ratio: m6.ms / m3.ms },
      });
      if (cpuTimesAvailable()) {
        // Seconds of audio per second of the browser's CPU time: what the render costs whatever
        // else the shared machine is doing (the wall clock also counts waits for a busy CPU).
        for (const [m, seconds] of [
          [m3, 180],
          [m6, LONG],
        ] as const)
          figures.push({
            name: `engine render by CPU time, ${preset} (${kind}), ${label(seconds)}`,
            value: m.seconds / (m.cpuMs / 1000),
            unit: '× realtime (CPU)',
          });
        figures.push({
          name: `engine render cost, ${preset}, 6 min (CPU time of the browser, all threads)`,
          value: m6.cpuMs,
          unit: 'ms',
          baseline: { name: '3 min', value: m3.cpuMs, ratio: m6.cpuMs / m3.cpuMs },
        });
      }
    }
  }
  return figures;
}

/** The presets measured, one of each kind of instrument. */
const KINDS = [
  { preset: 'folk-dance', kind: 'our light voices' },
  { preset: 'lofi-jazz', kind: "Tone's FMSynth" },
  { preset: 'minor-nocturne', kind: 'the sampled piano' },
];

/** The sound of `args` with Tone's convolution Reverb where it has our LightReverb (the same decay and wet). */
function withToneReverb(args: RenderArgs): RenderArgs {
  const sound: SoundSpec = structuredClone(args.options);
  sound.master.effects = sound.master.effects.map((e) => {
    if (e.effect !== 'LightReverb') return e;
    const { damping: _, ...options } = e.options ?? {};
    return { effect: 'Reverb', options: { decay: 2.2, ...options } };
  });
  return { ...args, options: sound };
}

export async function benchRender(): Promise<Figure[]> {
  const script = await naiveScript();
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    for (const { preset, kind } of KINDS)
      figures.push(...(await benchPreset(browser, server.url, script, preset, kind)));
    // Our LightReverb against Tone's Reverb on the same master, measured the same way.
    const ours = pieceOfSeconds(180, 'folk-dance');
    const page = await freshPage(browser, server.url);
    const [light, convolution] = await measure(page, engineRender, pieceOfSeconds(15, 'folk-dance'), [
      ours,
      withToneReverb(ours),
    ]);
    await page.close();
    if (typeof light === 'object' && typeof convolution === 'object')
      figures.push({
        name: 'engine render to WAV, folk-dance 3 min, master LightReverb',
        value: factor(light),
        unit: '× realtime',
        baseline: {
          name: "Tone's Reverb instead",
          value: factor(convolution),
          ratio: factor(light) / factor(convolution),
        },
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
