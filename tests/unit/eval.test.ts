import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import type { CorpusPiece } from '../../src/corpus';
import { compareSets, extractFeatures, NOTE_LENGTHS, overlap } from '../../src/eval';
import { generate, midiOf } from '../../src/presets';

const melody = (notes: [number, number, number][]): CorpusPiece => ({
  id: 'x',
  title: 'x',
  source: 't',
  licence: 'CC0-1.0',
  key: 'C',
  mode: 'major',
  meter: [4, 4],
  tempo: 100,
  tracks: [
    {
      name: 'm',
      role: 'melody',
      notes: notes.map(([pitch, tick, duration]) => ({ pitch, tick, duration, velocity: 80 })),
    },
  ],
});

describe('extractFeatures', () => {
  it('measures pitch count, range, intervals, onsets and histograms', () => {
    const f = extractFeatures(
      melody([
        [60, 0, 480],
        [64, 480, 480],
        [67, 960, 240],
        [60, 1200, 720],
      ]),
    );
    expect(f.pitchCount).toBe(3);
    expect(f.pitchRange).toBe(7);
    expect(f.averageInterval).toBeCloseTo((4 + 3 + 7) / 3);
    expect(f.interOnsetInterval).toBeCloseTo(2.5 / 3);
    expect(f.pitchClassHistogram[0]).toBeCloseTo(0.5);
    expect(f.pitchClassHistogram[4]).toBeCloseTo(0.25);
    expect(f.noteLengthHistogram[NOTE_LENGTHS.indexOf(1)]).toBeCloseTo(0.5);
    expect(f.noteLengthHistogram[NOTE_LENGTHS.indexOf(0.5)]).toBeCloseTo(0.25);
    expect(f.noteLengthHistogram[NOTE_LENGTHS.indexOf(1.5)]).toBeCloseTo(0.25);
  });
});

describe('overlap', () => {
  it('is about 1 for the same sample and about 0 for far apart samples', () => {
    const a = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 2 + 5);
    expect(overlap(a, a).area).toBeGreaterThan(0.99);
    expect(overlap(a, a).kld).toBeLessThan(0.01);
    const far = a.map((x) => x + 100);
    expect(overlap(a, far).area).toBeLessThan(0.01);
  });

  it('compares sets feature by feature', () => {
    const set = Array.from({ length: 20 }, (_, i) =>
      extractFeatures(
        melody([
          [60 + (i % 5), 0, 480],
          [62 + (i % 7), 480, 240],
        ]),
      ),
    );
    const c = compareSets(set, set);
    expect(c.map((x) => x.feature)).toEqual([
      'pitchCount',
      'pitchRange',
      'averageInterval',
      'interOnsetInterval',
      'pitchClassHistogram',
      'noteLengthHistogram',
    ]);
    for (const x of c) expect(x.overlappedArea).toBeGreaterThan(0.8);
  });
});

describe('muse stats', () => {
  it('prints the comparison of two folders as JSON with the real/real baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muse-stats-'));
    for (const [folder, preset] of [
      ['a', 'pop-ballad'],
      ['b', 'folk-dance'],
    ] as const) {
      mkdirSync(join(dir, folder));
      for (let seed = 0; seed < 6; seed++) {
        const g = generate({ preset, seed });
        if (!g.ok) throw new Error(g.error.message);
        writeFileSync(join(dir, folder, `${seed}.mid`), midiOf(g.value));
      }
    }
    let out = '';
    const code = await run(['stats', '--generated', join(dir, 'a'), '--reference', join(dir, 'b'), '--json'], {
      out: (t) => (out += t),
      err: () => {},
    });
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.reference.pieces).toBe(6);
    expect(json.generated.pieces).toBe(6);
    expect(json.features).toHaveLength(6);
    expect(json.baseline).toHaveLength(6);
    for (const f of json.features) {
      expect(f.overlappedArea).toBeGreaterThanOrEqual(0);
      expect(f.overlappedArea).toBeLessThanOrEqual(1);
    }
  });
});
