import { describe, expect, it } from 'vitest';
import { checkPiece, GM_DRUMS, pieceTicks, planPhrases } from '../../src/compose';
import { barTicks } from '../../src/core';
import { chordPitchClasses, tonicPitchClass } from '../../src/corpus';
import { builtinPresets, generate } from '../../src/presets';

const presets = builtinPresets();

describe('planPhrases', () => {
  it('fills the bars with phrases of the form, the last one authentic', () => {
    expect(planPhrases(16, 4, 'AABA')).toEqual([
      { label: 'A', bars: 4, cadence: 'half' },
      { label: 'A', bars: 4, cadence: 'authentic' },
      { label: 'B', bars: 4, cadence: 'half' },
      { label: 'A', bars: 4, cadence: 'authentic' },
    ]);
    const odd = planPhrases(10, 4, 'AB');
    expect(odd.map((p) => p.bars)).toEqual([4, 4, 2]);
    expect(odd.map((p) => p.label)).toEqual(['A', 'B', 'A']);
    expect(odd[2].cadence).toBe('authentic');
  });
});

describe('generate', () => {
  it('has at least two presets', () => {
    expect(presets.length).toBeGreaterThanOrEqual(2);
  });

  for (const preset of presets) {
    it(`${preset.name}: every piece is well formed, with the requested bars`, () => {
      for (let seed = 0; seed < 40; seed++) {
        const bars = [4, 5, 16, 17, 32][seed % 5];
        const result = generate({ preset: preset.name, seed, bars });
        if (!result.ok) throw new Error(result.error.message);
        const { piece } = result.value;
        expect(checkPiece(piece), `seed ${seed}`).toEqual([]);
        expect(piece.bars).toBe(bars);
        expect(pieceTicks(piece)).toBe(bars * barTicks(preset.meter));
        expect(piece.tracks.map((t) => t.role)).toEqual([
          'melody',
          'chords',
          'bass',
          ...(preset.drums ? ['drums'] : []),
        ]);
        for (const t of piece.tracks) {
          expect(t.notes.length, `${t.id} seed ${seed}`).toBeGreaterThan(0);
          if (t.role === 'drums') {
            expect(t.channel).toBe(9);
            for (const n of t.notes) expect(Object.values(GM_DRUMS)).toContain(n.pitch);
            continue;
          }
          const part = preset[t.id as 'melody' | 'chords' | 'bass'];
          for (const n of t.notes) {
            expect(n.pitch).toBeGreaterThanOrEqual(part.low);
            expect(n.pitch).toBeLessThanOrEqual(part.high);
          }
        }
        // the piece ends on the tonic chord with the melody on the tonic
        const tonic = tonicPitchClass(preset.key);
        const lastChord = piece.chords[piece.chords.length - 1];
        expect(chordPitchClasses(lastChord.symbol)[0]).toBe(tonic);
        const melody = piece.tracks[0].notes;
        expect(melody[melody.length - 1].pitch % 12).toBe(tonic);
      }
    });
  }

  it('gives the same piece for the same recipe and another for another seed', () => {
    const a = generate({ preset: presets[0].name, seed: 42 });
    const b = generate({ preset: presets[0].name, seed: 42 });
    const c = generate({ preset: presets[0].name, seed: 43 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('generate failed');
    expect(a.value.piece).toEqual(b.value.piece);
    expect(a.value.piece.tracks[0].notes).not.toEqual(c.value.piece.tracks[0].notes);
  });

  it('repeats the material of a repeated section', () => {
    const r = generate({ preset: 'pop-ballad', seed: 9, bars: 16 });
    if (!r.ok) throw new Error(r.error.message);
    const { piece } = r.value;
    const bar = barTicks(piece.meter);
    const a1 = piece.sections[0];
    const a3 = piece.sections.filter((s) => s.label === a1.label)[2] ?? piece.sections[3];
    // the first three bars (the last may vary for the cadence), allowing for timing humanization
    const notesOf = (from: number) =>
      piece.tracks[0].notes
        .filter((n) => n.tick >= from - 12 && n.tick < from + 3 * bar - 12)
        .map((n) => ({ pitch: n.pitch, at: n.tick - from }));
    const first = notesOf(a1.tick);
    const again = notesOf(a3.tick);
    expect(again).toHaveLength(first.length);
    again.forEach((n, i) => {
      expect(n.pitch).toBe(first[i].pitch);
      expect(Math.abs(n.at - first[i].at)).toBeLessThanOrEqual(12);
    });
  });

  it('takes the tempo and bars of the recipe, and refuses wrong ones with the field named', () => {
    const r = generate({ preset: 'folk-dance', seed: 1, tempo: 90, bars: 8 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.piece.tempo).toBe(90);
    expect(r.value.recipe).toEqual({ preset: 'folk-dance', seed: 1, tempo: 90, bars: 8 });
    for (const bad of [
      { preset: 'folk-dance', seed: -1 },
      { preset: 'folk-dance', seed: 1.5 },
      { preset: 'folk-dance', seed: 2 ** 32 },
      { preset: 'folk-dance', seed: 1, bars: 3 },
      { preset: 'folk-dance', seed: 1, bars: 513 },
      { preset: 'folk-dance', seed: 1, tempo: 0 },
      { preset: 'folk-dance', seed: 1, tempo: Number.NaN },
      { preset: 'nope', seed: 1 },
    ]) {
      const result = generate(bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
  });
});
