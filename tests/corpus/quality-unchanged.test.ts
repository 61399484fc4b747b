import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, trainModel } from '../../src/model';
import { generate } from '../../src/presets';
import { chordLabelFigures, heldOutFigures, nottinghamSplit, originalityFigures } from '../helpers/qualityFigures';
import { sharedCorporaAvailable } from '../helpers/shared';

/**
 * Issue 17 made training fast (counts that add up, worker threads, no string per note); the model
 * it trains must be the same. The figures below were measured on main before that work
 * (tests/fixtures/quality-before.json, commit in the file, written by tests/bench/quality-before.ts)
 * and must come out exactly equal: held-out bits per pitch and per duration, the chord labels'
 * accuracy (and every label, by fingerprint), the originality reports of the presets' pieces.
 */
const before = JSON.parse(readFileSync(new URL('../fixtures/quality-before.json', import.meta.url), 'utf8'));

describe.skipIf(!sharedCorporaAvailable())('quality figures unchanged by the training speed-up (issue 17)', () => {
  it('held-out bits per pitch and per duration (Nottingham, 90 % trained) equal those measured on main', () => {
    const now = heldOutFigures();
    console.log(`held out: ${now.bitsPerPitch} bits/pitch (before: ${before.heldOut.bitsPerPitch})`);
    expect(now).toEqual(before.heldOut);
  }, 180_000);

  it('a planted fault moves the held-out figure: one training tune fewer, or the memory weight nudged', () => {
    const { train, test } = nottinghamSplit();
    const fewer = evaluate(trainModel(train.slice(1), { order: 4 }), test);
    expect(fewer.bitsPerPitch).not.toEqual(before.heldOut.bitsPerPitch);
    const model = trainModel(train, { order: 4 });
    const w = model.pitch.weights;
    const nudged = evaluate({ ...model, pitch: { ...model.pitch, weights: { ...w, memory: w.memory * 1.001 } } }, test);
    expect(nudged).not.toEqual(before.heldOut);
  }, 180_000);

  it('the chord labels of the Nottingham chord tracks are those of main: accuracy and every label', () => {
    const now = chordLabelFigures();
    console.log(
      `chord labels: ${(100 * now.accuracy).toFixed(4)} % (before: ${(100 * before.chordLabels.accuracy).toFixed(4)} %)`,
    );
    expect(now).toEqual(before.chordLabels);
    // Planted fault: one label fewer changes the fingerprint and the count.
    expect({ ...now, labels: now.labels - 1 }).not.toEqual(before.chordLabels);
  }, 180_000);

  it('the originality reports of every preset (seeds 1, 2) and of a blend are those of main', async () => {
    const now = await originalityFigures();
    expect(Object.keys(now)).toEqual(Object.keys(before.originality));
    for (const [name, report] of Object.entries(now)) expect(report, name).toEqual(before.originality[name]);
    // Planted fault: another seed's report is not the same.
    const other = generate({ preset: 'pop-ballad', seed: 3 });
    expect(other.ok && other.value.originality).not.toEqual(before.originality['pop-ballad:1']);
  }, 300_000);
});
