import { describe, expect, it } from 'vitest';
import { checkPiece, GM_DRUMS, parseForm, pieceTicks, planForm } from '../../src/compose';
import { barTicks } from '../../src/core';
import { chordPitchClasses, tonicPitchClass } from '../../src/corpus';
import { builtinPresets, generate } from '../../src/presets';

const presets = builtinPresets();

describe('planForm', () => {
  it('lays intro, lettered sections of phrases and outro over the bars, every section ending on a cadence', () => {
    const plan = planForm('intro A A B A outro', 40, 4, 8);
    expect(plan.map((p) => p.label)).toEqual(['intro', 'A', 'A', 'B', 'A', 'outro']);
    expect(plan.map((p) => p.phrases.map((x) => x.bars).join('+'))).toEqual(['4', '4+4', '4+4', '4+4', '4+4', '4']);
    expect(plan.map((p) => p.phrases[p.phrases.length - 1].cadence)).toEqual([
      'half',
      'authentic',
      'authentic',
      'half',
      'authentic',
      'authentic',
    ]);
    expect(plan[1].phrases[0].cadence).toBe('half');
  });

  it('repeats the form to fill the bars and cuts the last section short, ending authentic', () => {
    const plan = planForm('AB', 20, 4, 8);
    expect(plan.map((p) => p.label)).toEqual(['A', 'B', 'A']);
    expect(plan[2].phrases.map((x) => x.bars)).toEqual([4]);
    expect(plan[2].phrases[0].cadence).toBe('authentic');
    expect(planForm('AABA', 16, 4, 4).map((p) => p.label)).toEqual(['A', 'A', 'B', 'A']);
  });

  it('drops intro and outro when the piece is too short for them', () => {
    expect(planForm('intro A outro', 8, 4, 8).map((p) => p.label)).toEqual(['A']);
    expect(parseForm('intro, aaba; outro')).toEqual(['intro', 'A', 'A', 'B', 'A', 'outro']);
  });
});

describe('generate', () => {
  it('has at least two presets', () => {
    expect(presets.length).toBeGreaterThanOrEqual(2);
  });

  for (const preset of presets) {
    it(`${preset.name}: every piece is well formed, with the requested bars`, () => {
      for (let seed = 0; seed < 40; seed++) {
        const bars = [4, 5, 16, 17, 40][seed % 5];
        const result = generate({ preset: preset.name, seed, bars });
        if (!result.ok) throw new Error(result.error.message);
        const { piece } = result.value;
        expect(checkPiece(piece), `seed ${seed}`).toEqual([]);
        expect(piece.bars).toBe(bars);
        expect(pieceTicks(piece)).toBe(bars * barTicks(preset.meter));
        // Four-part writing has alto and tenor parts where other styles have one chords part.
        const inner = preset.chords.voicing === 'four-part' ? ['alto', 'tenor'] : ['chords'];
        expect(piece.tracks.map((t) => t.id)).toEqual(['melody', ...inner, 'bass', ...(preset.drums ? ['drums'] : [])]);
        expect(piece.tracks.map((t) => t.role)).toEqual([
          'melody',
          ...inner.map(() => 'chords'),
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
          const part = t.role === 'chords' ? preset.chords : preset[t.id as 'melody' | 'bass'];
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

  it('repeats the first A in the second (at least 60 % of its melody notes), over many seeds', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = generate({ preset: 'pop-ballad', seed });
      if (!r.ok) throw new Error(r.error.message);
      const { piece } = r.value;
      const [a1, a2] = piece.sections.filter((s) => s.label === 'A');
      const bar = barTicks(piece.meter);
      const notesOf = (s: { tick: number; bars: number }) =>
        piece.tracks[0].notes
          .filter((n) => n.tick >= s.tick - 12 && n.tick < s.tick + s.bars * bar - 12)
          .map((n) => ({ pitch: n.pitch, at: n.tick - s.tick }));
      const first = notesOf(a1);
      const second = notesOf(a2);
      const shared = second.filter((n) => first.some((m) => m.pitch === n.pitch && Math.abs(m.at - n.at) <= 12)).length;
      expect(shared / second.length, `seed ${seed}`).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('ends every section on a cadence and leaves no bar of the accompaniment empty', () => {
    for (const preset of presets) {
      for (let seed = 0; seed < 8; seed++) {
        const r = generate({ preset: preset.name, seed });
        if (!r.ok) throw new Error(r.error.message);
        const { piece } = r.value;
        const bar = barTicks(piece.meter);
        const tonic = tonicPitchClass(piece.key);
        for (const s of piece.sections) {
          // The cadence chord ends the section, or arrives on its last downbeat when a turnaround
          // to the next section follows it.
          const end = s.tick + s.bars * bar;
          const arrival = piece.chords.filter((c) => c.tick <= end - bar).pop();
          const last = piece.chords.filter((c) => c.tick < end).pop();
          const roots = [arrival, last].map((c) => chordPitchClasses(c?.symbol ?? '')[0]);
          // authentic: the tonic; half: the dominant (or, in modal cadences, the chord before the tonic)
          const cadential = [tonic, (tonic + 7) % 12, (tonic + 5) % 12, (tonic + 10) % 12];
          expect(
            roots.some((r) => cadential.includes(r)),
            `${preset.name} ${seed} ${s.label}: ${roots}`,
          ).toBe(true);
        }
        const lastRoot = chordPitchClasses(piece.chords[piece.chords.length - 1].symbol)[0];
        expect(lastRoot).toBe(tonic);
        for (let b = 0; b < piece.bars; b++) {
          for (const role of ['chords', 'bass']) {
            const t = piece.tracks.find((x) => x.role === role);
            const sounding = t?.notes.some((n) => n.tick < (b + 1) * bar && n.tick + n.duration > b * bar);
            expect(sounding, `${preset.name} ${seed} ${role} bar ${b + 1}`).toBe(true);
          }
        }
        for (const s of piece.sections.filter((x) => x.label !== 'intro')) {
          const has = piece.tracks[0].notes.some((n) => n.tick >= s.tick && n.tick < s.tick + s.bars * bar);
          expect(has, `${preset.name} ${seed} melody in ${s.label}`).toBe(true);
        }
      }
    }
  });

  it('takes the tempo and bars of the recipe, and refuses wrong ones with the field named', () => {
    const r = generate({ preset: 'folk-dance', seed: 1, tempo: 90, bars: 8 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.piece.tempo).toBe(90);
    expect(r.value.recipe).toMatchObject({ preset: 'folk-dance', seed: 1, tempo: 90, bars: 8 });
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
