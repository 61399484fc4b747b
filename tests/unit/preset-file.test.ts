import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPresets, parsePreset, parsePresetText } from '../../src/presets';
import { muse } from '../helpers/cli';

const base = () =>
  JSON.parse(JSON.stringify(builtinPresets()[1])) as Record<string, unknown> & { melody: Record<string, unknown> };

describe('parsePreset', () => {
  it('accepts every built-in preset and returns a fresh copy', () => {
    for (const p of builtinPresets()) {
      const r = parsePreset(JSON.parse(JSON.stringify(p)));
      expect(r.ok).toBe(true);
    }
  });

  it.each([
    ['wrong type', (p: ReturnType<typeof base>) => (p.tempo = 'fast'), 'tempo'],
    ['out of range', (p: ReturnType<typeof base>) => (p.tempo = 9000), 'tempo'],
    ['nested out of range', (p: ReturnType<typeof base>) => (p.melody.velocity = 0), 'melody.velocity'],
    ['low above high', (p: ReturnType<typeof base>) => (p.melody.low = 120), 'melody.low'],
    ['unknown key', (p: ReturnType<typeof base>) => (p.colour = 'red'), 'colour'],
    ['unknown corpus', (p: ReturnType<typeof base>) => (p.corpus = 'nope'), 'corpus'],
    ['missing field', (p: ReturnType<typeof base>) => delete p.meter, 'meter'],
    ['bad name', (p: ReturnType<typeof base>) => (p.name = '<b>x</b>'), 'name'],
  ])('refuses %s, naming the field', (_, mutate, field) => {
    const p = base();
    mutate(p);
    const r = parsePreset(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(field);
    }
  });

  it('refuses __proto__ and constructor keys without touching any prototype', () => {
    for (const text of [
      JSON.stringify(base()).replace('{', '{"__proto__": {"polluted": true},'),
      JSON.stringify(base()).replace('"melody":{', '"melody":{"constructor": {"prototype": {"polluted": true}},'),
    ]) {
      const r = parsePresetText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/__proto__|constructor/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('refuses text that is too large or not JSON', () => {
    expect(parsePresetText(' '.repeat(70_000)).ok).toBe(false);
    const r = parsePresetText('{"name": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/not valid JSON/);
  });
});

describe('muse generate --preset FILE.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muse-preset-'));

  it('composes with a preset file and carries the whole preset in the provenance', async () => {
    const p = base();
    p.name = 'my-dance';
    p.tempo = 131;
    writeFileSync(join(dir, 'mine.json'), JSON.stringify(p));
    const out = join(dir, 'mine.mid');
    const r = await muse('generate', '--preset', join(dir, 'mine.json'), '--seed', '3', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).recipe).toMatchObject({
      preset: 'my-dance',
      seed: 3,
      bars: p.bars,
      tempo: 131,
      key: p.key,
    });
    expect(readFileSync(out).toString('latin1')).toContain('"preset":{"name":"my-dance"');
  });

  it('exits non-zero and writes nothing for a bad preset file', async () => {
    const p = base();
    p.melody.low = 100;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(p));
    const out = join(dir, 'bad.mid');
    const r = await muse('generate', '--preset', join(dir, 'bad.json'), '--seed', '3', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/melody\.low/);
    expect(existsSync(out)).toBe(false);
    expect((await muse('generate', '--preset', join(dir, 'missing.json'), '--seed', '3', '--out', out)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
