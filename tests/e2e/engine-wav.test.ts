import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavHeader, type WavInfo } from '../../src/engine/wav';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

describe.skipIf(!chromiumAvailable())('Export WAV in Chromium (the built app)', () => {
  let app: App;
  let page: Page;
  let problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'muse-wav-'));
  const setField = async (name: string, value: string) => {
    const field = page.getByRole('spinbutton', { name, exact: true });
    await field.fill(value);
    await field.blur();
  };

  /** Clicks Export WAV, records the progress bar's values, and reads the downloaded file's header. */
  const exportWav = async (): Promise<{ name: string; info: WavInfo; progress: number[] }> => {
    await page.evaluate(() => {
      const bar = document.getElementById('wav-progress') as HTMLProgressElement;
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      new MutationObserver(() => {
        if (!bar.hidden) seen.push(bar.value / bar.max);
      }).observe(bar, { attributes: true });
    });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export WAV', exact: true }).click(),
    ]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const info = readWavHeader(new Uint8Array(readFileSync(file)));
    if (typeof info === 'string') throw new Error(info);
    const progress = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    return { name: download.suggestedFilename(), info, progress };
  };

  beforeAll(async () => {
    app = await openApp();
    ({ page, problems } = app);
    await page.getByLabel('Preset', { exact: true }).selectOption('folk-dance');
    await setField('Seed', '42');
    await setField('Tempo', '120');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('downloads a 44.1 kHz 16-bit stereo .wav whose length follows the Bars field, with progress', async () => {
    await setField('Bars', '8');
    const eight = await exportWav();
    expect(eight.name).toBe('folk-dance-seed-42.wav');
    expect(eight.info).toMatchObject({ format: 1, channels: 2, sampleRate: 44_100, bitsPerSample: 16 });
    expect(eight.info.dataBytes).toBe(eight.info.frames * 4);
    // 8 bars of 4/4 at 120 bpm are 16 s; the file adds the tail (last release and the reverb).
    const tail = eight.info.frames / 44_100 - 16;
    expect(tail).toBeGreaterThan(1);
    expect(tail).toBeLessThan(8);
    expect(eight.progress.length).toBeGreaterThan(0);
    expect(Math.max(...eight.progress)).toBe(1);

    // Typed but not committed (no blur): the export reads the field as it is.
    await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('12');
    const twelve = await exportWav();
    // Four more bars: 8 s more, to the frame.
    expect(Math.abs(twelve.info.frames - eight.info.frames - 8 * 44_100)).toBeLessThanOrEqual(1);
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/Exported folk-dance-seed-42\.wav/);
    expect(await page.locator('#wav-progress').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('can be cancelled while it renders', async () => {
    await setField('Bars', '400');
    await page.getByRole('button', { name: 'Export WAV', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel WAV export', exact: true }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('WAV export cancelled.');
    expect(await page.getByRole('button', { name: 'Export WAV', exact: true }).isEnabled()).toBe(true);
    expect(await page.locator('#wav-progress').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });
});
