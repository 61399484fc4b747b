import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/corpus/importFile';
import { parseModel, serializeModel, trainModel } from '../../src/model';
import { generate, modelPresetName, presetForModel } from '../../src/presets';
import { trainingOrder } from '../../src/ui/trainPanel';
import { chromiumAvailable, launchChromium, serveBuiltApp } from '../helpers/browser';
import { SHARED_CORPORA, sharedCorporaAvailable } from '../helpers/shared';

interface MuseWindow {
  muse: {
    recipe(): { preset: string; seed: number; bars: number; tempo: number } | undefined;
    piece(): unknown;
    model(): { name: string; user: boolean; pieces: number; contentHash: string } | undefined;
  };
}

const run = chromiumAvailable() && sharedCorporaAvailable();
const COUNT = 40;
const NAME = `My corpus (${COUNT} pieces)`;

describe.skipIf(!run)('training a model in the page', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuiltApp>>;
  let page: Page;
  let folder: string;
  const problems: string[] = [];
  const recipeNow = () => page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
  const pieceNow = () => page.evaluate(() => (window as unknown as MuseWindow).muse.piece());
  const modelNow = () => page.evaluate(() => (window as unknown as MuseWindow).muse.model());
  const modelOptions = () =>
    page.getByRole('combobox', { name: 'Model', exact: true }).locator('option').allTextContents();

  beforeAll(async () => {
    // A folder of 40 Nottingham tunes (the first ones, sorted) and a file the importer must skip.
    const source = join(SHARED_CORPORA, 'nottingham');
    folder = mkdtempSync(join(tmpdir(), 'muse-train-'));
    for (const name of readdirSync(source).sort().slice(0, COUNT)) copyFileSync(join(source, name), join(folder, name));
    writeFileSync(join(folder, 'notes.txt'), 'not music');
    server = await serveBuiltApp();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('imports a folder, charts it, trains (and cancels), composes from the model and keeps it across a reload', async () => {
    const recipe = await recipeNow();
    const presetPiece = await pieceNow();
    expect(await modelNow().then((m) => m?.user)).toBe(false);
    expect(await modelOptions()).toEqual(["Preset's own corpus"]);
    expect(await page.getByRole('button', { name: 'Train model' }).isDisabled()).toBe(true);

    await page.getByLabel('Import a folder').setInputFiles(folder);
    await page.locator('#import-summary').filter({ hasText: 'imported' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#import-summary').textContent()).toBe(`${COUNT} pieces imported.`);

    // Charts: each names its numbers; keys and meters add up to the pieces imported.
    const charts = page.locator('#corpus-charts').getByRole('img');
    expect(await charts.count()).toBe(4);
    const numbers = async (name: RegExp) => {
      const label = (await page.locator('#corpus-charts').getByRole('img', { name }).getAttribute('aria-label')) ?? '';
      return label
        .slice(label.indexOf(':') + 1)
        .split(', ')
        .map((item) => Number(item.match(/(\d+)( %)?$/)?.[1]));
    };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(await numbers(/^Keys of 40 pieces: /))).toBe(COUNT);
    expect(sum(await numbers(/^Meters of 40 pieces: /))).toBe(COUNT);
    const chordCounts = await numbers(/^Chords \(\d+ labelled/);
    expect(chordCounts.length).toBeGreaterThan(3);
    expect(chordCounts.every((n) => n > 0)).toBe(true);
    const pitch = await numbers(/^Pitch classes: C \d+ %/);
    expect(pitch).toHaveLength(12);
    expect(Math.abs(sum(pitch) - 100)).toBeLessThanOrEqual(6);
    expect(await page.locator('#corpus-charts figcaption').allTextContents()).toEqual([
      'Keys',
      'Meters',
      'Chords',
      'Pitch classes',
    ]);

    // A cancelled training leaves no model.
    expect(await page.getByLabel('Save as').inputValue()).toBe(NAME);
    await page.getByRole('button', { name: 'Train model' }).click();
    await page.getByRole('button', { name: 'Cancel training' }).click();
    await expect.poll(() => page.locator('#train-status').textContent()).toBe('Training cancelled: no model was made.');
    expect(await page.getByRole('progressbar', { name: 'Training progress' }).isHidden()).toBe(true);
    expect(await modelOptions()).toEqual(["Preset's own corpus"]);

    // Train: the progress bar counts finished steps up to the end.
    await page.evaluate(() => {
      // Every value the bar shows while training, as a user would watch it.
      const bar = document.getElementById('train-progress') as HTMLProgressElement;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => bar.hidden || seen.push(`${bar.value}/${bar.max}`)).observe(bar, { attributes: true });
      // The main thread while the worker trains: the longest gap between 10 ms timer ticks.
      const watch = { last: performance.now(), longest: 0 };
      (window as unknown as { watch: typeof watch }).watch = watch;
      const tick = () => {
        const now = performance.now();
        watch.longest = Math.max(watch.longest, now - watch.last);
        watch.last = now;
        if (!seen.includes('10/10')) setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
    });
    await page.getByRole('button', { name: 'Train model' }).click();
    expect(await page.getByRole('progressbar', { name: 'Training progress' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('#train-status').textContent(), { timeout: 60_000 })
      .toMatch(
        new RegExp(
          `^Trained "${NAME.replace(/[()]/g, '\\$&')}" on ${COUNT} pieces in \\d+\\.?\\d* s, saved in this browser; the piece is now composed from it\\.$`,
        ),
      );
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const steps = [...new Set(seen.filter((v) => v.endsWith('/10')))];
    expect(steps).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}/10`)); // every step, in order, to the end
    expect(await page.getByRole('progressbar', { name: 'Training progress' }).isHidden()).toBe(true);
    const longest = await page.evaluate(() => (window as unknown as { watch: { longest: number } }).watch.longest);
    console.info(
      `training: ${await page.locator('#train-status').textContent()} Longest main-thread gap while the worker trained: ${Math.round(longest)} ms.`,
    );
    // Trained on the main thread, the page would freeze for the whole training (seconds); in the worker
    // only scheduling noise is left (under 200 ms on an idle machine, more when the CPUs are shared).
    expect(longest).toBeLessThan(1000);

    // The select lists and shows the new model; the piece on screen is composed from it.
    expect(await modelOptions()).toEqual(["Preset's own corpus", `${NAME} — order 4, L 6`]);
    expect(
      await page.getByRole('combobox', { name: 'Model', exact: true }).locator('option:checked').textContent(),
    ).toBe(`${NAME} — order 4, L 6`);
    const model = await modelNow();
    expect(model).toMatchObject({ name: NAME, user: true, pieces: COUNT });
    // The preset fitted to the model's corpus is chosen; the seed stays.
    const fittedRecipe = await recipeNow();
    expect(fittedRecipe).toMatchObject({ preset: modelPresetName(NAME), seed: recipe?.seed });
    expect(await page.getByRole('combobox', { name: 'Preset', exact: true }).inputValue()).toBe(modelPresetName(NAME));
    const fromModel = await pieceNow();
    expect(fromModel).not.toEqual(presetPiece);
    expect(await page.locator('#status').textContent()).toContain(`Composed from your model "${NAME}".`);

    // The same files, model and recipe in Node give exactly this piece.
    const pieces = trainingOrder(
      readdirSync(folder)
        .filter((f) => f.endsWith('.mid'))
        .flatMap((f) => importFile(f, new Uint8Array(readFileSync(join(folder, f)))).pieces),
    );
    const inNode = parseModel(JSON.stringify(serializeModel(trainModel(pieces, { order: 4, melodyMaxRun: 6 }))));
    if (!inNode.ok || !recipe) throw new Error('no model in Node');
    expect(model?.contentHash).toBe(inNode.value.provenance.contentHash);
    if (!fittedRecipe) throw new Error('no recipe on the page');
    const expected = generate(fittedRecipe, {
      model: { model: inNode.value, name: NAME },
      preset: presetForModel(inNode.value, NAME),
    });
    if (!expected.ok) throw new Error(expected.error.message);
    expect(fromModel).toEqual(JSON.parse(JSON.stringify(expected.value.piece)));

    // After a reload the model is still listed, still selected, and composes the same piece.
    await page.reload();
    await expect.poll(() => modelNow().then((m) => m?.user), { timeout: 30_000 }).toBe(true);
    expect(await modelOptions()).toEqual(["Preset's own corpus", `${NAME} — order 4, L 6`]);
    expect(await pieceNow()).toEqual(fromModel);

    // Back to the preset's own corpus, then delete the model.
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: "Preset's own corpus" });
    expect(await modelNow().then((m) => m?.user)).toBe(false);
    expect(await pieceNow()).toEqual(presetPiece);
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: `${NAME} — order 4, L 6` });
    await expect.poll(() => modelNow().then((m) => m?.name)).toBe(NAME);
    await page.getByRole('button', { name: 'Delete selected model' }).click();
    await expect.poll(() => modelOptions()).toEqual(["Preset's own corpus"]);
    expect(await modelNow().then((m) => m?.user)).toBe(false);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
    expect(await modelOptions()).toEqual(["Preset's own corpus"]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('starts and says so when the browser keeps no IndexedDB', async () => {
    const context = await browser.newContext();
    const blocked = await context.newPage();
    const errors: string[] = [];
    blocked.on('pageerror', (e) => errors.push(e.message));
    blocked.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await blocked.addInitScript(() => {
      // As in a private window of some browsers: opening any database fails.
      indexedDB.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
      };
    });
    await blocked.goto(server.url);
    await blocked.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
    await expect
      .poll(() => blocked.locator('#train-status').textContent())
      .toBe(
        'Your models cannot be kept in this browser (the browser storage refused (The user denied permission to access the database.)): trained models last until you leave.',
      );
    expect(await blocked.getByRole('combobox', { name: 'Model', exact: true }).inputValue()).toBe('');
    expect(await blocked.getByRole('button', { name: 'Regenerate', exact: true }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
