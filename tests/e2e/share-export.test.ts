import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPresets, generate, shareFragment } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: { recipe(): { preset: string; seed: number; bars: number; tempo: number }; piece(): unknown };
}

describe.skipIf(!chromiumAvailable())('share links, export options and the same piece in Node and the browser', () => {
  let app: App;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    app = await openApp({ noGoto: true });
    ({ page, problems } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  // Nine presets composed in Node and in the page, then compared deeply: 15–30 s on a busy 2-core machine.
  it('composes the identical piece (deep equality) in the browser and in Node, for every preset', {
    timeout: 120_000,
  }, async () => {
    for (const preset of builtinPresets()) {
      const recipe = { preset: preset.name, seed: 77, bars: preset.bars, tempo: preset.tempo };
      await page.goto(`${app.url}#${shareFragment(recipe)}`);
      // The page loads the preset's corpus first (a chunk of its own), then shows the piece.
      await page.waitForFunction(
        (name) => (window as unknown as MuseWindow).muse?.recipe()?.preset === name,
        preset.name,
      );
      const inNode = generate(recipe);
      if (!inNode.ok) throw new Error(inNode.error.message);
      expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.recipe())).toEqual(inNode.value.recipe);
      const inBrowser = await page.evaluate(() => (window as unknown as MuseWindow).muse.piece());
      expect(inBrowser, preset.name).toEqual(JSON.parse(JSON.stringify(inNode.value.piece)));
    }
    expect(problems).toEqual([]);
  });

  it('names a broken share link and opens the page anyway', async () => {
    await page.goto(`${app.url}#v=1&preset=folk-dance&seed=1&__proto__=x`);
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/share link cannot be opened.*__proto__/);
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.recipe())).toBeDefined();
  });

  it('exports a range of bars per track and the piece as JSON, and copies a share link that restores it', async () => {
    await page.goto(`${app.url}#v=1&preset=folk-dance&seed=5&bars=16&tempo=120`);
    await page.getByText('More export options').click();
    await page.getByLabel('From bar').fill('5');
    await page.getByLabel('To bar').fill('8');
    await page.getByLabel('One file per track').check();
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: 'Export MIDI with these options' }).click();
    await expect.poll(() => downloads.length).toBe(3);
    expect(downloads).toEqual(['melody', 'chords', 'bass'].map((t) => `folk-dance-seed-5-bars-5-8-${t}.mid`));
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const path = await json.path();
    const data = JSON.parse(readFileSync(path, 'utf8'));
    expect(data.format).toBe('markov-muse/piece');
    expect(data.provenance.recipe).toMatchObject({ preset: 'folk-dance', seed: 5, bars: 16, tempo: 120 });
    const folk = builtinPresets().find((p) => p.name === 'folk-dance');
    expect(data.provenance.recipe).toMatchObject({ key: folk?.key, mode: folk?.mode, meter: folk?.meter });
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toContain('#v=1&preset=folk-dance&seed=5&bars=16&tempo=120');
    expect(problems).toEqual([]);
  });
});
