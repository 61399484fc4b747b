import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, serveBuiltApp } from '../helpers/browser';

interface Endless {
  on: boolean;
  sectionsPlayed: number;
  sectionsHeld: number;
  section?: { number: number; label: string; start: number; bars: number };
}

interface MuseWindow {
  muse: {
    audioState(): string;
    ticks(): number;
    piece(): { bars: number } | undefined;
    level(): { peak: number; rms: number } | undefined;
    transport(): { state: string; looping: boolean; tempo?: number };
    endless(): Endless;
  };
}

/** One look at the page's endless playback. */
interface Sample {
  ticks: number;
  peak: number;
  endless: Endless;
  position: string;
  status: string;
}

const BAR = 4 * 480; // chiptune is in 4/4

describe.skipIf(!chromiumAvailable())('endless playback in the page (Chromium)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuiltApp>>;
  let page: Page;
  const problems: string[] = [];
  /** Evaluates `f(window.muse)` in the page (`f` is sent as source: no closures). */
  const muse = <T>(f: (m: MuseWindow['muse']) => T) => page.evaluate(`(${f.toString()})(window.muse)`) as Promise<T>;
  const sample = async (): Promise<Sample> => ({
    ...(await muse((m) => ({ ticks: m.ticks(), peak: m.level()?.peak ?? 0, endless: m.endless() }))),
    position: (await page.locator('#position').textContent()) ?? '',
    status: (await page.locator('#status').textContent()) ?? '',
  });

  beforeAll(async () => {
    server = await serveBuiltApp();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.getByLabel('Preset', { exact: true }).selectOption('chiptune');
    const tempo = page.getByRole('spinbutton', { name: 'Tempo', exact: true });
    await tempo.fill('300');
    await tempo.press('Enter');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('plays on past the first section into the second and third, bounded, not silent', {
    timeout: 60_000,
  }, async () => {
    const bars = (await muse((m) => m.piece()?.bars)) ?? 0;
    const endless = page.getByRole('checkbox', { name: 'Endless', exact: true });
    await endless.check();
    await expect(page.getByRole('button', { name: 'Loop', exact: true }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse.audioState() === 'running', undefined, {
      timeout: 10_000,
    });
    const samples: Sample[] = [];
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      samples.push(await sample());
      if ((samples.at(-1)?.endless.sectionsPlayed ?? 0) >= 3) break;
      await page.waitForTimeout(200);
    }
    const last = samples.at(-1)!;
    expect(last.endless.on).toBe(true);
    expect(last.endless.sectionsPlayed).toBeGreaterThanOrEqual(3);
    // The transport went on past the end of the first section, bar lines counting on.
    const first = samples.find((s) => s.endless.section?.number === 1)!.endless.section!;
    expect(first.start).toBe(0);
    expect(last.ticks).toBeGreaterThan(2 * first.bars * BAR);
    expect(Number(last.position.split('.')[0])).toBeGreaterThan(2 * first.bars);
    // Each section starts where the one before ended.
    const second = samples.find((s) => s.endless.section?.number === 2)!.endless.section!;
    expect(second.start).toBe(first.bars * BAR);
    expect(last.endless.section?.start).toBe(second.start + second.bars * BAR);
    expect(last.status).toMatch(/^Endless: section 3 \([A-Z]\)\.$/);
    // Bounded memory: the section playing and the next one, never more.
    expect(Math.max(...samples.map((s) => s.endless.sectionsHeld))).toBeLessThanOrEqual(2);
    expect(Math.min(...samples.map((s) => s.endless.sectionsHeld))).toBeGreaterThanOrEqual(1);
    // Sound all along: the output is not silent.
    expect(Math.max(...samples.map((s) => s.peak))).toBeGreaterThan(0);
    expect(samples.slice(-5).some((s) => s.peak > 0)).toBe(true);
    // Ticks only go forward.
    for (let i = 1; i < samples.length; i++) expect(samples[i].ticks).toBeGreaterThanOrEqual(samples[i - 1].ticks);
    // Exports stay the piece: it is still the one of the recipe.
    expect(await muse((m) => m.piece()?.bars)).toBe(bars);
    expect(problems).toEqual([]);
  });

  it('changes tempo live without starting the sections again', { timeout: 30_000 }, async () => {
    const before = await sample();
    const tempo = page.getByRole('spinbutton', { name: 'Tempo', exact: true });
    await tempo.fill('240');
    await tempo.press('Enter');
    await page.waitForTimeout(500);
    const after = await sample();
    expect(await muse((m) => m.transport())).toMatchObject({ state: 'playing', tempo: 240, looping: false });
    expect(after.ticks).toBeGreaterThan(before.ticks);
    expect(after.endless.sectionsPlayed).toBeGreaterThanOrEqual(before.endless.sectionsPlayed);
    expect(after.endless.section?.number).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
  });

  it('pauses and resumes where it was, and Stop goes back to the first section', { timeout: 30_000 }, async () => {
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const paused = await sample();
    await page.waitForTimeout(400);
    expect((await sample()).ticks).toBe(paused.ticks);
    expect(await muse((m) => m.transport().state)).toBe('paused');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(600);
    const resumed = await sample();
    expect(resumed.ticks).toBeGreaterThan(paused.ticks);
    expect(resumed.endless.sectionsPlayed).toBeGreaterThanOrEqual(paused.endless.sectionsPlayed);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const stopped = await sample();
    expect(await muse((m) => m.transport().state)).toBe('stopped');
    expect(stopped.ticks).toBe(0);
    expect(stopped.position).toBe('1.1');
    expect(stopped.endless).toMatchObject({ on: true, sectionsPlayed: 0, sectionsHeld: 1 });
    expect(stopped.endless.section).toMatchObject({ number: 1, start: 0 });
    expect(problems).toEqual([]);
  });

  it('switched off, Play plays the normal piece again (and Loop is back)', { timeout: 30_000 }, async () => {
    await page.getByRole('checkbox', { name: 'Endless', exact: true }).uncheck();
    await expect(page.getByRole('button', { name: 'Loop', exact: true }).isDisabled()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(800);
    const s = await sample();
    expect(s.endless).toMatchObject({ on: false, sectionsPlayed: 0, sectionsHeld: 0 });
    expect(await muse((m) => m.transport().state)).toBe('playing');
    expect(s.ticks).toBeGreaterThan(0);
    // The piece is longer than a section, and it ends: the normal transport, not the endless one.
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    expect(await muse((m) => m.ticks())).toBe(0);
    expect(problems).toEqual([]);
  });
});
