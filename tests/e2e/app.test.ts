import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { midiCheck, midiCheckAvailable } from '../helpers/midiCheck';

interface MuseWindow {
  muse: {
    audioState(): string;
    ticks(): number;
    recipe(): { preset: string; seed: number; bars: number; tempo: number };
  };
}

describe.skipIf(!chromiumAvailable())('the app in Chromium (built with npm run build)', () => {
  let app: App;
  let page: Page;
  let problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'muse-e2e-'));

  beforeAll(async () => {
    app = await openApp();
    ({ page, problems } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('loads without console errors and shows the controls by their names', async () => {
    for (const name of ['Play', 'Stop', 'Regenerate', 'Export MIDI'])
      await expect(page.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('combobox', { name: 'Preset', exact: true }).isVisible()).resolves.toBe(true);
    for (const name of ['Seed', 'Tempo', 'Bars'])
      await expect(page.getByRole('spinbutton', { name, exact: true }).isVisible()).resolves.toBe(true);
    const options = await page.getByLabel('Preset', { exact: true }).locator('option').allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
  });

  it('plays after one click: the audio context runs and the transport advances', async () => {
    const state = () => page.evaluate(() => (window as unknown as MuseWindow).muse.audioState());
    const ticks = () => page.evaluate(() => (window as unknown as MuseWindow).muse.ticks());
    expect(await state()).toBe('not started');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse.audioState() === 'running', undefined, {
      timeout: 10_000,
    });
    const first = await ticks();
    await page.waitForTimeout(800);
    const second = await ticks();
    expect(second).toBeGreaterThan(first);
    expect(await page.locator('#position').textContent()).not.toBe('');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    expect(await ticks()).toBe(0);
    expect(await page.locator('#position').textContent()).toBe('1.1');
    expect(problems).toEqual([]);
  });

  it('regenerates with a new seed', async () => {
    const seed = page.getByRole('spinbutton', { name: 'Seed', exact: true });
    const before = await seed.inputValue();
    await page.getByRole('button', { name: 'Regenerate', exact: true }).click();
    await expect.poll(() => seed.inputValue()).not.toBe(before);
    const recipe = await page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
    expect(String(recipe.seed)).toBe(await seed.inputValue());
  });

  it('says what is wrong with a bad field and keeps the last good piece', async () => {
    const bars = page.getByRole('spinbutton', { name: 'Bars', exact: true });
    const before = await page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
    await bars.fill('2');
    await bars.press('Enter');
    await bars.blur();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/Bars must be a whole number from 4 to 512/);
    expect(await bars.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.recipe())).toEqual(before);
    await bars.fill('16');
    await bars.blur();
    await expect.poll(() => bars.getAttribute('aria-invalid')).toBe('false');
  });

  it('exports a MIDI file that midi-check accepts, the same bytes as the CLI', async () => {
    await page.getByLabel('Preset', { exact: true }).selectOption('folk-dance');
    const seed = page.getByRole('spinbutton', { name: 'Seed', exact: true });
    await seed.fill('1234');
    await seed.blur();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export MIDI', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('folk-dance-seed-1234.mid');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const cli = join(dir, 'cli.mid');
    const bars = await page.getByRole('spinbutton', { name: 'Bars', exact: true }).inputValue();
    const tempo = await page.getByRole('spinbutton', { name: 'Tempo', exact: true }).inputValue();
    const args = [
      'generate',
      '--preset',
      'folk-dance',
      '--seed',
      '1234',
      '--bars',
      bars,
      '--tempo',
      tempo,
      '--out',
      cli,
    ];
    const r = spawnSync('npx', ['--no-install', 'muse', ...args], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(file).equals(readFileSync(cli))).toBe(true);
    if (midiCheckAvailable()) {
      const check = midiCheck(file);
      expect(check.report.problems).toEqual([]);
      expect(check.status).toBe(0);
      expect(check.report.tracks?.filter((t) => t.notes > 0)).toHaveLength(3);
    }
    expect(problems).toEqual([]);
  });
});
