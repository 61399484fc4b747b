import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { parseModel, serializeModel, trainModel } from '../../src/model';
import { type Blend, builtinCorpus, findPreset, generate } from '../../src/presets';
import { type App, openApp } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

interface MuseWindow {
  muse: { piece(): Piece | undefined; recipe(): { seed: number; blend?: Blend } | undefined };
}

const muse = <T>(page: Page, f: (m: MuseWindow['muse']) => T) =>
  page.evaluate(`(${f.toString()})(window.muse)`) as Promise<T>;

describe.skipIf(!chromiumAvailable())('Blend with a trained model in the page', () => {
  let app: App;
  let page: Page;
  let dir: string;
  let file: string;
  const jigs = builtinCorpus('folk-jigs');
  const preset = findPreset('folk-dance');
  if (!jigs || !preset) throw new Error('folk-jigs or folk-dance missing');
  // A model file as muse train writes it, of a corpus other than folk-dance's own (the reels).
  const model = trainModel(jigs.pieces, { order: preset.model.order });
  const hash = model.provenance.contentHash;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'muse-blend-model-'));
    file = join(dir, 'jigs.json');
    writeFileSync(file, JSON.stringify(serializeModel(model)));
    app = await openApp({ hash: 'v=1&preset=folk-dance&seed=5&bars=16&tempo=120' });
    page = app.page;
    await page.waitForFunction(() => (window as unknown as MuseWindow).muse?.recipe()?.seed === 5);
  });

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens a model file, blends it in, shares a link that names it, and a browser without it is told so and loses nothing', async () => {
    const before = await muse(page, (m) => m.piece());
    await page.getByLabel('Open a model file').setInputFiles(file);
    await expect
      .poll(() => page.locator('#train-status').textContent())
      .toMatch(/Opened the model "jigs" \(26 pieces\): choose it in Model .* or in Blend/);
    // Opening a model does not change the piece; it is offered in Blend under "Your models".
    expect(await muse(page, (m) => m.piece())).toEqual(before);
    const blend = page.getByLabel('Blend', { exact: true });
    expect(await blend.locator('optgroup[label="Your models"] option').allTextContents()).toEqual(['jigs']);
    await blend.selectOption({ label: 'jigs' });
    await page.getByLabel('Blend weight').fill('0.3');
    await page.getByLabel('Blend weight').dispatchEvent('change');
    const expected = { corpus: 'jigs', weight: 0.3, model: hash };
    await expect.poll(() => muse(page, (m) => m.recipe()?.blend)).toEqual(expected);
    const blended = await muse(page, (m) => m.piece());
    expect(blended).not.toEqual(before);
    // The same piece as Node makes from the recipe and the model file.
    const inNode = generate(
      { preset: 'folk-dance', seed: 5, bars: 16, tempo: 120, blend: expected },
      { blendModel: { model, name: 'jigs' } },
    );
    if (!inNode.ok) throw new Error(inNode.error.message);
    expect(JSON.parse(JSON.stringify(inNode.value.piece))).toEqual(blended);
    await expect.poll(() => page.locator('#blend-lean').textContent()).toMatch(/bars 1–4 (reels|jigs) \d+ %/);

    // Saved settings: a reload brings the blend back, the model read from the browser's store.
    await page.goto(page.url().split('#')[0]);
    await expect.poll(() => muse(page, (m) => m.recipe()?.blend), { timeout: 20_000 }).toEqual(expected);
    await expect.poll(() => muse(page, (m) => m.piece())).toEqual(blended);

    // The share link names the model (hash and name) and says it cannot carry it.
    await page.getByText('More export options').click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.locator('#share-link').inputValue();
    expect(link).toContain(`b=model%3A${hash.slice('fnv1a64:'.length)}.30`);
    expect(link).toMatch(/[&#]bn=jigs/);
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/names your model "jigs".*Save model file/);

    // Save model file gives a model file that reads back as the same model.
    await page.getByLabel('Model', { exact: true }).selectOption({ label: 'jigs — order 4, L 6' });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save model file' }).click();
    const saved = await (await download).path();
    const read = parseModel(readFileSync(saved, 'utf8'));
    expect(read.ok && read.value.provenance.contentHash).toBe(hash);
    await page.getByLabel('Model', { exact: true }).selectOption({ label: "Preset's own corpus" });

    // Another browser (no models of its own) opens the link: told what is missing, the blend kept.
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(link);
    await expect
      .poll(() => other.locator('#status').textContent(), { timeout: 20_000 })
      .toMatch(/blends in the trained model "jigs" \(fnv1a64:[0-9a-f]{16}\), which is not in this browser/);
    const otherBlend = other.getByLabel('Blend', { exact: true });
    expect(await otherBlend.locator('option:checked').textContent()).toBe('jigs — not in this browser');
    // Opening the model file there makes the piece the link stands for.
    await other.getByLabel('Open a model file').setInputFiles(file);
    await expect
      .poll(() => other.evaluate(() => (window as unknown as MuseWindow).muse.recipe()?.blend), { timeout: 20_000 })
      .toEqual(expected);
    await expect
      .poll(() => other.evaluate(() => (window as unknown as MuseWindow).muse.piece()), { timeout: 20_000 })
      .toEqual(blended);
    // A damaged model file is refused with the reason, and nothing changes.
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, readFileSync(file, 'utf8').replace('"order":4', '"order":"4"'));
    await other.getByLabel('Open a model file').setInputFiles(bad);
    await expect
      .poll(() => other.locator('#train-status').textContent())
      .toMatch(/bad\.json cannot be opened: model file/);
    await context.close();
    expect(app.problems).toEqual([]);
  });
});
