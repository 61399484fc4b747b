/**
 * Live benchmarks in headless Chromium against the built app: click Play → first sound (the
 * transport's start at the speakers, from the click's time), with a bare AudioContext started by a
 * click and an oscillator at once as the baseline; and the grand piano's samples loaded (fetched
 * and decoded) from the local server when a preset first needs them, against fetching the same
 * files without decoding. Each figure the median of several fresh pages (no cache). Run alone
 * with `npx tsx tests/bench/live.bench.ts [--json]`. A benchmark, not a test.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { PIANO_NOTES, PIANO_PATH, pianoFile } from '../../src/engine/samples/piano';
import { launchChromium, serveBuiltApp } from '../helpers/browser';
import { type Figure, printFigures } from './measure';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Muse {
  muse: { latency(): number | undefined; transport(): { state: string } };
}

/** A fresh page of the app (its own context: no cache, no storage). */
async function fresh(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  return { page, close: () => context.close() };
}

/** Milliseconds from a click on Play to the transport's start at the speakers, in a fresh page. */
async function clickToSound(browser: Browser, url: string): Promise<number> {
  const { page, close } = await fresh(browser, url);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => (window as unknown as Muse).muse.latency() !== undefined, undefined, {
    timeout: 10_000,
  });
  const ms = await page.evaluate(() => (window as unknown as Muse).muse.latency()!);
  await close();
  return ms;
}

/** The same measure for a bare AudioContext made on a click and an oscillator started at once. */
async function bareClickToSound(browser: Browser, url: string): Promise<number> {
  const { page, close } = await fresh(browser, url);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('afterbegin', '<button id="bare">bare</button>');
    document.getElementById('bare')!.addEventListener('click', async (e) => {
      const ctx = new AudioContext({ latencyHint: 'interactive' });
      void ctx.resume();
      const osc = ctx.createOscillator();
      osc.connect(ctx.destination);
      const start = ctx.currentTime + 0.02;
      osc.start(start);
      await ctx.resume();
      const stamp = ctx.getOutputTimestamp();
      (window as unknown as { bare: number }).bare =
        stamp.contextTime && stamp.performanceTime
          ? stamp.performanceTime + (start - stamp.contextTime) * 1000 - e.timeStamp
          : (start - ctx.currentTime + ctx.baseLatency) * 1000 + performance.now() - e.timeStamp;
    });
  });
  await page.click('#bare');
  await page.waitForFunction(() => (window as unknown as { bare?: number }).bare !== undefined);
  const ms = await page.evaluate(() => (window as unknown as { bare: number }).bare);
  await close();
  return ms;
}

/** Seconds until the grand piano is loaded after choosing a preset that plays it, in a fresh page. */
async function pianoLoad(browser: Browser, url: string): Promise<number> {
  const { page, close } = await fresh(browser, url);
  await page.getByRole('combobox', { name: 'Preset', exact: true }).selectOption('minor-nocturne');
  await page.waitForFunction(
    () => /grand piano are loaded/.test(document.getElementById('status')?.textContent ?? ''),
    undefined,
    {
      timeout: 30_000,
    },
  );
  const text = (await page.locator('#status').textContent()) ?? '';
  await close();
  return Number(/\((\d+(?:\.\d+)?) s\)/.exec(text)?.[1]);
}

/** Seconds to fetch the piano's files (no decoding), in a fresh page. */
async function pianoFetch(browser: Browser, url: string): Promise<number> {
  const { page, close } = await fresh(browser, url);
  const files = PIANO_NOTES.map((n) => `${PIANO_PATH}${pianoFile(n)}`);
  const s = await page.evaluate(async (list) => {
    const t0 = performance.now();
    await Promise.all(list.map((f) => fetch(f).then((r) => r.arrayBuffer())));
    return (performance.now() - t0) / 1000;
  }, files);
  await close();
  return s;
}

export async function benchLive(): Promise<Figure[]> {
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  const load = `load ${loadavg()[0].toFixed(1)}`;
  try {
    const clicks: number[] = [];
    const bare: number[] = [];
    const piano: number[] = [];
    const fetched: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      clicks.push(await clickToSound(browser, server.url));
      bare.push(await bareClickToSound(browser, server.url));
      piano.push(await pianoLoad(browser, server.url));
      fetched.push(await pianoFetch(browser, server.url));
    }
    const c = median(clicks);
    const b = median(bare);
    const p = median(piano);
    const f = median(fetched);
    return [
      {
        name: `click Play → first sound (${load})`,
        value: c,
        unit: 'ms',
        baseline: { name: 'bare AudioContext and oscillator on a click', value: b, ratio: c / b },
      },
      {
        name: `grand piano samples loaded from the local server (${PIANO_NOTES.length} MP3s; ${load})`,
        value: p,
        unit: 's',
        baseline: { name: 'the same files fetched, not decoded', value: f, ratio: p / f },
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printFigures(await benchLive(), process.argv.includes('--json'));
}
