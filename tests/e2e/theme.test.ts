import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

const LIGHT_BG = 'rgb(246, 247, 251)';
const DARK_BG = 'rgb(15, 19, 28)';
const LIGHT_ROLL = [253, 253, 255]; // --roll-bg in app.css
const DARK_ROLL = [20, 26, 38];

/** The page's background colour. */
const background = (app: App) => app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** A pixel of the piano roll's background: left edge, just above the highest note row. */
const rollPixel = (app: App) =>
  app.page.evaluate(() => {
    const canvas = document.getElementById('piano-roll') as HTMLCanvasElement;
    const ratio = window.devicePixelRatio || 1;
    const data = canvas.getContext('2d')?.getImageData(Math.round(3 * ratio), Math.round(42 * ratio), 1, 1).data;
    return data ? [data[0], data[1], data[2]] : [];
  });

describe.skipIf(!chromiumAvailable())('the Theme select: System, Light, Dark', () => {
  let app: App;

  beforeAll(async () => {
    // Records the theme when <body> starts, i.e. before anything is painted.
    app = await openApp({
      initScript: () => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { __themeAtBody?: string }).__themeAtBody =
            document.documentElement.dataset.theme ?? 'system';
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('follows the system by default, light here, the piano roll too', async () => {
    const theme = app.page.getByRole('combobox', { name: 'Theme', exact: true });
    expect(await theme.inputValue()).toBe('system');
    expect(await theme.locator('option').allTextContents()).toEqual(['System', 'Light', 'Dark']);
    expect(await background(app)).toBe(LIGHT_BG);
    expect(await rollPixel(app)).toEqual(LIGHT_ROLL);
  });

  it('Dark overrides the system, redraws the roll, and is remembered and applied before the first paint', async () => {
    await app.page.getByRole('combobox', { name: 'Theme', exact: true }).selectOption('dark');
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background(app)).toBe(DARK_BG);
    expect(await rollPixel(app)).toEqual(DARK_ROLL);
    await app.page.reload();
    expect(await app.page.getByRole('combobox', { name: 'Theme', exact: true }).inputValue()).toBe('dark');
    expect(await app.page.evaluate(() => (window as unknown as { __themeAtBody?: string }).__themeAtBody)).toBe('dark');
    expect(await background(app)).toBe(DARK_BG);
    expect(await rollPixel(app)).toEqual(DARK_ROLL);
  });

  it('Light overrides a dark system; System then follows it, live', async () => {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    const theme = app.page.getByRole('combobox', { name: 'Theme', exact: true });
    await theme.selectOption('light');
    expect(await background(app)).toBe(LIGHT_BG);
    expect(await rollPixel(app)).toEqual(LIGHT_ROLL);
    await theme.selectOption('system');
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    expect(await background(app)).toBe(DARK_BG);
    expect(await rollPixel(app)).toEqual(DARK_ROLL);
    await app.page.emulateMedia({ colorScheme: 'light' }); // the system changes while System is chosen
    await expect.poll(() => rollPixel(app)).toEqual(LIGHT_ROLL);
    expect(await background(app)).toBe(LIGHT_BG);
    expect(app.problems).toEqual([]);
  });

  it('works, unremembered, when storage throws', { timeout: 60_000 }, async () => {
    const denied = await openApp({
      initScript: () => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      },
    });
    try {
      await denied.page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 10_000 });
      expect(denied.problems).toEqual([]);
      await denied.page.getByRole('combobox', { name: 'Theme', exact: true }).selectOption('dark');
      expect(await background(denied)).toBe(DARK_BG);
      await denied.page.reload();
      expect(await background(denied)).toBe(LIGHT_BG);
      expect(denied.problems).toEqual([]);
    } finally {
      await denied.close();
    }
  });
});
