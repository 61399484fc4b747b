import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullRecipe, generate } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: { recipe(): FullRecipe; piece(): unknown };
}

const recipeOf = (page: Page) => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
const pieceOf = (page: Page) => page.evaluate(() => (window as unknown as MuseWindow).muse.piece());

/** The piece Node composes for a recipe, as plain data. */
function nodePiece(recipe: FullRecipe): unknown {
  const g = generate(recipe);
  if (!g.ok) throw new Error(g.error.message);
  return JSON.parse(JSON.stringify(g.value.piece));
}

describe.skipIf(!chromiumAvailable())(
  'the generation panel: key, mode, meter, form, novelty, originality limit',
  () => {
    let app: App;
    let page: Page;

    beforeAll(async () => {
      app = await openApp({ hash: 'v=1&preset=pop-ballad&seed=9' });
      page = app.page;
      await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
    });

    afterAll(async () => {
      await app?.close();
    });

    it("shows the preset's values, and each change makes Node's piece for the new recipe", async () => {
      const start = await recipeOf(page);
      expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe(start.key);
      expect(await page.getByLabel('Mode', { exact: true }).inputValue()).toBe(start.mode);
      expect(await page.getByLabel('Meter', { exact: true }).inputValue()).toBe(start.meter.join('/'));
      expect(await page.getByLabel('Form', { exact: true }).inputValue()).toBe(start.form);
      await page.getByLabel('Key', { exact: true }).selectOption('Eb');
      await page.getByLabel('Mode', { exact: true }).selectOption('dorian');
      await page.getByLabel('Meter', { exact: true }).selectOption('6/8');
      const form = page.getByLabel('Form', { exact: true });
      await form.fill('intro A B B A outro');
      await form.press('Enter');
      await form.blur();
      const novelty = page.getByLabel('Novelty', { exact: true });
      await novelty.fill('1.5');
      await novelty.dispatchEvent('change');
      const limit = page.getByRole('spinbutton', { name: 'Originality limit', exact: true });
      await limit.fill('8');
      await limit.blur();
      await expect.poll(async () => (await recipeOf(page)).maxRun).toBe(8);
      const recipe = await recipeOf(page);
      expect(recipe).toMatchObject({ key: 'Eb', mode: 'dorian', meter: [6, 8], form: 'intro A B B A outro' });
      expect(recipe.temperature).toBe(1.5);
      const piece = (await pieceOf(page)) as {
        key: string;
        mode: string;
        meter: number[];
        sections: { label: string }[];
      };
      expect(piece).toMatchObject({ key: 'Eb', mode: 'dorian', meter: [6, 8] });
      expect(piece.sections[0].label).toBe('intro');
      expect(piece).toEqual(nodePiece(recipe));
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/Eb dorian, 6\/8/);
    });

    it('refuses a bad form, naming the field, and keeps the piece', async () => {
      const before = await recipeOf(page);
      const form = page.getByLabel('Form', { exact: true });
      await form.fill('A <b>B</b>');
      await form.blur();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Form .* is not allowed/);
      expect(await form.getAttribute('aria-invalid')).toBe('true');
      expect(await recipeOf(page)).toEqual(before);
      await form.fill('A B');
      await form.blur();
      await expect.poll(() => form.getAttribute('aria-invalid')).toBe('false');
      expect((await recipeOf(page)).form).toBe('A B');
    });

    it('rolls a new seed with the dice, and a new preset brings its own values', async () => {
      const seed = page.getByRole('spinbutton', { name: 'Seed', exact: true });
      const before = await seed.inputValue();
      await page.getByRole('button', { name: 'New random seed' }).click();
      await expect.poll(() => seed.inputValue()).not.toBe(before);
      expect(String((await recipeOf(page)).seed)).toBe(await seed.inputValue());
      await page.getByLabel('Preset', { exact: true }).selectOption('music-box-waltz');
      await expect.poll(async () => (await recipeOf(page)).preset).toBe('music-box-waltz');
      const recipe = await recipeOf(page);
      const own = generate({ preset: 'music-box-waltz', seed: recipe.seed });
      if (!own.ok) throw new Error(own.error.message);
      expect(recipe).toEqual(own.value.recipe);
      expect(await page.getByLabel('Meter', { exact: true }).inputValue()).toBe(own.value.recipe.meter.join('/'));
    });

    it('restores every override from a share link and after a reload', async () => {
      await page.getByLabel('Mode', { exact: true }).selectOption('phrygian');
      await expect.poll(async () => (await recipeOf(page)).mode).toBe('phrygian');
      const recipe = await recipeOf(page);
      await page.getByText('More export options').click();
      await page.getByRole('button', { name: 'Copy share link' }).click();
      const link = await page.getByLabel('Share link').inputValue();
      expect(link).toContain('mode=phrygian');
      const other = await (await app.browser.newContext()).newPage();
      await other.goto(link);
      await other.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
      expect(await recipeOf(other)).toEqual(recipe);
      expect(await pieceOf(other)).toEqual(await pieceOf(page));
      await other.close();
      await page.goto(app.url);
      await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
      expect(await recipeOf(page)).toEqual(recipe);
      expect(app.problems).toEqual([]);
    });
  },
);
