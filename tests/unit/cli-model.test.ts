import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFiles } from '../../src/cli/train';
import { muse } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'muse-model-'));
const SONGBOOK = 'presets/corpora/songbook.json';

describe('muse train, eval and generate --model', () => {
  const model = join(dir, 'songbook-model.json');

  it('trains a model file with its provenance', async () => {
    const r = await muse('train', SONGBOOK, '--out', model, '--order', '3', '--max-run', '5', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ pieces: 30, order: 3, melodyMaxRun: 5 });
    expect(summary.hash).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.format).toBe('markov-muse/model');
    expect(file.version).toBe(1);
  });

  it('evaluates on pieces it did not train on, leaving out the ones it did', async () => {
    const held = join(dir, 'held-out.mid');
    expect((await muse('generate', '--preset', 'folk-dance', '--seed', '8', '--out', held)).code).toBe(0);
    const r = await muse('eval', '--model', model, SONGBOOK, held, '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e.excluded).toBe(30);
    expect(e.pieces).toBe(1);
    for (const key of ['pieces', 'notes', 'bitsPerPitch', 'bitsPerDuration', 'orders']) expect(e).toHaveProperty(key);
    expect(e.bitsPerPitch).toBeGreaterThan(0);
    expect(e.orders.map((o: { order: number }) => o.order)).toEqual([0, 1, 2, 3]);
  });

  it('generates from the model with a preset fitted to its corpus, the model hash in the provenance', async () => {
    const out = join(dir, 'from-model.mid');
    const r = await muse('generate', '--model', model, '--seed', '2', '--out', out, '--json');
    expect(r.code).toBe(0);
    const g = JSON.parse(r.out);
    // The songbook's own figures, counted here: its usual meter, median tempo and commonest key.
    const pieces: { meter: number[]; tempo: number; key: string }[] = JSON.parse(readFileSync(SONGBOOK, 'utf8')).pieces;
    const tempos = pieces.map((p) => p.tempo).sort((a, b) => a - b);
    const count = (values: string[]) =>
      values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
    const commonest = (values: string[]) =>
      [...count(values)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    expect(g.recipe).toMatchObject({
      preset: 'model-songbook-model',
      meter: commonest(pieces.map((p) => p.meter.join('/')))
        .split('/')
        .map(Number),
      tempo: Math.round((tempos[14] + tempos[15]) / 2),
      key: commonest(pieces.map((p) => p.key)),
    });
    expect(g.tracks.map((t: { role: string }) => t.role)).not.toContain('drums');
    expect(g.originality.melody.longestCopy.length).toBeLessThanOrEqual(5);
    expect(g.originality.transposed.longestCopy.length).toBeLessThanOrEqual(5);
    const midi = readFileSync(out).toString('latin1');
    expect(midi).toContain(JSON.parse(readFileSync(model, 'utf8')).provenance.contentHash);
    expect(midi).toContain('model-songbook-model');
  });

  it('fits the preset to a jig corpus: 6/8 at its tempo; a named preset still wins', async () => {
    const jigs = join(dir, 'jigs.json');
    expect((await muse('train', 'presets/corpora/folk-jigs.json', '--out', jigs)).code).toBe(0);
    const fitted = await muse('generate', '--model', jigs, '--seed', '3', '--out', join(dir, 'j.json'), '--json');
    expect(fitted.code).toBe(0);
    expect(JSON.parse(fitted.out).recipe).toMatchObject({ preset: 'model-jigs', meter: [6, 8], tempo: 164 });
    // A planted fault: naming a preset gives that preset's meter, not the corpus's.
    const named = await muse(
      'generate',
      '--model',
      jigs,
      '--preset',
      'pop-ballad',
      '--seed',
      '3',
      '--out',
      join(dir, 'p.json'),
      '--json',
    );
    expect(JSON.parse(named.out).recipe).toMatchObject({ preset: 'pop-ballad', meter: [4, 4] });
  }, 60_000);

  it('refuses a model file that is malformed or of another version, with the reason', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'markov-muse/model', version: 99 }));
    const r = await muse('generate', '--model', bad, '--seed', '2', '--out', join(dir, 'x.mid'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/version/);
    writeFileSync(bad, '{"format": "markov-muse/mod');
    expect((await muse('eval', '--model', bad, SONGBOOK)).code).toBe(2);
  });

  it('splits files for --holdout the same way in train and eval', () => {
    const files = Array.from({ length: 25 }, (_, i) => `f${String(i).padStart(2, '0')}.mid`);
    const train = splitFiles(files, 10, 'train');
    const test = splitFiles(files, 10, 'test');
    expect(test).toEqual(['f09.mid', 'f19.mid']);
    expect(train).toHaveLength(23);
    expect(train.filter((f) => test.includes(f))).toEqual([]);
  });
});
