import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeModel, serializeModel, trainModel } from '../../src/model';
import { builtinCorpus } from '../../src/presets';
import { openModelStore, storageProblem, uniqueName } from '../../src/ui/modelStore';

let text = '';
let bytes: Uint8Array = new Uint8Array();
let hash = '';

beforeAll(() => {
  const pieces = builtinCorpus('songbook')?.pieces.slice(0, 8) ?? [];
  const model = trainModel(pieces, { order: 2, fitWeights: false });
  text = JSON.stringify(serializeModel(model));
  bytes = encodeModel(model);
  hash = model.provenance.contentHash;
});

afterEach(() => {
  vi.unstubAllGlobals();
  globalThis.indexedDB = new IDBFactory(); // a fresh, empty browser storage for each test
});

const info = (name: string) => ({ name, pieces: 8, order: 2, maxRun: 6, contentHash: hash });

describe('the model store (IndexedDB)', () => {
  it('saves, lists, loads and deletes models, and keeps them across openings', async () => {
    const opened = await openModelStore();
    if (!opened.ok) throw new Error(opened.error);
    const store = opened.value;
    expect(await store.list()).toEqual({ ok: true, value: [] });
    const a = await store.save(info('Jigs (8 pieces)'), text);
    const b = await store.save(info('Reels'), text);
    if (!a.ok || !b.ok) throw new Error('not saved');
    expect(a.value).toMatchObject({ name: 'Jigs (8 pieces)', pieces: 8, order: 2, size: text.length });
    expect(b.value.id).not.toBe(a.value.id);

    const again = await openModelStore(); // as after a reload
    if (!again.ok) throw new Error(again.error);
    const list = await again.value.list();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['Jigs (8 pieces)', 'Reels']);
    const loaded = await again.value.load(a.value.id);
    expect(loaded.ok && loaded.value.provenance.contentHash).toBe(hash);
    expect(loaded.ok && loaded.value.options.order).toBe(2);

    expect((await again.value.delete(a.value.id)).ok).toBe(true);
    const after = await again.value.list();
    expect(after.ok && after.value.map((m) => m.name)).toEqual(['Reels']);
    const gone = await again.value.load(a.value.id);
    expect(gone.ok).toBe(false);
    expect(!gone.ok && gone.error).toMatch(/not in the browser storage/);
  });

  it('keeps models in binary form (what the page saves) beside JSON kept before, and reads both', async () => {
    const opened = await openModelStore();
    if (!opened.ok) throw new Error(opened.error);
    const binary = await opened.value.save(info('Binary'), bytes);
    const json = await opened.value.save(info('Kept before'), text);
    if (!binary.ok || !json.ok) throw new Error('not saved');
    expect(binary.value.size).toBe(bytes.length);
    const again = await openModelStore();
    if (!again.ok) throw new Error(again.error);
    const a = await again.value.load(binary.value.id);
    const b = await again.value.load(json.value.id);
    if (!a.ok || !b.ok) throw new Error('not read');
    expect(JSON.stringify(serializeModel(a.value))).toBe(text);
    expect(JSON.stringify(serializeModel(b.value))).toBe(text);
  });

  it('a damaged or newer binary model is refused with a reason and stays listed (nothing lost)', async () => {
    const opened = await openModelStore();
    if (!opened.ok) throw new Error(opened.error);
    const damaged = bytes.slice();
    damaged[damaged.length - 3] ^= 1;
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint32(16, 9, true);
    const d = await opened.value.save(info('Damaged'), damaged);
    const n = await opened.value.save(info('Newer'), newer);
    if (!d.ok || !n.ok) throw new Error('not saved');
    const readD = await opened.value.load(d.value.id);
    expect(!readD.ok && readD.error).toMatch(/^the saved model is damaged: model file field checksum: does not match/);
    const readN = await opened.value.load(n.value.id);
    expect(!readN.ok && readN.error).toMatch(/model version 9 is newer than this markov-muse reads/);
    const list = await opened.value.list();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['Damaged', 'Newer']);
    // The control: the intact bytes read.
    const good = await opened.value.save(info('Good'), bytes);
    expect(good.ok && (await opened.value.load(good.value.id)).ok).toBe(true);
  });

  it('refuses a damaged stored model with a reason instead of throwing', async () => {
    const opened = await openModelStore();
    if (!opened.ok) throw new Error(opened.error);
    const saved = await opened.value.save(info('Broken'), text.replace('"markov-muse/model"', '"something-else"'));
    if (!saved.ok) throw new Error(saved.error);
    const loaded = await opened.value.load(saved.value.id);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error).toMatch(/^the saved model is damaged: model file field format/);
    const truncated = await opened.value.save(info('Cut'), text.slice(0, 100));
    const cut = truncated.ok ? await opened.value.load(truncated.value.id) : truncated;
    expect(!cut.ok && cut.error).toMatch(/not valid JSON/);
  });

  it('reports a missing or failing IndexedDB instead of breaking start-up', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const none = await openModelStore();
    expect(none).toEqual({ ok: false, error: 'this browser keeps no storage here (private mode?)' });

    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const refused = await openModelStore();
    expect(refused).toEqual({
      ok: false,
      error: 'the browser storage refused (The operation is insecure.)',
    });
  });

  it('reports a full storage when saving', async () => {
    const opened = await openModelStore();
    if (!opened.ok) throw new Error(opened.error);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    try {
      const saved = await opened.value.save(info('Too big'), text);
      expect(saved).toEqual({ ok: false, error: 'the browser storage is full' });
      // Nothing half-saved: the list entry went with the aborted transaction.
      const list = await opened.value.list();
      expect(list.ok && list.value).toEqual([]);
    } finally {
      put.mockRestore();
    }
  });

  it('names models uniquely and words storage problems', () => {
    expect(uniqueName('My corpus (4 pieces)', [])).toBe('My corpus (4 pieces)');
    expect(uniqueName('A', ['A', 'A 2'])).toBe('A 3');
    expect(uniqueName('   ', [])).toBe('My model');
    expect(storageProblem(new DOMException('x', 'QuotaExceededError'))).toBe('the browser storage is full');
    expect(storageProblem(new Error('boom'))).toBe('the browser storage refused (boom)');
  });
});
