import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { builtinPresets, generate } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: {
    recipe(): { preset: string; seed: number } | undefined;
    piece(): Piece;
    model(): { name: string; user: boolean; contentHash: string; prebuilt: boolean } | undefined;
  };
}

/**
 * Issue 17: the built-in presets' models come trained with their corpus chunk (at build time,
 * vite.config.ts `builtinModels`), so switching preset parses a model instead of training one on
 * the main thread. The timing is a benchmark (`npm run bench`, "Preset switch"); this checks that
 * every preset's model is the prebuilt one and composes exactly the piece Node composes with a
 * model it trains itself.
 */
describe.skipIf(!chromiumAvailable())('built-in models trained at build time', () => {
  let app: App;
  let page: Page;
  const model = () => page.evaluate(() => (window as unknown as MuseWindow).muse.model());
  const recipe = () => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());

  beforeAll(async () => {
    app = await openApp();
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('every preset composes with the model of its corpus chunk, the piece Node composes', async () => {
    for (const preset of builtinPresets()) {
      await page.getByLabel('Preset', { exact: true }).selectOption(preset.name);
      await expect.poll(async () => (await recipe())?.preset, { timeout: 20_000 }).toBe(preset.name);
      const m = await model();
      expect(m, preset.name).toMatchObject({ name: preset.corpus, user: false, prebuilt: true });
      const seed = (await recipe())?.seed ?? 0;
      const g = generate({ preset: preset.name, seed });
      if (!g.ok) throw new Error(g.error.message);
      expect(m?.contentHash).toBe(g.value.model.provenance.contentHash);
      const inPage = await page.evaluate(() => (window as unknown as MuseWindow).muse.piece());
      expect(inPage, preset.name).toEqual(JSON.parse(JSON.stringify(g.value.piece)));
    }
    expect(app.problems).toEqual([]);
  }, 180_000);
});
