import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import type { SoundSpec } from '../../src/engine/sound';
import { endlessPiece, pieceSeconds } from '../bench/browser/testPieces';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface Soak {
  frames: number;
  chunkSeconds: number;
  /** Milliseconds of work per chunk (render and mix, one chunk at a time). */
  chunkCost: number[];
  peak: number;
  nan: number;
  /** usedJSHeapSize sampled every minute of audio (MB, no GC forced). */
  heapMb: number[];
}

/** Renders `window.soak` (set beforehand) in the page, keeping nothing of the audio. Self-contained. */
async function renderSoak(): Promise<Soak> {
  type Offline = typeof import('../../src/engine/offline');
  const w = window as unknown as {
    muse: { offline(): Promise<Offline> };
    soak: { piece: Piece; options: SoundSpec };
  };
  const engine = await w.muse.offline();
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  const heapMb: number[] = [];
  let frames = 0;
  let peak = 0;
  let nan = 0;
  const chunkSeconds = 8;
  const result = await engine.renderPiece(
    w.soak.piece,
    w.soak.options,
    (left, right, n) => {
      for (let i = 0; i < n; i++) {
        const a = Math.max(Math.abs(left[i]), Math.abs(right[i]));
        if (a > peak) peak = a;
        if (Number.isNaN(a)) nan++;
      }
      if (Math.floor((frames + n) / (60 * 44_100)) > Math.floor(frames / (60 * 44_100)))
        heapMb.push((memory?.usedJSHeapSize ?? 0) / 2 ** 20);
      frames += n;
    },
    { chunkSeconds, parallel: 1 },
  );
  const ends = result.chunkEndMs;
  return { frames, chunkSeconds, chunkCost: ends.map((t, i) => t - (ends[i - 1] ?? 0)), peak, nan, heapMb };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
const median = (xs: number[]) => quantile(xs, 0.5);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe.skipIf(!chromiumAvailable())('soak: 30 minutes of endless-mode music rendered offline', () => {
  let app: App;
  let page: Page;
  let cdp: CDPSession;
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  };

  beforeAll(async () => {
    app = await openApp();
    ({ page } = app);
    cdp = await page.context().newCDPSession(page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps the heap flat and the last minute as cheap as the first', { timeout: 240_000 }, async () => {
    const soak = endlessPiece(30 * 60);
    expect(pieceSeconds(soak.piece)).toBeGreaterThanOrEqual(30 * 60);
    expect(soak.piece.tracks).toHaveLength(4);
    await page.evaluate((s) => {
      (window as unknown as { soak: unknown }).soak = s;
    }, soak);
    // Warm the engine up (code loaded, noise and waves made) before the heap is measured.
    await page.evaluate(async (warm) => {
      const w = window as unknown as { muse: { offline(): Promise<typeof import('../../src/engine/offline')> } };
      const engine = await w.muse.offline();
      await engine.renderPiece(warm.piece, warm.options, () => {});
    }, endlessPiece(20));
    const before = await heapMb();
    const t0 = performance.now();
    const result = await page.evaluate(renderSoak);
    const seconds = (performance.now() - t0) / 1000;
    const after = await heapMb();
    const perMinute = Math.round(60 / result.chunkSeconds);
    const first = result.chunkCost.slice(0, perMinute);
    const last = result.chunkCost.slice(-perMinute - 1, -1); // the last full minute, before the tail
    const audio = result.frames / 44_100;
    console.info(
      `soak: ${(audio / 60).toFixed(1)} min of audio in ${seconds.toFixed(1)} s (${(audio / seconds).toFixed(0)}× realtime); ` +
        `heap ${before.toFixed(2)} → ${after.toFixed(2)} MB after GC (during: ${result.heapMb.map((h) => h.toFixed(1)).join(' ')}); ` +
        `first minute ${sum(first).toFixed(0)} ms (chunks: median ${median(first).toFixed(0)}, lower quartile ${quantile(first, 0.25).toFixed(0)}), ` +
        `last minute ${sum(last).toFixed(0)} ms (median ${median(last).toFixed(0)}, lower quartile ${quantile(last, 0.25).toFixed(0)})`,
    );
    expect(audio).toBeGreaterThanOrEqual(30 * 60);
    expect(result.nan).toBe(0);
    expect(result.peak).toBeLessThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(10);
    // What a chunk costs, the lower quartile of each minute: other work on a busy machine only ever
    // adds time, so this sees a trend in the engine's own cost and not the neighbours' noise.
    expect(quantile(last, 0.25)).toBeLessThanOrEqual(1.2 * quantile(first, 0.25));
  });
});
