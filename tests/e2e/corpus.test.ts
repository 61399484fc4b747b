import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';
import { SHARED_CORPORA, sharedCorporaAvailable } from '../helpers/shared';

const run = chromiumAvailable() && sharedCorporaAvailable();

describe.skipIf(!run)('importing files in the page', () => {
  let app: App;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    app = await openApp();
    ({ page, problems } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('imports real MIDI files and a corpus file, refuses bad ones by name, and shows the report', async () => {
    const folder = join(SHARED_CORPORA, 'nottingham');
    const midi = readdirSync(folder).sort().slice(0, 12);
    const files = [
      ...midi.map((name) => ({ name, mimeType: 'audio/midi', buffer: readFileSync(join(folder, name)) })),
      { name: 'songbook.json', mimeType: 'application/json', buffer: readFileSync('presets/corpora/songbook.json') },
      {
        name: '<img src=x onerror=alert(1)>.mid',
        mimeType: 'audio/midi',
        buffer: Buffer.from('<!DOCTYPE html><p>hi</p>'),
      },
      { name: 'empty.mid', mimeType: 'audio/midi', buffer: Buffer.alloc(0) },
      {
        name: 'noise.mid',
        mimeType: 'audio/midi',
        buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      },
    ];
    await page.getByLabel('Import MIDI files').setInputFiles(files);
    await page.locator('#import-summary').filter({ hasText: 'imported' }).waitFor({ timeout: 60_000 });
    const items = page.locator('#import-results li');
    expect(await items.count()).toBe(midi.length + 30 + 3);
    expect(await page.locator('#import-results li.ok').count()).toBe(midi.length + 30);
    const errors = await page.locator('#import-results li.error').allTextContents();
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('<img src=x onerror=alert(1)>.mid');
    expect(await page.locator('#import-results img').count()).toBe(0); // names are text, never markup
    expect(await page.locator('#import-summary').textContent()).toBe(
      `${midi.length + 30} pieces imported, 3 files refused.`,
    );
    const report = page.locator('#corpus-report');
    expect(await report.locator('dt').allTextContents()).toContain('Chords');
    const pitchChart = page.locator('#corpus-charts').getByRole('img', { name: /^Pitch classes/ });
    expect(await pitchChart.getAttribute('aria-label')).toMatch(/^Pitch classes: C \d+ %/);
    expect(problems).toEqual([]);
  });
});
