import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { builtinPresets, generate } from '../../src/presets';
import { openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: {
    recipe(): { preset: string; seed: number } | undefined;
    piece(): Piece;
    corpora(): { loaded: string[]; loading: string | undefined };
    prepared(): string[];
    model(): { prebuilt: boolean } | undefined;
  };
  firstShown?: number;
}

/** Notes (performance.now) when the first piece is in window.muse, checked every frame. */
const NOTE_FIRST_PIECE = () => {
  const w = window as unknown as MuseWindow;
  const check = () => {
    if (w.muse?.recipe()) w.firstShown = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};
const SAVE_DATA = () =>
  Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true }) });

const CHUNK = /\/assets\/([a-z-]+)-[\w-]+\.js$/;
const presets = builtinPresets();
const corporaOfPresets = [...new Set(presets.map((p) => p.corpus))].sort();

/** Corpus chunks the page requests from now on, in order. */
function watchChunks(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (r) => {
    const name = CHUNK.exec(r.url())?.[1];
    if (name && corporaOfPresets.includes(name)) fetched.push(name);
  });
  return fetched;
}

/**
 * Issue 17: the page prepares the built-in presets while it is idle (presetPreparation.ts): each
 * preset's corpus chunk, its model and its tables, once the first piece is shown. Checked here: the
 * first piece waits for no other corpus; every preset gets prepared; choosing a prepared preset
 * fetches nothing, never says "Loading the … corpus…", and shows exactly the piece Node composes for its recipe.
 * The timing is a benchmark (`MUSE_PAGE_BENCH=switch npx tsx tests/bench/page.bench.ts`).
 */
describe.skipIf(!chromiumAvailable())('built-in presets prepared while the page is idle', () => {
  it('prepares every preset after the first piece; a prepared preset fetches nothing and composes what Node composes', async () => {
    const app = await openApp({ noGoto: true, initScript: NOTE_FIRST_PIECE });
    try {
      const { page } = app;
      const recipe = () => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
      const fetched = watchChunks(page);
      await page.goto(app.url);
      await expect.poll(async () => (await recipe())?.preset).toBe(presets[0].name);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as MuseWindow).muse.prepared()), { timeout: 60_000 })
        .toEqual(presets.map((p) => p.name));
      expect((await page.evaluate(() => (window as unknown as MuseWindow).muse.corpora().loaded)).sort()).toEqual(
        expect.arrayContaining(corporaOfPresets),
      );
      expect([...fetched].sort()).toEqual(corporaOfPresets); // each once
      expect(fetched[0]).toBe(presets[0].corpus);
      // The other chunks were asked for only after the first piece was there.
      const asked = await page.evaluate(() => {
        const first = (window as unknown as MuseWindow).firstShown ?? Number.POSITIVE_INFINITY;
        return performance
          .getEntriesByType('resource')
          .filter((e) => /\/assets\/[a-z-]+-[\w-]+\.js$/.test(e.name))
          .map((e) => ({ name: e.name, after: e.startTime > first }));
      });
      const others = asked.filter((a) =>
        corporaOfPresets.some((c) => a.name.includes(`/${c}-`) && c !== presets[0].corpus),
      );
      expect(others.length).toBe(corporaOfPresets.length - 1);
      expect(others.every((a) => a.after)).toBe(true);

      const before = fetched.length;
      for (const preset of presets.slice(1)) {
        await page.getByLabel('Preset', { exact: true }).selectOption(preset.name);
        // Prepared: the piece is there in the task of the choice itself (no corpus to wait for).
        expect((await recipe())?.preset).toBe(preset.name);
        expect(await page.locator('#status').textContent()).not.toMatch(/Loading the .* corpus/);
        expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.model()?.prebuilt)).toBe(true);
        const seed = (await recipe())?.seed ?? 0;
        const g = generate({ preset: preset.name, seed });
        if (!g.ok) throw new Error(g.error.message);
        expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.piece()), preset.name).toEqual(
          JSON.parse(JSON.stringify(g.value.piece)),
        );
      }
      expect(fetched.length).toBe(before);
      expect(app.problems).toEqual([]);

      // Negative control: with Save-Data nothing is prepared, and choosing a preset fetches its
      // corpus and waits for it — what the checks above rule out.
      const context = await app.browser.newContext();
      await context.addInitScript(SAVE_DATA);
      const saving = await context.newPage();
      const fetchedSaving = watchChunks(saving);
      await saving.goto(app.url);
      await expect
        .poll(() => saving.evaluate(() => (window as unknown as MuseWindow).muse.recipe()?.preset))
        .toBe(presets[0].name);
      await saving.waitForTimeout(3000);
      expect(await saving.evaluate(() => (window as unknown as MuseWindow).muse.prepared())).toEqual([]);
      expect(fetchedSaving).toEqual([presets[0].corpus]);
      await saving.getByLabel('Preset', { exact: true }).selectOption(presets[4].name);
      expect(await saving.evaluate(() => (window as unknown as MuseWindow).muse.recipe()?.preset)).not.toBe(
        presets[4].name,
      );
      await expect
        .poll(() => saving.evaluate(() => (window as unknown as MuseWindow).muse.recipe()?.preset))
        .toBe(presets[4].name);
      expect(fetchedSaving).toEqual([presets[0].corpus, presets[4].corpus]);
      await context.close();
    } finally {
      await app.close();
    }
  }, 180_000);
});
