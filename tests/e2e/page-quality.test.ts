import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, DESKTOP, openApp, PHONE } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { axeScan, horizontalOverflow, screenshot, smallTargets, unreachableByKeyboard } from '../helpers/pageChecks';

const SIZES = { desktop: DESKTOP, phone: PHONE } as const;
const SCHEMES = ['light', 'dark'] as const;

/** The box of an element in the window, or undefined when it is not on the page. */
const box = (app: App, selector: string) =>
  app.page.evaluate((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return r && { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  }, selector);

describe.skipIf(!chromiumAvailable())('page quality: accessibility, layout, screenshots (the built app)', () => {
  let app: App;

  beforeAll(async () => {
    app = await openApp();
    await app.page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  for (const [size, viewport] of Object.entries(SIZES))
    for (const scheme of SCHEMES)
      it(`at ${size} size (${viewport.width}×${viewport.height}), ${scheme}: no serious axe violations, nothing overflows, targets ≥ 24 px`, async () => {
        const { page } = app;
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(150); // the roll redraws on resize and on the theme's change
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
          scheme === 'dark' ? 'rgb(15, 19, 28)' : 'rgb(246, 247, 251)',
        );
        const path = await screenshot(page, `${size}-${scheme}`);
        const axe = await axeScan(page);
        expect(axe.serious, `axe violations at ${size} ${scheme} (screenshot ${path}):\n${axe.all.join('\n')}`).toEqual(
          [],
        );
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await smallTargets(page)).toEqual([]);
        // The transport is on screen without scrolling, and so is (a good part of) the piano roll.
        const transport = await box(app, '.transport');
        const roll = await box(app, '#piano-roll');
        expect(transport?.bottom).toBeLessThanOrEqual(viewport.height);
        expect(roll?.width).toBeGreaterThan(viewport.width * 0.8);
        if (size === 'desktop') expect(roll?.bottom).toBeLessThanOrEqual(viewport.height);
        else expect(roll?.top).toBeLessThan(viewport.height);
        expect(app.problems).toEqual([]);
      });

  it('the scans themselves see a planted unlabelled button, low-contrast text and small targets (so they can fail)', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const planted = document.createElement('div');
      planted.id = 'planted';
      const button = document.createElement('button');
      const text = document.createElement('p');
      text.textContent = 'faint';
      text.style.color = '#f0f0f0';
      text.style.background = '#ffffff';
      planted.append(button, text);
      document.querySelector('main')?.append(planted);
    });
    const axe = await axeScan(page);
    await page.evaluate(() => document.getElementById('planted')?.remove());
    expect(axe.serious.map((line) => line.split(':')[0])).toEqual(
      expect.arrayContaining(['[critical] button-name', '[serious] color-contrast']),
    );
    // The target-size check flags a small button and a link standing alone, not a link in a sentence.
    await page.evaluate(() => {
      const planted = document.createElement('div');
      planted.id = 'planted-targets';
      const small = Object.assign(document.createElement('button'), { id: 'planted-small', textContent: 'x' });
      small.style.cssText = 'width:12px;height:12px;padding:0;min-width:0;min-height:0';
      const alone = Object.assign(document.createElement('a'), {
        id: 'planted-alone',
        href: '#',
        textContent: 'credit',
      });
      alone.style.cssText = 'display:inline-block;font-size:12px;line-height:12px';
      const sentence = document.createElement('p');
      sentence.append(
        'Samples by ',
        Object.assign(document.createElement('a'), { id: 'planted-inline', href: '#', textContent: 'someone' }),
        '.',
      );
      planted.append(small, alone, sentence);
      document.querySelector('main')?.append(planted);
    });
    const small = await smallTargets(page);
    await page.evaluate(() => document.getElementById('planted-targets')?.remove());
    expect(small.map((s) => s.split(' ')[0])).toEqual(['button#planted-small', 'a#planted-alone']);
    console.info(
      `axe, besides the planted ones: ${axe.all.filter((l) => !l.includes('planted')).join('\n') || 'nothing'}`,
    );
  });

  it('reaches every visible control with the keyboard (Tab), and every control has a name', async () => {
    const { page } = app;
    await page.setViewportSize(DESKTOP);
    await page.getByText('More export options').click(); // open the details so its fields count too
    expect(await unreachableByKeyboard(page)).toEqual([]);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input, textarea')]
        .filter((el) => {
          const labels = (el as HTMLInputElement).labels;
          const named =
            (labels && labels.length > 0) ||
            el.getAttribute('aria-label') ||
            el.getAttribute('aria-labelledby') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}`),
    );
    expect(unnamed).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
