import { describe, expect, it } from 'vitest';
import type { OriginalityReport } from '../../src/model/originality';
import { generate } from '../../src/presets';
import { describeCopy, percent, shownNovelty } from '../../src/ui/originalityPanel';

const report = (over: Partial<OriginalityReport> = {}): OriginalityReport => ({
  tokens: 40,
  maxRun: 6,
  longestCopy: { length: 5, pieceId: 'soldiers-joy', start: 3 },
  novelty: [3, 4, 5, 6, 7, 8].map((n) => ({ n, total: 10, novel: n, share: n / 10 })),
  closest: [],
  relaxed: 0,
  ...over,
});
const titles: Record<string, string> = { 'soldiers-joy': "Soldier's Joy" };
const titleOf = (id: string) => titles[id] ?? id;

describe('originality panel text', () => {
  it('names the longest copy, its limit and its piece', () => {
    expect(describeCopy(report(), titleOf, 'melody')).toBe("Longest copy 5 notes (limit 6) from “Soldier's Joy”.");
    expect(
      describeCopy(report({ longestCopy: { length: 1, pieceId: 'x', start: 0 }, maxRun: 8 }), titleOf, 'chords'),
    ).toBe('Longest copy 1 chord (limit 8) from “x”.');
    expect(describeCopy(report({ longestCopy: { length: 0, pieceId: null, start: 0 } }), titleOf, 'melody')).toBe(
      'No note pattern copied from a training piece (limit 6).',
    );
  });

  it('shows the novelty of n = 3 … L + 1, and shares as whole percents', () => {
    expect(shownNovelty(report()).map((r) => r.n)).toEqual([3, 4, 5, 6, 7]);
    expect(shownNovelty(report({ maxRun: 3 })).map((r) => r.n)).toEqual([3, 4]);
    expect(percent(0.374)).toBe('37 %');
    expect(percent(1)).toBe('100 %');
  });

  it('finds the title of every piece a generated report names in the model provenance', () => {
    const g = generate({ preset: 'folk-dance', seed: 11 });
    if (!g.ok) throw new Error(g.error.message);
    const ids = new Set(g.value.model.provenance.pieces.map((p) => p.id));
    for (const part of [g.value.originality.melody, g.value.originality.chords]) {
      if (part.longestCopy.pieceId) expect(ids.has(part.longestCopy.pieceId)).toBe(true);
      for (const c of part.closest) expect(ids.has(c.pieceId)).toBe(true);
    }
  });
});
