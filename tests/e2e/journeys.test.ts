import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readWavHeader } from '../../src/engine/wav';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { midiCheck, midiCheckAvailable } from '../helpers/midiCheck';
import { SHARED_CORPORA, sharedCorporaAvailable } from '../helpers/shared';

interface MuseWindow {
  muse: {
    audioState(): string;
    ticks(): number;
    recipe(): { preset: string; seed: number } | undefined;
    level(): { peak: number; rms: number } | undefined;
    model(): { name: string; user: boolean; pieces: number } | undefined;
  };
}
const muse = (page: Page) => ({
  ticks: () => page.evaluate(() => (window as unknown as MuseWindow).muse.ticks()),
  recipe: () => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe()),
  peak: () => page.evaluate(() => (window as unknown as MuseWindow).muse.level()?.peak ?? 0),
  model: () => page.evaluate(() => (window as unknown as MuseWindow).muse.model()),
});

/**
 * The two journeys of issue 9, as a user makes them, in one page each: open → Play → sound → change
 * preset → Regenerate → Export MIDI and WAV; drop the files of a Nottingham folder → train → compose
 * from the new model and play it.
 */
describe.skipIf(!chromiumAvailable() || !sharedCorporaAvailable())('user journeys in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muse-journey-'));
  const apps: App[] = [];

  const open = async () => {
    const app = await openApp();
    apps.push(app);
    await app.page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
    return app;
  };

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('open → Play → sound → change preset → Regenerate → Export MIDI and WAV', async () => {
    const { page, problems } = await open();
    const m = muse(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.audioState())).toBe('running');
    const start = await m.ticks();
    await expect.poll(m.ticks, { timeout: 10_000 }).toBeGreaterThan(start + 480);
    await expect.poll(m.peak, { timeout: 10_000 }).toBeGreaterThan(0.01);

    await page.getByLabel('Preset', { exact: true }).selectOption('lofi-jazz');
    await expect.poll(async () => (await m.recipe())?.preset).toBe('lofi-jazz');
    const seed = (await m.recipe())?.seed;
    await page.getByRole('button', { name: 'Regenerate', exact: true }).click();
    await expect.poll(async () => (await m.recipe())?.seed).not.toBe(seed);
    // Still playing the new piece.
    const now = await m.ticks();
    await expect.poll(m.ticks, { timeout: 10_000 }).toBeGreaterThan(now);

    const recipe = await m.recipe();
    const [midi] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export MIDI', exact: true }).click(),
    ]);
    expect(midi.suggestedFilename()).toBe(`lofi-jazz-seed-${recipe?.seed}.mid`);
    const midiFile = join(dir, midi.suggestedFilename());
    await midi.saveAs(midiFile);
    if (midiCheckAvailable()) expect(midiCheck(midiFile).status).toBe(0);

    await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('8');
    const [wav] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Export WAV', exact: true }).click(),
    ]);
    const wavFile = join(dir, wav.suggestedFilename());
    await wav.saveAs(wavFile);
    const info = readWavHeader(new Uint8Array(readFileSync(wavFile)));
    if (typeof info === 'string') throw new Error(info);
    expect(info).toMatchObject({ channels: 2, sampleRate: 44_100, bitsPerSample: 16 });
    expect(info.frames).toBeGreaterThan(44_100 * 8);
    expect(problems).toEqual([]);
  });

  it('drop the files of a Nottingham folder → train → compose from the new model and play it', async () => {
    const { page, problems } = await open();
    const m = muse(page);
    const folder = join(SHARED_CORPORA, 'nottingham');
    const names = readdirSync(folder)
      .filter((n) => n.endsWith('.mid'))
      .sort()
      .slice(0, 30);
    const files = names.map((name) => ({ name, data: readFileSync(join(folder, name)).toString('base64') }));
    // A real drop event on the corpus panel, carrying the files as a browser's drag and drop does.
    await page.evaluate((list) => {
      const transfer = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: 'audio/midi' }));
      }
      const panel = document.getElementById('corpus-panel') as HTMLElement;
      panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      panel.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, files);
    await expect
      .poll(() => page.locator('#import-summary').textContent(), { timeout: 90_000 })
      .toBe(`${names.length} pieces imported.`);
    await page.getByRole('button', { name: 'Train model' }).click();
    await expect.poll(async () => (await m.model())?.user, { timeout: 120_000 }).toBe(true);
    expect(await m.model()).toMatchObject({ pieces: names.length });
    const selected = page.getByRole('combobox', { name: 'Model', exact: true });
    expect(await selected.locator('option:checked').textContent()).toContain(`${names.length} pieces`);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const start = await m.ticks();
    await expect.poll(m.ticks, { timeout: 10_000 }).toBeGreaterThan(start + 480);
    await expect.poll(m.peak, { timeout: 10_000 }).toBeGreaterThan(0.01);
    // A share link cannot carry the model: the page says so rather than promise the same piece.
    await page.getByText('More export options').click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/comes from your own model/);
    expect(problems).toEqual([]);
  });
});
