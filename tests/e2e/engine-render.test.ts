import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavHeader } from '../../src/engine/wav';
import { type RenderArgs, renderStats, renderWavInPage } from '../bench/browser/pageRender';
import { pieceSeconds, tinyOptions, tinyPiece } from '../bench/browser/testPieces';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

/** Louder than this (RMS) is "audible"; the quietest part of the test piece is about 0.01. */
const AUDIBLE = 0.002;

describe.skipIf(!chromiumAvailable())('offline render in Chromium (the built app)', () => {
  let app: App;
  let page: Page;
  let problems: string[] = [];
  const piece = tinyPiece();
  const options = tinyOptions();
  const render = (extra: Partial<RenderArgs> = {}) =>
    page.evaluate(renderStats, { piece, options, ...extra } as RenderArgs);

  beforeAll(async () => {
    app = await openApp();
    ({ page, problems } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('renders the four-track piece: not silent, the expected length, peak ≤ 1, no NaN', async () => {
    const stats = await render();
    const seconds = pieceSeconds(piece);
    expect(seconds).toBe(8);
    // Piece plus tail (releases, reverb), to the frame.
    expect(stats.frames).toBe(Math.ceil(stats.seconds * 44_100));
    expect(stats.seconds).toBeGreaterThan(seconds + 1);
    expect(stats.seconds).toBeLessThan(seconds + 8);
    expect(stats.sampleRate).toBe(44_100);
    expect(stats.rms).toBeGreaterThan(0.02);
    expect(stats.peak).toBeLessThanOrEqual(1);
    expect(stats.peak).toBeGreaterThan(0.1);
    expect(stats.nan).toBe(0);
    // Sound all along the piece, and the tail dies away.
    for (const r of stats.rmsPerSecond.slice(0, 8)) expect(r).toBeGreaterThan(AUDIBLE);
    expect(stats.rmsPerSecond.at(-1)!).toBeLessThan(stats.rmsPerSecond[4] / 20);
    expect(problems).toEqual([]);
  });

  it('gives the same samples twice, whatever the chunk size and parallelism', async () => {
    const a = await render();
    const b = await render();
    expect(b.hash).toBe(a.hash);
    // Chunks join exactly: different chunking changes only float rounding, not the sound.
    const c = await render({ render: { chunkSeconds: 3, parallel: 1 } });
    expect(c.frames).toBe(a.frames);
    expect(Math.abs(c.rms - a.rms)).toBeLessThan(a.rms * 1e-4);
    const d = await render({ render: { chunkSeconds: 3, parallel: 1 } });
    expect(d.hash).toBe(c.hash);
  });

  it.each(['melody', 'chords', 'bass', 'drums'])('makes %s audible when soloed and silent when muted', async (id) => {
    const solo = await render({ render: { mixer: { [id]: { solo: true } } } });
    expect(solo.rms).toBeGreaterThan(AUDIBLE);
    expect(solo.nan).toBe(0);
    const muted = await render({ render: { mixer: { [id]: { solo: true, mute: true } } } });
    expect(muted.peak).toBe(0);
    const others = await render({ render: { mixer: { [id]: { mute: true } } } });
    expect(others.rms).toBeGreaterThan(AUDIBLE);
    expect(others.hash).not.toBe(solo.hash);
  });

  it('plays a piece that has tracks the preset has no voice for (any id, any role)', async () => {
    const extra = {
      ...piece,
      tracks: [
        ...piece.tracks,
        { ...piece.tracks[0], id: 'counter', name: 'Counter', role: 'other' as const, channel: 3 },
      ],
    };
    const stats = await page.evaluate(renderStats, {
      piece: extra,
      options,
      render: { mixer: { counter: { solo: true } } },
    } as RenderArgs);
    expect(stats.rms).toBeGreaterThan(AUDIBLE);
  });

  it('writes a 44.1 kHz, 16-bit stereo WAV file of the right length', async () => {
    const wav = await page.evaluate(renderWavInPage, { piece, options } as RenderArgs);
    const bytes = new Uint8Array(wav.size);
    bytes.set(wav.header);
    expect(wav.size).toBe(44 + wav.frames * 4);
    const info = readWavHeader(bytes);
    expect(typeof info).toBe('object');
    if (typeof info === 'string') return;
    expect(info).toMatchObject({ format: 1, channels: 2, sampleRate: 44_100, bitsPerSample: 16 });
    expect(info.frames).toBe(wav.frames);
    expect(info.dataBytes).toBe(wav.frames * 4);
    const stats = await render();
    expect(info.frames).toBe(stats.frames);
  });
});
