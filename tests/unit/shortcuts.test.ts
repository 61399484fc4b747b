import { describe, expect, it } from 'vitest';
import { type KeyPress, SHORTCUTS, shortcutFor } from '../../src/ui/shortcuts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: 'BODY' },
  ...more,
});

describe('keyboard shortcuts', () => {
  it('maps each key to its action, letters in either case', () => {
    const table: [string, string][] = [
      [' ', 'playPause'],
      ['r', 'regenerate'],
      ['R', 'regenerate'],
      ['s', 'stop'],
      ['l', 'loop'],
      ['e', 'exportMidi'],
      ['d', 'newSeed'],
      ['ArrowLeft', 'previousPreset'],
      ['ArrowRight', 'nextPreset'],
      ['m', 'muteMelody'],
      ['?', 'help'],
      ['h', 'help'],
      ['H', 'help'],
    ];
    for (const [key, action] of table) expect(shortcutFor(press(key)), key).toBe(action);
  });

  it('has no action for other keys', () => {
    for (const key of ['x', 'Enter', 'Escape', 'Tab', 'ArrowUp', '1', 'Shift'])
      expect(shortcutFor(press(key))).toBe(undefined);
  });

  it('rests while typing in a field, a list, a text area or an editable element', () => {
    for (const tagName of ['INPUT', 'SELECT', 'TEXTAREA', 'input'])
      for (const key of [' ', 'r', 'ArrowLeft', '?'])
        expect(shortcutFor(press(key, { target: { tagName } }))).toBe(undefined);
    expect(shortcutFor(press('r', { target: { tagName: 'DIV', isContentEditable: true } }))).toBe(undefined);
  });

  it('rests with Ctrl, Meta or Alt held, but not with Shift ("?")', () => {
    for (const mod of ['ctrlKey', 'metaKey', 'altKey'] as const)
      for (const key of ['r', 's', 'e', ' ', 'ArrowRight'])
        expect(shortcutFor(press(key, { [mod]: true }))).toBe(undefined);
    expect(shortcutFor(press('?'))).toBe('help');
  });

  it('leaves Space to buttons, links and summaries, but other keys work there', () => {
    for (const tagName of ['BUTTON', 'A', 'SUMMARY']) {
      expect(shortcutFor(press(' ', { target: { tagName } }))).toBe(undefined);
      expect(shortcutFor(press('r', { target: { tagName } }))).toBe('regenerate');
    }
    expect(shortcutFor(press(' ', { target: null }))).toBe('playPause');
    expect(shortcutFor(press(' ', { target: { tagName: 'CANVAS' } }))).toBe('playPause');
  });

  it('lists every action once, with a label and a description, and no key twice', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.length).toBe(10);
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SHORTCUTS) {
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(0);
      for (const key of s.keys) expect(shortcutFor(press(key))).toBe(s.action);
    }
  });
});
