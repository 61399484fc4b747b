import { describe, expect, it } from 'vitest';
import type { Piece } from '../../src/compose';
import { DEFAULT_AMBITUS } from '../../src/compose/options';
import { barTicks } from '../../src/core';
import type { Note } from '../../src/corpus';
import { type CraftSummary, craftScore, crossRelations, measureCraft, ratio, summarizeCraft } from '../../src/eval';
import { builtinPresets, findPreset, generate } from '../../src/presets';
import { craftOfCorpus, craftOfPreset } from '../helpers/craft';
import { corpusPiece, note } from '../helpers/craftPieces';

/*
 * The melody goals of issue #14, over seeds 1–20 of every preset, with the craft measures
 * (src/eval/craft): leap recovery, range, phrase continuity, density and rhythm vocabulary against
 * the preset's own corpus, and no cross-relations with the chords. Each goal has a planted fault
 * (a copy of the same pieces with the fault put in) that the same check refuses.
 */

/** The goals, as checks a set of measures passes or not (so a planted fault goes through the same check). */
const goals = {
  leapRecovery: (s: CraftSummary) => (s.leapRecovery.share ?? 0) >= 0.2,
  range: (s: CraftSummary, ambitus: number) => (s.range.max ?? 0) <= ambitus,
  continuity: (s: CraftSummary) => (s.phraseContinuity.share ?? 0) >= 0.95,
  density: (s: CraftSummary, corpus: CraftSummary) =>
    Math.abs((s.notesPerBar.mean ?? 0) / (corpus.notesPerBar.mean ?? 1) - 1) <= 0.25,
  vocabulary: (s: CraftSummary, corpus: CraftSummary) =>
    Math.abs((s.distinctIois.mean ?? 0) / (corpus.distinctIois.mean ?? 1) - 1) <= 0.5,
  crossRelations: (s: CraftSummary) => s.crossRelations.count === 0,
};

describe('the melody goals, 20 seeds per preset', () => {
  for (const preset of builtinPresets()) {
    it(`${preset.name}: leaps recovered, range, continuity, density and rhythm of its corpus, no cross-relations`, () => {
      const { summary } = craftOfPreset(preset.name);
      const corpus = craftOfCorpus(preset.corpus).summary;
      const figures = {
        leapRecovery: summary.leapRecovery.share,
        rangeMax: summary.range.max,
        continuity: summary.phraseContinuity.share,
        notesPerBar: [summary.notesPerBar.mean, corpus.notesPerBar.mean],
        distinctIois: [summary.distinctIois.mean, corpus.distinctIois.mean],
        crossRelations: summary.crossRelations,
      };
      console.log(`${preset.name}: ${JSON.stringify(figures)}`);
      expect(summary.pieces).toBe(20);
      expect(summary.leapRecovery.of, 'leaps to judge').toBeGreaterThan(10);
      expect(goals.leapRecovery(summary), 'leap recovery ≥ 20 %').toBe(true);
      expect(goals.range(summary, preset.melody.ambitus ?? DEFAULT_AMBITUS), 'range').toBe(true);
      expect(goals.continuity(summary), 'phrase continuity ≥ 95 %').toBe(true);
      expect(goals.density(summary, corpus), 'notes per bar within ±25 % of the corpus').toBe(true);
      expect(goals.vocabulary(summary, corpus), 'distinct inter-onset times within ±50 % of the corpus').toBe(true);
      expect(summary.crossRelations.of).toBeGreaterThan(100);
      expect(goals.crossRelations(summary), 'no cross-relation').toBe(true);
    });
  }
});

/** The written pieces of a preset, seeds 1–20, to plant faults into. */
function written(name: string): Piece[] {
  return Array.from({ length: 20 }, (_, i) => {
    const g = generate({ preset: name, seed: i + 1 }, { quantize: true });
    if (!g.ok) throw new Error(g.error.message);
    return g.value.piece;
  });
}

/** A piece with its melody changed by `change` (notes in time order). */
function withMelody(piece: Piece, change: (notes: Note[]) => Note[]): Piece {
  return {
    ...piece,
    tracks: piece.tracks.map((t) =>
      t.role === 'melody' ? { ...t, notes: change(t.notes.map((n) => ({ ...n }))) } : t,
    ),
  };
}

const summaryOf = (pieces: Piece[], phraseBars: number) =>
  summarizeCraft(pieces.map((p) => measureCraft(p, { phraseBars })));

describe('planted faults fail the melody goals', () => {
  const name = 'chiptune';
  const preset = findPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  const pieces = written(name);
  const corpus = () => craftOfCorpus(preset.corpus).summary;
  const clean = summaryOf(pieces, preset.phraseBars);

  it('the pieces as composed pass every goal', () => {
    expect(goals.leapRecovery(clean)).toBe(true);
    expect(goals.range(clean, DEFAULT_AMBITUS)).toBe(true);
    expect(goals.continuity(clean)).toBe(true);
    expect(goals.density(clean, corpus())).toBe(true);
    expect(goals.vocabulary(clean, corpus())).toBe(true);
    expect(goals.crossRelations(clean)).toBe(true);
  });

  it('leaps answered by a further step the same way', () => {
    const faulty = pieces.map((p) =>
      withMelody(p, (m) => {
        for (let i = 1; i + 1 < m.length; i++) {
          const leap = m[i].pitch - m[i - 1].pitch;
          if (Math.abs(leap) >= 7) m[i + 1].pitch = m[i].pitch + 3 * Math.sign(leap);
        }
        return m;
      }),
    );
    expect(goals.leapRecovery(summaryOf(faulty, preset.phraseBars))).toBe(false);
  });

  it('one note two octaves up', () => {
    const faulty = pieces.map((p) =>
      withMelody(p, (m) => m.map((n, i) => (i === 5 ? { ...n, pitch: n.pitch + 24 } : n))),
    );
    expect(goals.range(summaryOf(faulty, preset.phraseBars), DEFAULT_AMBITUS)).toBe(false);
  });

  it('every other phrase an octave and a half up', () => {
    const faulty = pieces.map((p) => {
      const phrase = preset.phraseBars * barTicks(p.meter);
      return withMelody(p, (m) => m.map((n) => (Math.floor(n.tick / phrase) % 2 ? { ...n, pitch: n.pitch + 18 } : n)));
    });
    expect(goals.continuity(summaryOf(faulty, preset.phraseBars))).toBe(false);
  });

  it('every note split in two (twice as busy)', () => {
    const faulty = pieces.map((p) =>
      withMelody(p, (m) =>
        m.flatMap((n) => {
          const half = Math.max(40, Math.round(n.duration / 80) * 40);
          return n.duration >= 80
            ? [
                { ...n, duration: half },
                { ...n, tick: n.tick + half, duration: n.duration - half },
              ]
            : [n];
        }),
      ),
    );
    expect(goals.density(summaryOf(faulty, preset.phraseBars), corpus())).toBe(false);
  });

  it('onsets pushed off the grid by a different amount each (a rhythm of many values)', () => {
    const faulty = pieces.map((p) =>
      withMelody(p, (m) =>
        m.map((n, i) => ({ ...n, tick: n.tick + 40 * (i % 7), duration: Math.max(40, n.duration - 280) })),
      ),
    );
    expect(goals.vocabulary(summaryOf(faulty, preset.phraseBars), corpus())).toBe(false);
  });

  it('the raised seventh of the dominant sung natural (G♮ for G♯ in A minor)', () => {
    const faulty = pieces.map((p) =>
      withMelody(p, (m) => m.map((n) => (n.pitch % 12 === 8 ? { ...n, pitch: n.pitch - 1 } : n))),
    );
    expect(goals.crossRelations(summaryOf(faulty, preset.phraseBars))).toBe(false);
  });
});

describe('cross-relations, measured', () => {
  const score = (melody: number[], symbol: string, key = 'A', mode: 'minor' | 'major' = 'minor') =>
    craftScore({
      ...corpusPiece(
        [4, 4],
        [{ name: 'Melody', role: 'melody', notes: melody.map((p, i) => note(p, i * 480, 480)) }],
        [{ tick: 0, duration: 1920, symbol }],
      ),
      key,
      mode,
    });

  it('counts F♮ over F♯m in A minor, not F♯, nor a note of another letter', () => {
    expect(crossRelations(score([65], 'F#m'))).toEqual({ count: 1, of: 1 });
    expect(crossRelations(score([66], 'F#m'))).toEqual({ count: 0, of: 1 });
    expect(crossRelations(score([64, 69], 'F#m'))).toEqual({ count: 0, of: 2 });
  });

  it('counts G♮ over E in A minor, and B♮ over C7 in C major; the raised note over its own chord is fine', () => {
    expect(crossRelations(score([67], 'E'))).toEqual({ count: 1, of: 1 });
    expect(crossRelations(score([68], 'E'))).toEqual({ count: 0, of: 1 });
    expect(crossRelations(score([71], 'C7', 'C', 'major'))).toEqual({ count: 1, of: 1 });
    expect(ratio(crossRelations(score([70], 'C7', 'C', 'major')))).toBe(0);
  });
});
