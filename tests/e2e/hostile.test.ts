import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtinPresets, exportMidi, generate } from '../../src/presets';
import { type App, type OpenAppOptions, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { spaced, tinyCorpus } from '../helpers/hostileInput';
import { manyNotesFile } from '../helpers/smfWriter';

/**
 * Issue #19 in the page: hostile and careless input typed, imported or linked, each ending at once
 * with a clear message in the status line, no uncaught error, nothing of the user's lost. Every
 * input is built here. `expect.poll` waits at most its timeout (5 s here): a check that froze the
 * tab for 25–52 s, as the form pattern did, fails.
 */
const ballad = builtinPresets()[0];
const KEY = 'markov-muse/user-presets/v1';
const quick = { timeout: 5000 };
/** A real piece with melody and chords, as Export MIDI gives it. */
function song(): Uint8Array {
  const g = generate({ preset: 'folk-dance', seed: 1 });
  if (!g.ok) throw new Error(g.error.message);
  const files = exportMidi(g.value);
  if (!files.ok) throw new Error(files.error.message);
  return files.value[0].bytes;
}

/** The app opened (openApp: its own browser, storage and problem list), once its first piece is there. */
async function open(options: OpenAppOptions = {}): Promise<App> {
  const app = await openApp(options);
  await app.page.waitForFunction(
    () => (window as unknown as { muse?: { piece(): unknown } }).muse?.piece() !== undefined,
  );
  return app;
}

/** A script that puts `value` under `key` in localStorage before the app's first load (not on reloads). */
const seedStorage = (key: string, value: string) =>
  `if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)}); }`;

describe.skipIf(!chromiumAvailable())('hostile and careless input in Chromium (issue #19)', () => {
  const status = (page: Page) => page.locator('#status').textContent();
  const presetStatus = (page: Page) => page.locator('#preset-status').textContent();
  const openPanel = (page: Page) => page.getByText('Edit preset', { exact: true }).click();
  const importPreset = (page: Page, name: string, text: string) =>
    page.getByLabel('Import preset', { exact: true }).setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });

  it('1. refuses 33 spaced letters at once: in the Form field, in an imported preset and in a share link', async () => {
    const app = await open();
    const { page } = app;
    const form = page.getByLabel('Form', { exact: true });
    await form.fill(spaced(33));
    await form.blur();
    await expect.poll(() => status(page), quick).toMatch(/^Form .* is not allowed: .*at most 32 letters A–Z/);
    expect(await form.getAttribute('aria-invalid')).toBe('true');

    await openPanel(page);
    await importPreset(page, 'long-form.json', JSON.stringify({ ...ballad, name: 'long-form', form: spaced(33) }));
    await expect
      .poll(() => presetStatus(page), quick)
      .toMatch(/^long-form\.json was not imported: preset field form: must be at most 32 letters/);

    expect(app.problems).toEqual([]);
    await app.close();
    const linked = await open({ hash: `v=1&preset=${ballad.name}&seed=3&form=${encodeURIComponent(spaced(33))}` });
    await expect
      .poll(() => status(linked.page), quick)
      .toMatch(/^This share link cannot be opened: the link's form .* is not allowed: .*at most 32 letters/);
    expect(linked.problems).toEqual([]);
    await linked.close();
  }, 60_000);

  it('2. a preset file nested 30,000 deep: "nested too deep" in the status line, no uncaught error', async () => {
    const app = await open();
    const { page } = app;
    await openPanel(page);
    await importPreset(page, 'types.json', JSON.stringify({ ...ballad, tempo: 'fast' }));
    await expect.poll(() => presetStatus(page), quick).toMatch(/^types\.json was not imported/);
    const deep = `{"name":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    await importPreset(page, 'deep.json', deep);
    await expect
      .poll(() => presetStatus(page), quick)
      .toBe(
        'deep.json was not imported: the preset is nested too deep (more than 64 levels of [ and {): markov-muse never writes such a file.',
      );
    expect(app.problems).toEqual([]);
    await app.close();
  }, 60_000);

  it('3. one file of 200,000 notes among others: the report shows, Train is enabled', async () => {
    const app = await open();
    const { page } = app;
    await page.getByLabel('Import MIDI files').setInputFiles([
      { name: 'many-notes.mid', mimeType: 'audio/midi', buffer: Buffer.from(manyNotesFile(200_000)) },
      { name: 'song.mid', mimeType: 'audio/midi', buffer: Buffer.from(song()) },
    ]);
    await expect
      .poll(() => page.locator('#import-summary').textContent(), { timeout: 30_000 })
      .toBe('2 pieces imported.');
    const report = page.locator('#corpus-report');
    await expect.poll(() => report.textContent(), quick).toMatch(/Pieces2Notes2\d{5}/);
    await expect.poll(() => page.getByRole('button', { name: 'Train model' }).isEnabled(), quick).toBe(true);
    expect(app.problems).toEqual([]);
    await app.close();
  }, 90_000);

  it('6. a stored preset that cannot be read is kept through Save, exported as stored, deleted only when asked', async () => {
    const broken = { ...ballad, name: 'too-fast', tempo: 999 };
    const app = await open({ initScript: seedStorage(KEY, JSON.stringify([{ ...ballad, name: 'mine' }, broken])) });
    const { page } = app;
    expect(await presetStatus(page)).toMatch(
      /^Your presets: 1 saved preset could not be read \(too-fast: preset field tempo: must be a whole number from 30 to 300, not 999\); it is kept as it was\. Export unreadable presets/,
    );
    await page.getByLabel('Preset name', { exact: true }).fill('another');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await expect.poll(() => presetStatus(page), quick).toBe('Saved your preset another.');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), KEY);
    expect(stored.map((p: { name: string }) => p.name)).toEqual(['mine', 'another', 'too-fast']);
    expect(stored[2]).toEqual(broken);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export unreadable presets' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('unreadable-presets.json');
    const exported = JSON.parse(
      await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
    );
    expect(exported.items).toEqual([broken]);

    await page.getByRole('button', { name: 'Delete unreadable presets' }).click();
    await expect.poll(() => presetStatus(page), quick).toBe('Deleted your unreadable presets.');
    const left = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), KEY);
    expect(left.map((p: { name: string }) => p.name)).toEqual(['mine', 'another']);
    expect(await page.getByRole('button', { name: 'Export unreadable presets' }).isVisible()).toBe(false);
    expect(app.problems).toEqual([]);
    await app.close();
  }, 60_000);

  it('6. a truncated store is backed up before Save writes the list again', async () => {
    const truncated = JSON.stringify([{ ...ballad, name: 'mine' }]).slice(0, 300);
    const app = await open({ initScript: seedStorage(KEY, truncated) });
    const { page } = app;
    expect(await presetStatus(page)).toMatch(/the list of your saved presets is damaged \(cut short\?\)/);
    await page.getByLabel('Preset name', { exact: true }).fill('fresh');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await expect.poll(() => presetStatus(page), quick).toBe('Saved your preset fresh.');
    const backup = await page.evaluate((key) => localStorage.getItem(`${key}/damaged`), KEY);
    expect(JSON.parse(backup ?? '[]')).toEqual([truncated]);
    expect(app.problems).toEqual([]);
    await app.close();
  }, 60_000);

  it('10. a corpus too small to learn from: the training status warns with the numbers', async () => {
    const app = await open();
    const { page } = app;
    const corpus = (n: number) => Buffer.from(tinyCorpus(n));
    await page.getByLabel('Import MIDI files').setInputFiles([
      { name: 'tiny.json', mimeType: 'application/json', buffer: corpus(7) },
      { name: 'garbage.mid', mimeType: 'audio/midi', buffer: Buffer.from('MThd garbage') },
    ]);
    await expect
      .poll(() => page.locator('#train-status').textContent(), { timeout: 30_000 })
      .toBe(
        'Ready to train on 7 pieces, but this corpus is too small to learn from: 7 pieces, 7 melody notes and 7 chords, where a model needs at least 10 pieces, 300 melody notes and 100 chords. It will mostly copy these pieces or wander.',
      );
    await page
      .getByLabel('Import MIDI files')
      .setInputFiles([{ name: 'one.json', mimeType: 'application/json', buffer: corpus(1) }]);
    await expect
      .poll(() => page.locator('#train-status').textContent(), quick)
      .toMatch(/^Ready to train on 1 piece, but .*: 1 piece, 1 melody note and 1 chord,/);
    expect(app.problems).toEqual([]);
    await app.close();
  }, 60_000);
});
