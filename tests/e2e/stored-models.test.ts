import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, trainModel } from '../../src/model';
import { builtinCorpus } from '../../src/presets';
import { type App, openApp, STRICT_CSP } from '../helpers/appPage';
import { chromiumAvailable } from '../helpers/browser';

/**
 * Models the page keeps in IndexedDB, in binary form (modelBinary.ts): one intact, one damaged
 * (a byte changed), one from a newer markov-muse. Chosen in the Model select after a reload, the
 * intact one composes (the control); the others are refused with the reason under Train a model,
 * the piece falls back to the preset's own corpus, and they stay listed until deleted: nothing is
 * lost behind the user's back.
 */

interface MuseWindow {
  muse: {
    piece(): unknown;
    model(): { name: string; user: boolean } | undefined;
  };
}

describe.skipIf(!chromiumAvailable())('models kept in the browser (binary form)', () => {
  let app: App;
  let page: Page;
  const ready = () => page.waitForFunction(() => (window as unknown as MuseWindow).muse?.piece() !== undefined);

  beforeAll(async () => {
    // Under the strict Content-Security-Policy the README gives (unpacking models included).
    app = await openApp({ csp: STRICT_CSP });
    page = app.page;
    await ready();
  });

  afterAll(() => app?.close());

  it('reads an intact kept model, refuses a damaged or newer one with the reason, and keeps listing them', async () => {
    const model = trainModel(builtinCorpus('songbook')?.pieces.slice(0, 8) ?? [], { order: 2, fitWeights: false });
    const good = encodeModel(model);
    const damaged = good.slice();
    damaged[damaged.length - 5] ^= 0x40;
    const newer = good.slice();
    new DataView(newer.buffer).setUint32(16, 2, true);
    const meta = {
      pieces: 8,
      order: 2,
      maxRun: 6,
      contentHash: model.provenance.contentHash,
      created: 0,
      size: good.length,
    };
    await page.evaluate(
      async ({ entries, meta }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('markov-muse-models', 1);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction(['meta', 'files'], 'readwrite');
        for (const [name, bytes] of entries) {
          const add = tx.objectStore('meta').add({ ...meta, name });
          add.onsuccess = () => tx.objectStore('files').put({ id: add.result, bytes: new Uint8Array(bytes) });
        }
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      {
        meta,
        entries: [
          ['Intact', [...good]],
          ['Damaged', [...damaged]],
          ['Newer', [...newer]],
        ] as [string, number[]][],
      },
    );
    await page.reload();
    await ready();
    const select = page.getByRole('combobox', { name: 'Model', exact: true });
    const label = (name: string) => `${name} — order 2, L 6`;
    await expect.poll(() => select.locator('option').allTextContents()).toContain(label('Newer'));
    const status = page.locator('#status');
    const modelStatus = page.locator('#train-status');

    await select.selectOption({ label: label('Intact') });
    await expect.poll(() => status.textContent()).toContain('Composed from your model "Intact"');

    await select.selectOption({ label: label('Damaged') });
    await expect
      .poll(() => modelStatus.textContent())
      .toMatch(/^Model "Damaged" cannot be used: the saved model is damaged: .*checksum.*does not match/);
    expect(await select.locator('option:checked').textContent()).toBe("Preset's own corpus");
    expect(await page.evaluate(() => (window as unknown as MuseWindow).muse.model()?.user ?? false)).toBe(false);

    await select.selectOption({ label: label('Newer') });
    await expect
      .poll(() => modelStatus.textContent())
      .toMatch(/^Model "Newer" cannot be used: .*model version 2 is newer than this markov-muse reads/);

    // Nothing was deleted: after a reload all three are listed still.
    await page.reload();
    await ready();
    const options = await select.locator('option').allTextContents();
    for (const name of ['Intact', 'Damaged', 'Newer']) expect(options).toContain(label(name));
    expect(app.problems).toEqual([]);
  });
});
