import { describe, expect, it } from 'vitest';
import { builtinPresets } from '../../src/presets';
import { loadUserPresets, saveUserPresets } from '../../src/ui/userPresets';
import { MemoryStorage } from '../helpers/memoryStorage';

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
    expect(r.problem).toMatch(/2 saved presets were invalid/);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(loadUserPresets(broken).problem).toMatch(/could not be read/);
    expect(loadUserPresets(undefined)).toEqual({ presets: [] });
    expect(saveUserPresets([mine], undefined).ok).toBe(false);
  });
});
