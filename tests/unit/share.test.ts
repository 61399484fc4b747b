import { describe, expect, it } from 'vitest';
import { builtinPresets, parseShareFragment, shareFragment } from '../../src/presets';

describe('share links', () => {
  it('round-trips a recipe exactly', () => {
    const recipe = { preset: 'folk-dance', seed: 4294967295, bars: 33, tempo: 101 };
    const fragment = shareFragment(recipe);
    expect(fragment).toBe('v=1&preset=folk-dance&seed=4294967295&bars=33&tempo=101');
    expect(parseShareFragment(`#${fragment}`)).toEqual({ ok: true, value: { recipe } });
  });

  it('round-trips every override of a recipe, so the link makes the same piece', () => {
    const recipe = {
      preset: 'pop-ballad',
      seed: 12,
      bars: 24,
      tempo: 90,
      key: 'F#',
      mode: 'dorian' as const,
      meter: [6, 8] as [number, 8],
      form: 'intro A B A outro',
      temperature: 1.35,
      maxRun: 9,
    };
    const fragment = shareFragment(recipe);
    expect(parseShareFragment(fragment)).toEqual({ ok: true, value: { recipe } });
  });

  it("carries a preset of the user's whole, and refuses a tampered one", () => {
    const mine = { ...builtinPresets()[1], name: 'my-dance', tempo: 133, description: 'Füße & <b>ünïcode</b>' };
    const recipe = { preset: 'my-dance', seed: 7, bars: 24, tempo: 133 };
    const fragment = shareFragment(recipe, mine);
    expect(parseShareFragment(fragment)).toEqual({ ok: true, value: { recipe, preset: mine } });
    const tampered = shareFragment(recipe, { ...mine, tempo: 9999 });
    const r = parseShareFragment(tampered);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('p.tempo');
    expect(parseShareFragment(`${fragment.replace(/p=[^&]+/, 'p=%%%')}`).ok).toBe(false);
  });

  it.each([
    ['v=1&preset=folk-dance&seed=1&__proto__=x', '__proto__'],
    ['v=1&preset=folk-dance&seed=1&constructor=x', 'constructor'],
    ['v=1&preset=folk-dance&seed=1&seed=2', 'seed'],
    ['v=2&preset=folk-dance&seed=1', 'v'],
    ['preset=folk-dance&seed=1', 'v'],
    ['v=1&preset=<script>&seed=1', 'preset'],
    ['v=1&preset=folk-dance', 'seed'],
    ['v=1&preset=folk-dance&seed=-1', 'seed'],
    ['v=1&preset=folk-dance&seed=1e3', 'seed'],
    ['v=1&preset=folk-dance&seed=99999999999', 'seed'],
    ['v=1&preset=folk-dance&seed=1&bars=3', 'bars'],
    ['v=1&preset=folk-dance&seed=1&tempo=1000', 'tempo'],
    ['v=1&preset=folk-dance&seed=1&key=H', 'key'],
    ['v=1&preset=folk-dance&seed=1&mode=blues', 'mode'],
    ['v=1&preset=folk-dance&seed=1&meter=6%2F7', 'meter'],
    ['v=1&preset=folk-dance&seed=1&meter=six', 'meter'],
    ['v=1&preset=folk-dance&seed=1&form=A%3Cb%3E', 'form'],
    ['v=1&preset=folk-dance&seed=1&temperature=9', 'temperature'],
    ['v=1&preset=folk-dance&seed=1&temperature=1e1', 'temperature'],
    ['v=1&preset=folk-dance&seed=1&maxRun=1', 'maxRun'],
    [`v=1&preset=folk-dance&seed=1&x=${'a'.repeat(17000)}`, 'link'],
  ])('refuses %s, naming %s', (fragment, field) => {
    const before = Object.getOwnPropertyNames(Object.prototype).length;
    const r = parseShareFragment(fragment);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
