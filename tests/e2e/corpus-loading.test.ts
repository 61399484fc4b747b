import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: {
    recipe(): { preset: string; seed: number } | undefined;
    piece(): unknown;
    corpora(): { loaded: string[]; loading: string | undefined };
  };
}

/** The corpus chunks of the build, named after the corpora (presets/corpora/*.json). */
const CORPORA = [
  'songbook',
  'ballads',
  'reels',
  'nocturnes',
  'folk-jigs',
  'lofi-jazz',
  'chorales',
  'ambient',
  'waltzes',
  'chiptune',
];
const corpusOf = (url: string) => CORPORA.find((name) => new RegExp(`/assets/${name}-[\\w-]+\\.js$`).test(url));

/**
 * The browser asks pages to save data (Save-Data): the page then fetches a corpus only when a
 * preset that needs it is chosen. Without it, the page also fetches the others once it is idle
 * (presetPreparation.ts; tests/e2e/preset-preparation.test.ts).
 */
const SAVE_DATA = () =>
  Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true }) });

describe.skipIf(!chromiumAvailable())('built-in corpora loaded on demand (Save-Data)', () => {
  let app: App;
  let page: Page;
  /** Corpus chunks the page asked for, in order. */
  const fetched: string[] = [];
  const recipe = () => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
  const status = () => page.locator('#status').textContent();
  const presetSelect = () => page.getByLabel('Preset', { exact: true });

  beforeAll(async () => {
    app = await openApp({ noGoto: true, initScript: SAVE_DATA });
    page = app.page;
    page.on('request', (r) => {
      const corpus = corpusOf(r.url());
      if (corpus) fetched.push(corpus);
    });
    await page.goto(app.url);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('fetches only the corpus of the first piece at start', async () => {
    await expect.poll(async () => (await recipe())?.preset).toBe('pop-ballad');
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual(['ballads']);
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.corpora())).toEqual({
      loaded: ['ballads'],
      loading: undefined,
    });
    // Another preset needs its own corpus, and only that.
    await presetSelect().selectOption('folk-dance');
    await expect.poll(async () => (await recipe())?.preset).toBe('folk-dance');
    expect(fetched).toEqual(['ballads', 'reels']);
    expect(app.problems).toEqual([]);
  });

  it('fetches a preset’s corpus when it is chosen, says so meanwhile, then shows its piece', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hold = async (route: Route) => {
      await held;
      await route.continue();
    };
    await page.route(/\/assets\/folk-jigs-[\w-]+\.js$/, hold);
    const before = await recipe();
    await presetSelect().selectOption('folk-jig');
    await expect.poll(status).toBe('Loading the folk-jigs corpus…');
    // The piece before stays on screen (and in window.muse) until the corpus is there.
    expect(await recipe()).toEqual(before);
    release();
    await expect.poll(async () => (await recipe())?.preset).toBe('folk-jig');
    await page.unroute(/\/assets\/folk-jigs-[\w-]+\.js$/, hold);
    expect(await status()).not.toMatch(/Loading/);
    expect(fetched).toEqual(['ballads', 'reels', 'folk-jigs']);
    expect(app.problems).toEqual([]);
  });

  it('starts with the last visit’s preset and fetches only its corpus', async () => {
    fetched.length = 0;
    await page.reload();
    await expect.poll(async () => (await recipe())?.preset).toBe('folk-jig');
    await page.waitForLoadState('networkidle');
    expect(fetched.filter((c) => c !== 'folk-jigs')).toEqual([]);
    expect((await page.evaluate(() => (window as unknown as MuseWindow).muse.corpora())).loaded).toEqual(['folk-jigs']);
    expect(app.problems).toEqual([]);
  });

  it('opens a broken share link with the first preset and still names what is broken once its corpus is there', async () => {
    const context = await app.browser.newContext();
    await context.addInitScript(SAVE_DATA);
    const other = await context.newPage();
    const corpora = () => other.evaluate(() => (window as unknown as MuseWindow).muse.corpora());
    await other.goto(`${app.url}#v=1&preset=folk-dance&seed=1&__proto__=x`);
    await expect.poll(async () => (await corpora()).loaded).toEqual(['ballads']);
    await expect
      .poll(() => other.evaluate(() => (window as unknown as MuseWindow).muse.recipe()?.preset))
      .toBe('pop-ballad');
    expect(await other.locator('#status').textContent()).toMatch(/share link cannot be opened.*__proto__/);
    await other.context().close();
  });

  it('says when a corpus cannot be fetched, keeps the piece before, and tries again when chosen again', async () => {
    await page.route(/\/assets\/chiptune-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
    const before = await recipe();
    await presetSelect().selectOption('chiptune');
    await expect.poll(status).toMatch(/^The chiptune corpus could not be loaded \(.+\)\.$/);
    expect(await page.locator('#status').getAttribute('class')).toContain('error');
    expect(await recipe()).toEqual(before);
    // Choosing it again tries again.
    await page.unroute(/\/assets\/chiptune-[\w-]+\.js$/);
    await presetSelect().selectOption('lofi-jazz');
    await expect.poll(async () => (await recipe())?.preset).toBe('lofi-jazz');
    await presetSelect().selectOption('chiptune');
    await expect.poll(async () => (await recipe())?.preset).toBe('chiptune');
    // The only problems are the refused fetch itself, which the browser logs.
    expect(app.problems.filter((p) => !/chiptune|Failed to load resource|dynamically imported/.test(p))).toEqual([]);
  });
});

describe.skipIf(!chromiumAvailable())('the piano’s samples give way to a preset’s corpus', () => {
  let app: App;
  afterAll(async () => {
    await app?.close();
  });

  it('fetches no sample while a preset’s corpus is on its way, all of them after, and keeps its piece’s summary', async () => {
    app = await openApp({ noGoto: true, initScript: SAVE_DATA });
    const { page } = app;
    /** When each piano sample was asked for (ms, the test's clock). */
    const asked: number[] = [];
    // Each file served a little late: the 30 files take a while, so the preset is chosen mid-load.
    await page.route(/\/samples\/salamander\/.+\.mp3$/, async (route) => {
      asked.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 60));
      await route.continue();
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chunk = /\/assets\/folk-jigs-[\w-]+\.js$/;
    await page.route(chunk, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(app.url);
    const recipe = () => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
    await expect.poll(async () => (await recipe())?.preset).toBe('pop-ballad');
    // A preset of the grand piano starts its samples; another is chosen while they load.
    const presetSelect = page.getByLabel('Preset', { exact: true });
    await presetSelect.selectOption('music-box-waltz');
    await expect.poll(async () => (await recipe())?.preset).toBe('music-box-waltz');
    await expect.poll(() => asked.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await presetSelect.selectOption('folk-jig');
    const chosen = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Files already asked for may finish; none is asked for while the corpus is held.
    const during = asked.filter((t) => t > chosen + 100).length;
    expect(during).toBe(0);
    expect(asked.length).toBeLessThan(30);
    release();
    await expect.poll(async () => (await recipe())?.preset).toBe('folk-jig');
    const summary = await page.locator('#status').textContent();
    expect(summary).not.toMatch(/samples/);
    // Then every file, the bar going on to its end; the status keeps the summary of the piece
    // asked for (the samples' progress does not cover what was said after it began).
    await expect.poll(() => asked.length, { timeout: 20_000 }).toBe(30);
    await expect.poll(() => page.locator('#samples-progress').isHidden(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('#status').textContent()).toBe(summary);
    expect(app.problems).toEqual([]);
  });
});
