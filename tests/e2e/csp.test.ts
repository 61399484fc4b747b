import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp, STRICT_CSP } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { noteEvents, writeSmf } from '../helpers/smfWriter';

interface MuseWindow {
  muse: {
    audioState(): string;
    ticks(): number;
    transport(): { state: string; master?: string };
  };
  __cspViolations: string[];
  __inline?: number;
}

/** A short valid MIDI file: a C major scale. */
const scaleFile = () =>
  Buffer.from(
    writeSmf({
      tracks: [
        {
          events: [
            { tick: 0, type: 'tempo', bpm: 120 },
            ...noteEvents(
              [60, 62, 64, 65, 67, 69, 71, 72].map((pitch, i) => ({ pitch, tick: i * 480, duration: 480 })),
            ),
          ],
        },
      ],
    }),
  );

describe.skipIf(!chromiumAvailable())('the built app under a strict Content-Security-Policy', () => {
  let app: App;
  const muse = () => app.page.evaluate(() => (window as unknown as MuseWindow).muse.transport());

  beforeAll(async () => {
    app = await openApp({ csp: STRICT_CSP });
    await app.page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is served with the policy, which blocks inline script and reports it (so this test can fail)', async () => {
    const { page } = app;
    const header = await page.evaluate(() =>
      fetch(location.href).then((r) => r.headers.get('content-security-policy')),
    );
    expect(header).toBe(STRICT_CSP);
    expect(app.problems).toEqual([]); // loading the page broke nothing
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as MuseWindow).__inline;
    });
    expect(ran).toBeUndefined();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as MuseWindow).__cspViolations.join('\n')))
      .toMatch(/script-src/);
    expect(app.problems.some((p) => p.startsWith('csp: script-src'))).toBe(true);
    app.problems.length = 0;
    await page.evaluate(() => {
      (window as unknown as MuseWindow).__cspViolations.length = 0;
    });
  });

  it('plays through the AudioWorklet master (not the fallback), and the transport advances', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(
      () => (window as unknown as MuseWindow).muse.transport().state === 'playing',
      undefined,
      {
        timeout: 10_000,
      },
    );
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.audioState())).toBe('running');
    expect((await muse()).master).toBe('worklet');
    const a = await page.evaluate(() => (window as unknown as MuseWindow).muse.ticks());
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.ticks())).toBeGreaterThan(a);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    expect(app.problems).toEqual([]);
  });

  it('exports a WAV file', async () => {
    const { page } = app;
    const bars = page.getByRole('spinbutton', { name: 'Bars', exact: true });
    await bars.fill('4');
    await bars.blur();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export WAV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.wav$/);
    const { size } = await import('node:fs').then(async (fs) => fs.statSync(await download.path()));
    expect(size).toBeGreaterThan(44_100 * 4); // 4 bars of 16-bit stereo: well over a second
    expect(app.problems).toEqual([]);
  });

  it('imports a MIDI file in its worker, and switches the theme', async () => {
    const { page } = app;
    await page
      .getByLabel('Import MIDI files')
      .setInputFiles([{ name: 'scale.mid', mimeType: 'audio/midi', buffer: scaleFile() }]);
    await page.locator('#import-summary').filter({ hasText: 'imported' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-results li.ok').count()).toBe(1);
    await page.getByLabel('Theme').selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => (window as unknown as MuseWindow).__cspViolations)).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
