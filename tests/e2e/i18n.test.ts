import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, serveBuiltApp } from '../helpers/browser';

interface MuseWindow {
  muse: { recipe(): { bars: number } | undefined };
}

const SCREENSHOTS = 'test-results/screenshots';

describe.skipIf(!chromiumAvailable())('the page in German (Language select, browser language)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuiltApp>>;
  const problems: string[] = [];

  const open = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
    return page;
  };
  const status = (page: Page) => page.locator('#status').textContent();
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    server = await serveBuiltApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts in English in an en-US browser, switches to German without a reload, and remembers it', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await open(context);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await button(page, 'Play').isVisible()).toBe(true);
    expect(await status(page)).toMatch(/^\d+ bars in \S+ \w+, \d+\/\d+, \d+ bpm\.$/);
    await page.evaluate(() => {
      (window as unknown as { beforeSwitch: boolean }).beforeSwitch = true; // gone if the page reloads
    });

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Deutsch' });
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.evaluate(() => (window as unknown as { beforeSwitch?: boolean }).beforeSwitch)).toBe(true);
    expect(await button(page, 'Abspielen').isVisible()).toBe(true);
    expect(await button(page, 'Play').count()).toBe(0);
    for (const name of ['Stopp', 'Neu erzeugen', 'MIDI exportieren', 'WAV exportieren', 'Neuer zufälliger Startwert'])
      expect(await button(page, name).isVisible(), name).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Voreinstellung', exact: true }).isVisible()).toBe(true);
    for (const name of ['Startwert', 'Tempo', 'Takte'])
      expect(await page.getByRole('spinbutton', { name, exact: true }).isVisible(), name).toBe(true);
    expect(await page.getByRole('heading', { name: 'Mischpult' }).isVisible()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Melodie Lautstärke', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Melodie stumm', exact: true }).count()).toBe(1);
    expect(await page.locator('.tagline').textContent()).toMatch(/^Musik aus Markow-Modellen/);
    // The status line the app wrote in English is now German; mode labels are German, values English.
    expect(await status(page)).toMatch(/^\d+ Takte in \S+ (Dur|Moll|Dorisch|Phrygisch|Lydisch|Mixolydisch|Lokrisch), /);
    const mode = page.getByRole('combobox', { name: 'Modus', exact: true });
    expect(await mode.locator('option:checked').textContent()).toMatch(
      /^(Dur|Moll|Dorisch|Phrygisch|Lydisch|Mixolydisch|Lokrisch)$/,
    );
    expect(await mode.inputValue()).toMatch(/^[a-z]+$/);

    await button(page, 'Neu erzeugen').click();
    await expect.poll(() => status(page)).toMatch(/^\d+ Takte in \S+ \S+, \d+\/\d+, \d+ bpm\.$/);

    const bars = page.getByRole('spinbutton', { name: 'Takte', exact: true });
    await bars.fill('2');
    await bars.press('Tab');
    await expect.poll(() => status(page)).toBe('Takte muss eine ganze Zahl von 4 bis 512 sein.');
    expect(await page.locator('#status').getAttribute('class')).toContain('error');
    expect(await bars.getAttribute('aria-invalid')).toBe('true');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/de-desktop-switched.png`, fullPage: true });

    await bars.fill('8');
    await bars.press('Tab');
    await expect.poll(() => status(page)).toMatch(/^8 Takte in /);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe() !== undefined);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await button(page, 'Abspielen').isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('de');

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'English' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await button(page, 'Play').isVisible()).toBe(true);
    expect(await button(page, 'Abspielen').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Preset', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Melody volume', exact: true }).count()).toBe(1);
    expect(await status(page)).toMatch(/^8 bars in \S+ \w+, \d+\/\d+, \d+ bpm\.$/);
    await page.reload();
    expect(await button(page, 'Play').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('starts in German in a de-DE browser', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await open(context);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await button(page, 'Abspielen').isVisible()).toBe(true);
    expect(await page.getByLabel('Voreinstellung', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('de');
    expect(await status(page)).toMatch(/^\d+ Takte in /);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the newer panels in German: preset editor, shortcuts dialog, theme, originality, training', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await open(context);
    expect(await page.getByRole('combobox', { name: 'Farbschema', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('#theme option').allTextContents()).toEqual(['System', 'Hell', 'Dunkel']);
    expect(await page.getByRole('combobox', { name: 'Modell', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Originalität', exact: true }).isVisible()).toBe(true);
    const melody = page.getByRole('region', { name: 'Originalität der Melodie', exact: true });
    expect(await melody.locator('.longest-copy').textContent()).toMatch(/^(Längste Kopie|Keine Notenfolge) .*\.$/);
    expect(await melody.locator('caption').textContent()).toMatch(/^Neue n-Gramme/);
    expect(await page.getByRole('heading', { name: 'Ein Modell trainieren' }).count()).toBeLessThanOrEqual(1);
    expect(await page.locator('#train-status').textContent()).toBe(
      'Importiere ein paar Stücke, um ein Modell darauf zu trainieren.',
    );
    const loopSection = page.getByRole('combobox', { name: 'Teil wiederholen', exact: true });
    expect(await loopSection.locator('option').first().textContent()).toBe('Ganzes Stück');
    expect(await loopSection.locator('option').nth(1).textContent()).toMatch(/^\S+ \(Takte? \d+(–\d+)?\)$/);

    // The preset editor: its buttons and the fields built from the schema.
    await page.getByText('Voreinstellung bearbeiten', { exact: true }).click();
    expect(await button(page, 'Voreinstellung zurücksetzen').isVisible()).toBe(true);
    expect(await button(page, 'Voreinstellung speichern').isVisible()).toBe(true);
    const high = page.getByRole('spinbutton', { name: 'Melodie – Höchster Ton', exact: true });
    expect(await high.isVisible()).toBe(true);
    expect(await page.getByRole('spinbutton', { name: 'Tempo (Voreinstellung)', exact: true }).count()).toBe(1);
    await button(page, 'Voreinstellung zurücksetzen').click();
    await expect
      .poll(() => page.locator('#preset-status').textContent())
      .toMatch(/: zurück auf die ursprünglichen Werte\.$/);
    await button(page, 'Voreinstellung speichern').click();
    await expect
      .poll(() => page.locator('#preset-status').textContent())
      .toMatch(
        /^Name der Voreinstellung: gib unter Name der Voreinstellung einen Namen für deine Voreinstellung ein\.$/,
      );

    // The shortcut M mutes the melody whatever the language of the mixer's labels.
    await page.locator('h1').click();
    await page.keyboard.press('m');
    await expect.poll(() => status(page)).toBe('Melodie stumm.');
    expect(await button(page, 'Melodie stumm').getAttribute('aria-pressed')).toBe('true');

    // The shortcuts dialog.
    await button(page, 'Tastenkürzel').click();
    const dialog = page.getByRole('dialog', { name: 'Tastenkürzel' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('heading', { name: 'Tastenkürzel' }).isVisible()).toBe(true);
    const rows = await dialog.getByRole('row').allTextContents();
    expect(rows[0]).toBe('TasteAktion');
    expect(rows.some((r) => r.startsWith('Leertaste') && r.includes('Abspielen oder pausieren'))).toBe(true);
    expect(rows.some((r) => r.startsWith('? oder H') && r.includes('Diese Tastenkürzel zeigen'))).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/de-shortcuts.png` });
    await dialog.getByRole('button', { name: 'Schließen', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/de-desktop-full.png`, fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/de-desktop.png` });

    // Back to English without a reload: the editor, the dialog and the status follow.
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'English' });
    expect(await page.getByRole('spinbutton', { name: 'Melody high', exact: true }).isVisible()).toBe(true);
    expect(await button(page, 'Reset preset').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Originality', exact: true }).isVisible()).toBe(true);
    expect(await loopSection.count()).toBe(0);
    expect(
      await page.getByRole('combobox', { name: 'Loop section', exact: true }).locator('option').first().textContent(),
    ).toBe('Whole piece');
    expect(await page.locator('#preset-status').textContent()).toMatch(
      /^Preset name: type a name for your preset in Preset name\.$/,
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
