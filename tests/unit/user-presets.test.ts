import { describe, expect, it } from 'vitest';
import { builtinPresets } from '../../src/presets';
import { PresetLibrary } from '../../src/ui/presetLibrary';
import { loadUserPresets, saveUserPresets, unreadableFile } from '../../src/ui/userPresets';
import { MemoryStorage } from '../helpers/memoryStorage';

const KEY = 'markov-muse/user-presets/v1';
const mine = { ...builtinPresets()[0], name: 'my-ballad', tempo: 80 };

describe('user presets', () => {
  it('survive a save and a load', () => {
    const store = new MemoryStorage();
    expect(saveUserPresets([mine], store).ok).toBe(true);
    expect(loadUserPresets(store)).toEqual({ presets: [mine] });
  });

  it('report a full storage instead of losing the preset silently', () => {
    const r = saveUserPresets([mine], new MemoryStorage(10));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/full/);
  });

  it('never break start-up: damaged, invalid or unreadable stores load what they can and say so', () => {
    const damaged = new MemoryStorage();
    damaged.setItem('markov-muse/user-presets/v1', '{not json');
    expect(loadUserPresets(damaged).presets).toEqual([]);
    expect(loadUserPresets(damaged).problem).toMatch(/damaged/);
    const mixed = new MemoryStorage();
    mixed.setItem('markov-muse/user-presets/v1', JSON.stringify([mine, { ...mine, tempo: 'x' }, { __proto__: 1 }]));
    const r = loadUserPresets(mixed);
    expect(r.presets).toEqual([mine]);
    expect(r.problem).toMatch(/2 saved presets could not be read/);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(loadUserPresets(broken).problem).toMatch(/could not be read/);
    expect(loadUserPresets(undefined)).toEqual({ presets: [] });
    expect(saveUserPresets([mine], undefined).ok).toBe(false);
  });

  // Issue #19, case 6: what could not be read is kept through every save until the user deletes it.
  it('keep an invalid stored preset through the next Save, and hand it out as stored', () => {
    const store = new MemoryStorage();
    const broken = { ...mine, name: 'too-fast', tempo: 999 };
    store.setItem(KEY, JSON.stringify([mine, broken]));
    const library = new PresetLibrary(store);
    expect(library.problem).toMatch(
      /1 saved preset could not be read \(too-fast: preset field tempo: must be a whole number from 30 to 300, not 999\); it is kept/,
    );
    expect(library.save({ ...mine, name: 'another' }, 'another').ok).toBe(true);
    const stored = JSON.parse(store.getItem(KEY) ?? '[]');
    expect(stored).toContainEqual(broken);
    expect(stored.map((p: { name: string }) => p.name)).toEqual(['my-ballad', 'another', 'too-fast']);
    expect(library.remove('another').ok).toBe(true);
    expect(JSON.parse(store.getItem(KEY) ?? '[]')).toContainEqual(broken);
    expect(JSON.parse(unreadableFile(library.unreadable ?? { items: [], damaged: [], reasons: [] })).items).toEqual([
      broken,
    ]);
    // Planted fault: a store saved without what could not be read loses it.
    saveUserPresets([mine], store);
    expect(JSON.parse(store.getItem(KEY) ?? '[]')).not.toContainEqual(broken);
  });

  it('back up a truncated store before the next Save writes over it, and keep the backup', () => {
    const store = new MemoryStorage();
    const truncated = JSON.stringify([mine, mine]).slice(0, 200);
    store.setItem(KEY, truncated);
    const library = new PresetLibrary(store);
    expect(library.problem).toMatch(/damaged \(cut short\?\)/);
    expect(library.save({ ...mine, name: 'fresh' }, 'fresh').ok).toBe(true);
    expect(JSON.parse(store.getItem(`${KEY}/damaged`) ?? '[]')).toEqual([truncated]);
    const again = new PresetLibrary(store);
    expect(again.userNames()).toEqual(['fresh']);
    expect(again.unreadable?.damaged).toEqual([truncated]);
    expect(JSON.parse(unreadableFile(again.unreadable ?? { items: [], damaged: [], reasons: [] })).damaged).toEqual([
      truncated,
    ]);
  });

  it('refuse to write over a damaged store when its backup cannot be written, saying so', () => {
    const store = new MemoryStorage();
    store.setItem(KEY, '[{"name": "cut');
    const library = new PresetLibrary(store);
    store.fail.set = true;
    const saved = library.save({ ...mine, name: 'fresh' }, 'fresh');
    expect(saved.ok && saved.value.unsaved).toMatch(/could not be backed up/);
    expect(store.getItem(KEY)).toBe('[{"name": "cut');
  });

  it('delete what could not be read only when the user asks', () => {
    const store = new MemoryStorage();
    store.setItem(KEY, JSON.stringify([mine, { ...mine, name: 'bad', tempo: 'x' }]));
    const library = new PresetLibrary(store);
    expect(library.dropUnreadable().ok).toBe(true);
    expect(JSON.parse(store.getItem(KEY) ?? '[]')).toEqual([mine]);
    expect(new PresetLibrary(store).problem).toBeUndefined();
  });
});
