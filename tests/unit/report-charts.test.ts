import { describe, expect, it } from 'vitest';
import { reportCorpus } from '../../src/corpus/report';
import { builtinCorpus } from '../../src/presets';
import { reportCharts, topBars } from '../../src/ui/reportCharts';

const tally = (pairs: [string, number][]) => pairs.map(([value, count]) => ({ value, count, share: 0 }));

describe('chart data of the corpus report', () => {
  it('keeps the largest tallies and sums the rest into "other"', () => {
    const t = tally([
      ['G major', 5],
      ['D major', 3],
      ['A minor', 2],
      ['<b>x</b>', 1],
    ]);
    expect(topBars(t, 2)).toEqual([
      { label: 'G major', value: 5 },
      { label: 'D major', value: 3 },
      { label: 'other', value: 3 },
    ]);
    expect(topBars(t, 10)).toHaveLength(4);
    expect(topBars([], 3)).toEqual([]);
  });

  it('charts keys, meters, chords and pitch classes with totals that add up and a readable summary', () => {
    const pieces = builtinCorpus('songbook')?.pieces ?? [];
    const r = reportCorpus(pieces);
    const [keys, meters, chords, pitches] = reportCharts(r, 5);
    expect([keys.id, meters.id, chords.id, pitches.id]).toEqual(['keys', 'meters', 'chords', 'pitch-classes']);
    expect(keys.total).toBe(pieces.length);
    expect(meters.total).toBe(pieces.length);
    expect(keys.bars.length).toBeLessThanOrEqual(6);
    expect(chords.total).toBe(r.chords.romans.reduce((s, t) => s + t.count, 0));
    expect(chords.bars[0]).toEqual({ label: r.chords.romans[0].value, value: r.chords.romans[0].count });
    expect(pitches.bars.map((b) => b.label)).toEqual(['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B']);
    expect(Math.abs(pitches.total - 100)).toBeLessThanOrEqual(6); // rounded percentages
    expect(keys.summary).toBe(
      `Keys of ${pieces.length} pieces: ${keys.bars.map((b) => `${b.label} ${b.value}`).join(', ')}`,
    );
    expect(pitches.summary).toMatch(/^Pitch classes: C \d+ %, C♯ \d+ %, .*B \d+ %$/);
    expect(chords.summary).toMatch(/^Chords \(\d+ labelled, by roman numeral; commonest symbols [^)]+\): I \d+/);
  });

  it('says "none" for an empty corpus', () => {
    const charts = reportCharts(reportCorpus([]));
    expect(charts.map((c) => c.total)).toEqual([0, 0, 0, 0]);
    expect(charts[0].summary).toBe('Keys of 0 pieces: none');
    expect(charts[2].summary).toBe('Chords (0 labelled, by roman numeral): none');
  });
});
