import { describe, expect, it } from 'vitest';
import { builtinPresets, findPreset } from '../../src/presets';
import { PresetLibrary } from '../../src/ui/presetLibrary';
import { MemoryStorage } from '../helpers/memoryStorage';

const ballad = builtinPresets()[0];
const edited = { ...ballad, melody: { ...ballad.melody, high: ballad.melody.high - 5 } };

describe('PresetLibrary: every preset by name', () => {
  it('resolves built-ins to the very built-in object until edited, and back after reset', () => {
    const lib = new PresetLibrary(new MemoryStorage());
    expect(lib.resolve(ballad.name)).toBe(findPreset(ballad.name));
    lib.edit(edited);
    expect(lib.resolve(ballad.name)).toBe(edited);
    expect(lib.isEdited(ballad.name)).toBe(true);
    expect(lib.reset(ballad.name)).toBe(findPreset(ballad.name));
    expect(lib.resolve(ballad.name)).toBe(findPreset(ballad.name));
    expect(lib.resolve('nothing-here')).toBeUndefined();
  });

  it('saves a user preset that a new library (a reload) finds again; same name overwrites', () => {
    const store = new MemoryStorage();
    const lib = new PresetLibrary(store);
    const saved = lib.save(edited, 'my-ballad');
    expect(saved.ok && saved.value).toMatchObject({ replaced: false, unsaved: undefined });
    expect(lib.kind('my-ballad')).toBe('yours');
    const again = new PresetLibrary(store);
    expect(again.userNames()).toEqual(['my-ballad']);
    expect(again.resolve('my-ballad')).toEqual({ ...edited, name: 'my-ballad' });
    const replaced = again.save({ ...edited, tempo: 90 }, 'my-ballad');
    expect(replaced.ok && replaced.value.replaced).toBe(true);
    expect(new PresetLibrary(store).resolve('my-ballad')?.tempo).toBe(90);
  });

  it("refuses a built-in's name and an invalid name, naming the field", () => {
    const lib = new PresetLibrary(new MemoryStorage());
    const clash = lib.save(edited, ballad.name);
    expect(!clash.ok && clash.error).toMatch(/built-in/);
    const bad = lib.save(edited, 'My <b>Tune</b>');
    expect(!bad.ok && bad.error).toMatch(/name/);
    expect(lib.userNames()).toEqual([]);
  });

  it('keeps a preset for the session and says why when storage is full', () => {
    const store = new MemoryStorage();
    store.fail.set = true;
    const lib = new PresetLibrary(store);
    const saved = lib.save(edited, 'my-ballad');
    expect(saved.ok && saved.value.unsaved).toMatch(/full/);
    expect(lib.resolve('my-ballad')?.name).toBe('my-ballad');
  });

  it('starts with an unreadable storage and says so', () => {
    const store = new MemoryStorage();
    store.fail.get = true;
    const lib = new PresetLibrary(store);
    expect(lib.problem).toMatch(/could not be read/);
    expect(lib.resolve(ballad.name)).toBe(findPreset(ballad.name));
  });

  it('deletes only user presets', () => {
    const store = new MemoryStorage();
    const lib = new PresetLibrary(store);
    lib.save(edited, 'my-ballad');
    expect(lib.remove(ballad.name).ok).toBe(false);
    expect(lib.remove('my-ballad').ok).toBe(true);
    expect(new PresetLibrary(store).userNames()).toEqual([]);
  });

  it('takes a shared preset as new, or as an edit of the preset of its name', () => {
    const lib = new PresetLibrary(new MemoryStorage());
    const theirs = { ...edited, name: 'their-tune' };
    lib.receive(theirs);
    expect(lib.kind('their-tune')).toBe('shared');
    expect(lib.resolve('their-tune')).toBe(theirs);
    lib.receive(edited);
    expect(lib.kind(ballad.name)).toBe('built-in');
    expect(lib.resolve(ballad.name)).toBe(edited);
    lib.receive(JSON.parse(JSON.stringify(ballad)));
    expect(lib.resolve(ballad.name)).toBe(findPreset(ballad.name));
    lib.save(theirs, 'their-tune');
    expect(lib.sharedNames()).toEqual([]);
    expect(lib.kind('their-tune')).toBe('yours');
  });
});
