import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkPiece, composeEndless } from '../../src/compose';
import { builtinCorpus, composeOptions, findPreset, modelFor } from '../../src/presets';

const preset = findPreset('pop-ballad');
const corpus = builtinCorpus('songbook');
if (!preset || !corpus) throw new Error('missing pop-ballad or songbook');
const model = modelFor(corpus, preset);
const options = composeOptions(preset, { preset: preset.name, seed: 1 });

describe('composeEndless', () => {
  it('gives the form sections one after another, forever, each well formed', () => {
    const endless = composeEndless(model, options, 5);
    const labels: string[] = [];
    for (let i = 0; i < 60; i++) {
      const section = endless.next();
      expect(checkPiece(section), `section ${i}`).toEqual([]);
      expect(section.bars).toBe(8);
      expect(section.tracks[0].notes.length).toBeGreaterThan(0);
      labels.push(section.sections[0].label);
    }
    expect(labels.slice(0, 8)).toEqual(['A', 'A', 'B', 'A', 'A', 'A', 'B', 'A']);
  });

  it('is reproducible from its seed and differs for another', () => {
    const a = composeEndless(model, options, 9);
    const b = composeEndless(model, options, 9);
    const c = composeEndless(model, options, 10);
    for (let i = 0; i < 6; i++) {
      const x = a.next();
      expect(b.next()).toEqual(x);
      if (i === 0) expect(c.next().tracks[0].notes).not.toEqual(x.tracks[0].notes);
    }
  });

  it('keeps its memory bounded over hundreds of sections', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const endless = composeEndless(model, options, 3);
    const kept: unknown[] = [];
    for (let i = 0; i < 50; i++) endless.next();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 400; i++) endless.next();
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // The same 400 sections, kept: what a leak would cost.
    const leakBefore = process.memoryUsage().heapUsed;
    const again = composeEndless(model, options, 3);
    for (let i = 0; i < 400; i++) kept.push(again.next());
    gc();
    const leak = process.memoryUsage().heapUsed - leakBefore;
    console.log(
      `endless: heap grew ${(grown / 1024).toFixed(0)} KiB over 400 sections; keeping them costs ${(leak / 1024).toFixed(0)} KiB`,
    );
    expect(kept).toHaveLength(400);
    expect(grown).toBeLessThan(leak / 4);
  });
});
