import { describe, expect, it } from 'vitest';
import { measureCraft, ratio } from '../../src/eval';
import { builtinPresets, generate } from '../../src/presets';
import { craftOfPreset, parallelTo, withClashes } from '../helpers/craft';

describe('craft measures of composed pieces (the goal tests’ helper)', () => {
  it('measures every preset over seeds, written and played', () => {
    for (const preset of builtinPresets()) {
      const { measures, summary } = craftOfPreset(preset.name, 2);
      expect(measures, preset.name).toHaveLength(2);
      expect(summary.pieces).toBe(2);
      expect(summary.notesPerBar.mean, preset.name).toBeGreaterThan(0.5);
      expect(summary.range.mean, preset.name).toBeGreaterThan(4);
      expect(summary.voices.mean, preset.name).toBeGreaterThanOrEqual(3);
      expect(summary.clashes.of, preset.name).toBeGreaterThan(0);
      expect(summary.phraseContinuity.of, preset.name).toBeGreaterThan(0);
    }
    // lofi-jazz swings its eighths: the drums swing, and the judged unit is the preset's.
    const lofi = craftOfPreset('lofi-jazz', 2);
    expect(lofi.measures.every((m) => m.swing.unit === 'eighth' && m.swing.swung)).toBe(true);
    expect(lofi.summary.swing.parts.drums.eighth.count).toBe(lofi.summary.swing.parts.drums.eighth.of);
    expect(craftOfPreset('chorale', 2).summary.swing.swungPieces).toBe(0);
  });

  it('sees faults planted into a composed piece: clashes under the melody, a part in parallel twelfths', () => {
    const g = generate({ preset: 'pop-ballad', seed: 3 }, { quantize: true });
    if (!g.ok) throw new Error(g.error.message);
    const piece = g.value.piece;
    const melody = piece.tracks.find((t) => t.role === 'melody')!.notes;
    const before = measureCraft(piece);
    const clashing = {
      ...piece,
      tracks: piece.tracks.map((t) => (t.role === 'bass' ? { ...t, notes: withClashes(melody, t.notes) } : t)),
    };
    const after = measureCraft(clashing);
    expect(ratio(before.clashes)).toBeLessThan(0.2);
    expect(ratio(after.clashes)).toBeGreaterThan(0.9);
    const doubled = {
      ...piece,
      tracks: [
        ...piece.tracks,
        { id: 'double', name: 'double', role: 'other' as const, channel: 5, program: 0, notes: parallelTo(melody) },
      ],
    };
    expect(ratio(measureCraft(doubled).parallels.fifths)).toBeGreaterThan(ratio(before.parallels.fifths) + 0.2);
  });
});
