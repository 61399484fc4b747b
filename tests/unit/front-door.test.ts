import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Every compose of a whole piece goes through composeWithReport or composeSteps (what generate
 * runs, at once or, in the page, a step at a time): count the calls.
 */
const composes = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/compose', async (original) => {
  const real = await original<typeof import('../../src/compose')>();
  return {
    ...real,
    composeWithReport: (...args: Parameters<typeof real.composeWithReport>) => {
      composes.count++;
      return real.composeWithReport(...args);
    },
    composeSteps: (...args: Parameters<typeof real.composeSteps>) => {
      composes.count++;
      return real.composeSteps(...args);
    },
  };
});

// The setup file loaded the modules unmocked: load them again, with the counting composer.
vi.resetModules();
const { exportMidi, findPreset, generate, loadBuiltinCorpora, midiOf, pieceJson, presetSound } = await import(
  '../../src/presets'
);
const { pieceOfSeconds } = await import('../bench/browser/testPieces');
const { muse } = await import('../helpers/cli');
await loadBuiltinCorpora();

const dir = mkdtempSync(join(tmpdir(), 'muse-front-door-'));
const made = () => {
  const g = generate({ preset: 'pop-ballad', seed: 5 });
  if (!g.ok) throw new Error(g.error.message);
  return g.value;
};

describe('one front door: one compose per export', () => {
  beforeEach(() => {
    composes.count = 0;
  });

  it('generate composes once and gives the piece, its sound and its provenance', () => {
    const g = made();
    expect(composes.count).toBe(1);
    expect(g.sound).toEqual(presetSound(g.preset));
    expect(g.sound.parts.drums?.volume).toBe(g.preset.drums?.volume);
    expect(g.provenance).toMatchObject({ app: 'markov-muse', recipe: g.recipe, model: { corpus: g.preset.corpus } });
    expect(g.preset.corpus).toBe('ballads');
  });

  it('the exports compose nothing more: whole, a range, per track, with the mixer, JSON', () => {
    const g = made();
    composes.count = 0;
    midiOf(g);
    midiOf(g, { melody: { volume: -3, pan: 0.5 } });
    for (const settings of [{}, { range: { from: 2, to: 5 } }, { perTrack: true }]) {
      const files = exportMidi(g, settings);
      expect(files.ok).toBe(true);
    }
    pieceJson(g);
    expect(composes.count).toBe(0);
  });

  it('a quantized export of a piece composed as played composes its twin once; of a quantized piece, nothing', () => {
    const g = made();
    composes.count = 0;
    expect(exportMidi(g, { quantize: true, perTrack: true }).ok).toBe(true);
    expect(composes.count).toBe(1);
    const q = generate({ preset: 'pop-ballad', seed: 5 }, { quantize: true });
    if (!q.ok) throw new Error(q.error.message);
    composes.count = 0;
    expect(exportMidi(q.value, { quantize: true }).ok).toBe(true);
    expect(composes.count).toBe(0);
  });

  it('muse generate composes once per command, whatever it writes', async () => {
    for (const extra of [[], ['--per-track', '--range', '1-4'], ['--quantize'], ['--json']]) {
      composes.count = 0;
      const out = join(dir, `p-${extra.join('')}.mid`);
      const r = await muse('generate', '--preset', 'folk-dance', '--seed', '3', '--out', out, ...extra);
      expect(r.code, r.err).toBe(0);
      expect(composes.count, extra.join(' ')).toBe(1);
    }
    composes.count = 0;
    await muse('generate', '--preset', 'folk-dance', '--seed', '3', '--out', join(dir, 'p.json'));
    expect(composes.count).toBe(1);
  });

  it('the benchmarks compose each piece once and play it with the preset sound', () => {
    const { options } = pieceOfSeconds(20, 'pop-ballad');
    expect(composes.count).toBe(1);
    const preset = findPreset('pop-ballad');
    if (!preset) throw new Error('no pop-ballad');
    expect(options).toEqual(presetSound(preset));
  });

  it('negative control: the counter sees every compose (the old path composed twice for one file)', () => {
    const g = made();
    generate(g.recipe); // what exportMidi(recipe) did inside
    expect(composes.count).toBe(2);
  });
});
