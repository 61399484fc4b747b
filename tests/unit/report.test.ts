import { describe, expect, it } from 'vitest';
import { reportCorpus } from '../../src/corpus/report';
import type { CorpusPiece } from '../../src/corpus/types';
import { builtinCorpus } from '../../src/presets';

const piece = (over: Partial<CorpusPiece>): CorpusPiece => ({
  id: 'p',
  title: 'p',
  source: 'test',
  licence: 'CC0-1.0',
  key: 'C',
  mode: 'major',
  meter: [4, 4],
  tempo: 120,
  tracks: [
    {
      name: 'm',
      role: 'melody',
      notes: [
        { pitch: 60, tick: 0, duration: 960, velocity: 90 },
        { pitch: 67, tick: 960, duration: 960, velocity: 90 },
      ],
    },
  ],
  chords: [{ tick: 0, duration: 1920, symbol: 'C' }],
  ...over,
});

describe('reportCorpus', () => {
  it('counts pieces, notes, seconds, keys, meters, chords and pitch classes', () => {
    const r = reportCorpus([piece({}), piece({ key: 'G', chords: [{ tick: 0, duration: 1920, symbol: 'D7' }] })]);
    expect(r.pieces).toBe(2);
    expect(r.notes).toBe(4);
    expect(r.seconds).toBeCloseTo(4, 6); // 2 bars of 4/4 at 120 bpm
    expect(r.keys.map((k) => k.value)).toEqual(['C major', 'G major']);
    expect(r.chords.romans).toEqual([
      { value: 'I', count: 1, share: 0.5 },
      { value: 'V7', count: 1, share: 0.5 },
    ]);
    expect(r.pitchClassHistogram[0]).toBeCloseTo(0.5);
    expect(r.pitchClassHistogram[7]).toBeCloseTo(0.5);
    // relative to the tonic: C and G in C are degrees 0 and 7; in G they are 5 and 0
    expect(r.degreeHistogram[0]).toBeCloseTo(0.5);
    expect(r.degreeHistogram[5]).toBeCloseTo(0.25);
    expect(r.degreeHistogram[7]).toBeCloseTo(0.25);
  });

  it('warns when the corpus is small or unbalanced', () => {
    const r = reportCorpus([piece({}), piece({}), piece({ chords: [], licence: 'unknown' })]);
    expect(r.warnings.join('\n')).toMatch(/only 3 pieces/);
    expect(r.warnings.join('\n')).toMatch(/unbalanced keys: 100 % of the pieces are in C major/);
    expect(r.warnings.join('\n')).toMatch(/unbalanced modes/);
    expect(r.warnings.join('\n')).toMatch(/1 piece has no chords/);
    expect(r.warnings.join('\n')).toMatch(/unknown licence/);
  });

  it('finds the built-in songbook balanced enough to say nothing about keys or size', () => {
    const corpus = builtinCorpus('songbook');
    if (!corpus) throw new Error('no songbook');
    const r = reportCorpus(corpus.pieces);
    expect(r.pieces).toBe(corpus.pieces.length);
    expect(r.warnings.filter((w) => /keys|only/.test(w))).toEqual([]);
    expect(r.chords.labelled).toBe(r.pieces);
    expect(r.licences.map((l) => l.value).sort()).toEqual(['CC0-1.0', 'public-domain']);
  });
});
