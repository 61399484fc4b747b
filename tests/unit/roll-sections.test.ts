import { describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { generate } from '../../src/presets';
import { ROLL_LANES, sectionAt, sectionCentre, sectionName, sectionSpans } from '../../src/ui/rollSections';

const BAR = 1920; // 4/4 at 480 per quarter

/** A 4/4 piece of 20 bars: intro (2), A (8), A (8), outro (2) — only what the sections need. */
const piece = {
  meter: [4, 4],
  bars: 20,
  sections: [
    { label: 'intro', tick: 0, bars: 2 },
    { label: 'A', tick: 2 * BAR, bars: 8 },
    { label: 'A', tick: 10 * BAR, bars: 8 },
    { label: 'outro', tick: 18 * BAR, bars: 2 },
  ],
} as unknown as Piece;

describe('sections on the piano roll', () => {
  it('gives each section its ticks and bars, ending where the next starts', () => {
    const spans = sectionSpans(piece);
    expect(spans.map((s) => [s.label, s.start, s.end, s.firstBar, s.lastBar])).toEqual([
      ['intro', 0, 2 * BAR, 1, 2],
      ['A', 2 * BAR, 10 * BAR, 3, 10],
      ['A', 10 * BAR, 18 * BAR, 11, 18],
      ['outro', 18 * BAR, 20 * BAR, 19, 20],
    ]);
    expect(spans.map(sectionName)).toEqual([
      'intro (bars 1–2)',
      'A (bars 3–10)',
      'A (bars 11–18)',
      'outro (bars 19–20)',
    ]);
    expect(sectionName({ ...spans[0], lastBar: 1 })).toBe('intro (bar 1)');
  });

  it('finds the section under a point of the section band, and none below it or outside', () => {
    const spans = sectionSpans(piece);
    const total = 20 * BAR;
    const width = 1000; // 50 px a bar
    const y = ROLL_LANES.section / 2;
    expect(sectionAt(spans, total, width, 0, y)?.index).toBe(0);
    expect(sectionAt(spans, total, width, 99.9, y)?.index).toBe(0);
    expect(sectionAt(spans, total, width, 100, y)?.index).toBe(1);
    expect(sectionAt(spans, total, width, 499, y)?.index).toBe(1);
    expect(sectionAt(spans, total, width, 500, y)?.index).toBe(2);
    expect(sectionAt(spans, total, width, 950, 0)?.index).toBe(3);
    expect(sectionAt(spans, total, width, 999, ROLL_LANES.section - 1)?.index).toBe(3);
    // Below the band (the chord lanes and the notes), left of, right of and above the roll.
    expect(sectionAt(spans, total, width, 300, ROLL_LANES.section)).toBe(undefined);
    expect(sectionAt(spans, total, width, 300, 150)).toBe(undefined);
    expect(sectionAt(spans, total, width, -1, y)).toBe(undefined);
    expect(sectionAt(spans, total, width, 1000, y)).toBe(undefined);
    expect(sectionAt(spans, total, width, 300, -1)).toBe(undefined);
    expect(sectionAt(spans, total, 0, 0, y)).toBe(undefined);
  });

  it('puts the centre of each section inside it (the point a test or a user clicks)', () => {
    const spans = sectionSpans(piece);
    for (const s of spans) {
      const { x, y } = sectionCentre(s, 20 * BAR, 737);
      expect(sectionAt(spans, 20 * BAR, 737, x, y)?.index).toBe(s.index);
    }
  });

  it('covers a generated piece end to end, every section at least a bar', () => {
    const g = generate({ preset: 'pop-ballad', seed: 3 });
    if (!g.ok) throw new Error(g.error.message);
    const spans = sectionSpans(g.value.piece);
    expect(spans.length).toBe(g.value.piece.sections.length);
    expect(spans[0].start).toBe(0);
    expect(spans[spans.length - 1].end).toBe(g.value.piece.bars * BAR);
    for (const [i, s] of spans.entries()) {
      expect(s.end - s.start).toBeGreaterThanOrEqual(BAR);
      if (i > 0) expect(s.start).toBe(spans[i - 1].end);
    }
  });
});
