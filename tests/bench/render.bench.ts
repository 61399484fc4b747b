/**
 * Offline render benchmark, in headless Chromium against the built app: realtime factor (seconds of
 * audio per second of work) of the engine's chunked render of 4-track pieces — presets of our own
 * light voices (folk-dance), of stock Tone.js instruments (lofi-jazz: FMSynth, AMSynth, MonoSynth)
 * and of the sampled piano (minor-nocturne) — at 3 and 6 minutes, the cost of 6 min against 3 min,
 * and beside them the naive render of the same notes and sound in the same run: a Tone.PolySynth (a
 * Sampler) per track scheduled with Tone.Part inside one Tone.Offline (each under a time limit).
 * Also our LightReverb against Tone's convolution Reverb on the same master. The engine's renders
 * take turns, so whatever else the machine does weighs on all alike; the cost ratio is given in
 * wall-clock and in CPU time (Linux). Run alone with `npx tsx tests/bench/render.bench.ts [--json]`.
 * A benchmark, not a test: nothing fails on speed.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { SoundSpec } from '../../src/engine/sound';
import { launchChromium, serveBuiltApp } from '../helpers/browser';
import { cpuTimesAvailable, descendantsCpuMs } from './browser/cpu';
import { type RenderArgs, renderWavInPage } from './browser/pageRender';
import { pieceOfSeconds } from './browser/testPieces';
import { type Figure, printFigures } from './measure';

/** Most a naive render may take before it is given up (and reported as such). */
const NAIVE_LIMIT_MS = 150_000;
/** Engine renders of each piece (after one warm-up); the median is reported. */
const RUNS = 3;

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
const factor = (r: { ms: number; seconds: number }) => r.seconds / (r.ms / 1000);

interface Timed {
  ms: number;
  seconds: number;
  cpuMs: number;
}

/**
 * Median wall-clock and CPU milliseconds of {@link RUNS} engine renders of each piece to a WAV file,
 * as Export WAV makes it (sample libraries loaded first, as the page does), after one warm-up.
 */
async function engineMs(page: Page, pieces: RenderArgs[]): Promise<Timed[]> {
  await page.evaluate(renderWavInPage, pieces[0]);
  const times = pieces.map(() => [] as number[]);
  const cpu = pieces.map(() => [] as number[]);
  const seconds = pieces.map(() => 0);
  for (let i = 0; i < RUNS; i++)
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
    type Offline = typeof import('../../src/engine/offline');
    const w = window as unknown as {
      museNaive: typeof import('./browser/naive');
      muse: { offline(): Promise<Offline> };
    };
    const engine = await w.muse.offline();
    const ids = engine.libraryIds(options);
    const buffers = ids.length ? (await engine.loadLibraries(ids)).get(ids[0]) : undefined;
    const r = await w.museNaive.renderNaive(piece, options, buffers as Record<string, AudioBuffer> | undefined);
    return { ms: r.ms, seconds: r.frames / 44_100 };
  }, args);
  const limit = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), NAIVE_LIMIT_MS));
  return Promise.race([run, limit]);
}

/** The sound of `args` with Tone's convolution Reverb where it has our LightReverb (same decay and wet). */
function withToneReverb(args: RenderArgs): RenderArgs {
  const sound: SoundSpec = structuredClone(args.options);
  sound.master.effects = sound.master.effects.map((e) =>
    e.effect === 'LightReverb' ? { effect: 'Reverb', options: { decay: 2.2, ...e.options, damping: undefined } } : e,
  );
  for (const e of sound.master.effects) if (e.options) delete e.options.damping;
  return { ...args, options: sound };
}

export async function benchRender(): Promise<Figure[]> {
  const script = await naiveScript();
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  const figures: Figure[] = [];
  const load = `load ${loadavg()[0].toFixed(1)}`;
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const kinds = [
      { kind: 'built-in voices', preset: 'folk-dance' },
      { kind: 'stock Tone instruments', preset: 'lofi-jazz' },
      { kind: 'Sampler (grand piano)', preset: 'minor-nocturne' },
    ];
    // The naive renders first, in a fresh page of their own (Tone.js fills its own context).
    const naivePage = await browser.newPage();
    await naivePage.goto(server.url);
    await naivePage.addScriptTag({ path: script });
    const naive = new Map<string, { ms: number; seconds: number } | undefined>();
    for (const { preset } of kinds) naive.set(preset, await naiveMs(naivePage, pieceOfSeconds(180, preset)));
    await naivePage.close();

    for (const { kind, preset } of kinds) {
      const args = [pieceOfSeconds(180, preset), pieceOfSeconds(360, preset)];
      const [m3, m6] = await engineMs(page, args);
      const n = naive.get(preset);
      for (const [name, r] of [
        ['3 min', m3],
        ['6 min', m6],
      ] as const)
        figures.push({
          name: `engine render, ${preset} (${kind}), 4 tracks, ${name} (${r.seconds.toFixed(0)} s with tail; ${load})`,
          value: factor(r),
          unit: '× realtime',
          baseline: n
            ? { name: 'naive PolySynth + Tone.Offline, 3 min', value: factor(n), ratio: factor(r) / factor(n) }
            : undefined,
        });
      if (!n)
        figures.push({
          name: `naive render of ${preset}, 3 min: gave up after ${NAIVE_LIMIT_MS / 1000} s`,
          value: 0,
          unit: '× realtime',
        });
      figures.push({
        name: `engine render cost, ${preset}, 6 min (wall clock)`,
        value: m6.ms,
        unit: 'ms',
        baseline: { name: '3 min', value: m3.ms, ratio: m6.ms / m3.ms },
      });
      if (cpuTimesAvailable())
        figures.push({
          name: `engine render cost, ${preset}, 6 min (CPU time of the browser, all threads)`,
          value: m6.cpuMs,
          unit: 'ms',
          baseline: { name: '3 min', value: m3.cpuMs, ratio: m6.cpuMs / m3.cpuMs },
        });
    }

    // Our LightReverb against Tone's Reverb on the same master, the same piece.
    const ours = pieceOfSeconds(180, 'folk-dance');
    const [light, convolution] = await engineMs(page, [ours, withToneReverb(ours)]);
    figures.push({
      name: `engine render, folk-dance 3 min, master LightReverb (${load})`,
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
  const { loadBuiltinCorpora } = await import('../../src/presets');
  await loadBuiltinCorpora();
  printFigures(await benchRender(), process.argv.includes('--json'));
}
