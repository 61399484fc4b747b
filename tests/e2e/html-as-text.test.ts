import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreset, shareFragment } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { axeScan } from '../helpers/pageChecks';
import { noteEvents, writeSmf } from '../helpers/smfWriter';

/** Markup that, if it ever became HTML, would run and leave a mark on window. */
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';

/** The page holds no element made from the names, and no script ran. */
const noMarkup = async (app: App) => {
  const found = await app.page.evaluate(() => ({
    images: document.querySelectorAll('main img').length,
    scripts: document.querySelectorAll('main script').length,
    xss: (window as unknown as { __xss?: number }).__xss,
  }));
  expect(found).toEqual({ images: 0, scripts: 0, xss: undefined });
};

describe.skipIf(!chromiumAvailable())('names from links and files show as text, never as markup', () => {
  let app: App;

  beforeAll(async () => {
    app = await openApp({ noGoto: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a share link naming a preset with HTML: the refusal quotes the name as text', async () => {
    // A preset name must be lower-case letters, digits and dashes, so such a link is refused by name.
    const fragment = shareFragment({ preset: IMG, seed: 1, bars: 8, tempo: 100 });
    await app.page.goto(`${app.url}#${fragment}`);
    await expect.poll(() => app.page.locator('#status').textContent()).toContain(IMG);
    await noMarkup(app);
    expect(app.problems).toEqual([]);
  });

  it('a share link carrying a preset whose description and part names hold HTML: legend, mixer and description show them as text', async () => {
    const base = findPreset('folk-dance');
    if (!base) throw new Error('no folk-dance preset');
    const custom = structuredClone(base);
    custom.name = 'html-names';
    custom.description = `Described as ${IMG} and ${SCRIPT}.`;
    custom.melody.name = IMG;
    custom.chords.name = SCRIPT;
    const fragment = shareFragment({ preset: custom.name, seed: 3, bars: 8, tempo: 110 }, custom);
    await app.page.goto('about:blank');
    await app.page.goto(`${app.url}#${fragment}`);
    await expect.poll(() => app.page.locator('#preset-description').textContent()).toBe(custom.description);
    expect(await app.page.locator('#legend').textContent()).toContain(`${IMG} (`);
    expect(await app.page.locator('#legend').textContent()).toContain(`${SCRIPT} (`);
    expect(await app.page.locator('#mixer').textContent()).toContain(IMG);
    await noMarkup(app);
    expect(app.problems).toEqual([]);
  });

  it('a MIDI file whose file name and track name hold HTML: the import line shows the file name as text', async () => {
    const bytes = writeSmf({
      tracks: [
        {
          events: [
            { tick: 0, type: 'name', text: `${SCRIPT}${IMG}` },
            { tick: 0, type: 'text', text: IMG },
            ...noteEvents([60, 64, 67, 72, 67, 64, 60].map((pitch, i) => ({ pitch, tick: i * 480, duration: 480 }))),
          ],
        },
      ],
    });
    const name = `${IMG}.mid`;
    await app.page
      .getByLabel('Import MIDI files')
      .setInputFiles([{ name, mimeType: 'audio/midi', buffer: Buffer.from(bytes) }]);
    await app.page.locator('#import-summary').filter({ hasText: 'imported' }).waitFor({ timeout: 30_000 });
    expect(await app.page.locator('#import-results li.ok').count()).toBe(1);
    expect(await app.page.locator('#import-results .file').textContent()).toBe(name);
    await noMarkup(app);
    // The page after an import (report, histogram) passes the accessibility scan too.
    const axe = await axeScan(app.page);
    expect(axe.serious, axe.all.join('\n')).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
