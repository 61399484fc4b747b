import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/corpus/importFile';
import { parseModel, serializeModel, trainModel } from '../../src/model';
import { generate, presetForModel } from '../../src/presets';
import { TWO_WORKERS_CORES, TWO_WORKERS_FROM } from '../../src/ui/trainClient';
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
const COUNT = TWO_WORKERS_FROM;
const NAME = `My corpus (${COUNT} pieces)`;

/*
 * The page's two training workers in Chromium (real Web Workers, their own channel between them):
 * on a machine that says it has cores enough, the first 200 Nottingham tunes train in two workers,
 * and the page composes from the model exactly the piece Node's trainModel gives.
 */
describe.skipIf(!run)('training in two workers in the page', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveBuiltApp>>;
  let folder: string;

  beforeAll(async () => {
    const source = join(SHARED_CORPORA, 'nottingham');
    folder = mkdtempSync(join(tmpdir(), 'muse-train2-'));
    for (const name of readdirSync(source).sort().slice(0, COUNT)) copyFileSync(join(source, name), join(folder, name));
    server = await serveBuiltApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Trains the folder in a fresh page that reports `cores`; the training workers it started, and the page. */
  async function trainWithCores(cores: number) {
    const page = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.addInitScript(`Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} });`);
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);
    await page.getByLabel('Import a folder').setInputFiles(folder);
    await page.locator('#import-summary').filter({ hasText: 'imported' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Train model' }).click();
    await expect
      .poll(() => page.locator('#train-status').textContent(), { timeout: 120_000 })
      .toMatch(/^Trained "My corpus \(200 pieces\)" on 200 pieces in /);
    return { page, problems, training: workers.filter((url) => url.includes('trainWorker')) };
  }

  it('composes from the model trainModel gives, trained in two workers', async () => {
    const { page, problems, training } = await trainWithCores(TWO_WORKERS_CORES);
    expect(training).toHaveLength(2);
    const pieces = trainingOrder(
      readdirSync(folder)
        .filter((f) => f.endsWith('.mid'))
        .flatMap((f) => importFile(f, new Uint8Array(readFileSync(join(folder, f)))).pieces),
    );
    const read = parseModel(JSON.stringify(serializeModel(trainModel(pieces, { order: 4, melodyMaxRun: 6 }))));
    if (!read.ok) throw new Error(read.error.message);
    const inNode = read.value;
    const model = await page.evaluate(() => (window as unknown as MuseWindow).muse.model());
    expect(model).toMatchObject({ name: NAME, user: true, pieces: COUNT });
    expect(model?.contentHash).toBe(inNode.provenance.contentHash);
    const recipe = await page.evaluate(() => (window as unknown as MuseWindow).muse.recipe());
    if (!recipe) throw new Error('no recipe on the page');
    const expected = generate(recipe, { model: { model: inNode, name: NAME }, preset: presetForModel(inNode, NAME) });
    if (!expected.ok) throw new Error(expected.error.message);
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.piece())).toEqual(
      JSON.parse(JSON.stringify(expected.value.piece)),
    );
    expect(problems).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('trains in one worker on a machine of two cores', async () => {
    const { page, training } = await trainWithCores(2);
    expect(training).toHaveLength(1);
    await page.context().close();
  }, 300_000);
});
