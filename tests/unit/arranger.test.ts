import { describe, expect, it } from 'vitest';
import {
  type ChordSpan,
  chordTones,
  comp,
  foundation,
  fourPart,
  hear,
  keepHarmonicRhythm,
  parallel,
  slashChord,
  styleTones,
  voiceChord,
  voicingCost,
} from '../../src/compose';
import { createRng } from '../../src/core';
import { chordPitchClasses, type Note } from '../../src/corpus';
import { cadenceLengths, generateHarmonyPhrase, heldTooLong } from '../../src/model/harmonyPhrase';
import { builtinCorpus, findPreset, modelFor } from '../../src/presets';

const note = (pitch: number, tick: number, duration = 480): Note => ({ pitch, tick, duration, velocity: 80 });
const C = [0, 4, 7];
const Cmaj7 = [0, 4, 7, 11];
const Dm = [2, 5, 9];
const G7 = [7, 11, 2, 5];

describe('chord tones', () => {
  it('names each tone by its degree: sixths, sevenths, suspensions and extensions', () => {
    const degrees = (symbol: string) => chordTones(chordPitchClasses(symbol)).map((t) => t.degree);
    expect(degrees('Cmaj9')).toEqual([1, 3, 5, 7, 9]);
    expect(degrees('C69')).toEqual([1, 3, 5, 6, 9]);
    expect(degrees('Cdim7')).toEqual([1, 3, 5, 7]);
    expect(degrees('Csus4')).toEqual([1, 4, 5]);
    expect(degrees('Bb13')).toEqual([1, 3, 5, 7, 9, 13]);
    expect(styleTones(chordTones(chordPitchClasses('Cmaj9')), 'rootless').map((t) => t.degree)).toEqual([3, 7, 9, 5]);
    expect(styleTones(chordTones(C), 'rootless').map((t) => t.degree)).toEqual([1, 3, 5]);
  });
});

describe('voiceChord', () => {
  const range = { low: 52, high: 76, style: 'close' as const };

  it('leaves out a tone that would rub a strong-beat melody note, and turns a major seventh under the root into the sixth', () => {
    // The tune holds C5 on the downbeat: the B of Cmaj7 would rub it; the 6/9 sound takes its place.
    const under = voiceChord(Cmaj7, { ...range, strong: [72], tune: [72] });
    expect(under.map((p) => p % 12)).not.toContain(11);
    expect(under.map((p) => p % 12)).toContain(9);
    for (const p of under) expect(Math.abs(p - 72) % 12).not.toBe(1);
    // Planted: without the melody to listen to, the seventh is there.
    expect(voiceChord(Cmaj7, range).map((p) => p % 12)).toContain(11);
    // A melody F on the beat over C major: the E (a semitone under it) is left out.
    expect(voiceChord(C, { ...range, strong: [77], tune: [77] }).map((p) => p % 12)).not.toContain(4);
  });

  it('moves no voice in parallel fifths or octaves with the bass, holds common tones, and lets the leading tone rise', () => {
    const previous = [60, 64, 67];
    const bass = { from: 48, to: 50, low: 50 };
    const next = voiceChord(Dm, { ...range, previous, bass, tonic: 0 });
    for (let r = 0; r < 3; r++) expect(parallel(previous[r], 48, next[r], 50)).toBeUndefined();
    // Planted: the same chord shape a step up (every voice in parallel with the bass) costs more.
    const shifted = previous.map((p) => p + 2);
    const tones = chordTones(Dm);
    expect(voicingCost(shifted, tones, { ...range, previous, bass })).toBeGreaterThan(
      voicingCost(next, tones, { ...range, previous, bass }),
    );
    // G7 → C: the B rises to C, the common tone G is held.
    const g7 = [59, 62, 65, 67];
    const c = voiceChord(C, { ...range, previous: g7, tonic: 0 });
    expect(c).toContain(60);
    expect(c).toContain(67);
  });

  it('keeps the chord under the tune where its range allows', () => {
    const v = voiceChord(C, { ...range, tune: [67, 69] });
    expect(Math.max(...v)).toBeLessThan(67);
    // Planted: the cost sees a voicing above the tune.
    const tones = chordTones(C);
    expect(voicingCost([64, 67, 72], tones, { ...range, tune: [67] })).toBeGreaterThan(
      voicingCost([55, 60, 64], tones, { ...range, tune: [67] }),
    );
  });
});

describe('the bass', () => {
  const part = { low: 36, high: 55, velocity: 80 };
  it('stands on the root, or on the third where the root would rub the tune', () => {
    const h = { tick: 0, duration: 1920, pitchClasses: C };
    expect(foundation(h, 43, part, [], {}, undefined) % 12).toBe(0);
    // The tune's B on the downbeat over C: the root would be a major seventh under it.
    expect(foundation(h, 43, part, [{ pitch: 71 }], {}, undefined) % 12).toBe(4);
    // Parallel octaves with the tune (C5 → D5 over C → D) are avoided by an inversion.
    const d = { tick: 1920, duration: 1920, pitchClasses: Dm };
    expect(foundation(d, 48, part, [], { from: 72, to: 74 }, 48) % 12).not.toBe(2);
    expect(foundation(d, 48, part, [], {}, 48) % 12).toBe(2);
  });
});

describe('comp', () => {
  it('holds a pad under the tune and moves a voice only where a later strong-beat note would rub it', () => {
    const melody = [note(72, 0, 960), note(71, 960, 960)];
    const notes = comp(
      [{ tick: 0, duration: 1920, pitchClasses: Cmaj7 }],
      [4, 4],
      'sustain',
      { low: 52, high: 70, velocity: 60 },
      {
        ear: hear(melody, [4, 4]),
        style: 'close',
      },
    );
    for (const n of notes) {
      const heard = melody.filter((m) => m.tick < n.tick + n.duration && n.tick < m.tick + m.duration);
      for (const m of heard) if (m.tick >= n.tick) expect(Math.abs(m.pitch - n.pitch) % 12).not.toBe(1);
    }
    expect(notes.some((n) => n.duration === 1920)).toBe(true); // a common tone held over the change
  });
});

describe('four-part writing', () => {
  // I – IV – V7 – I under the soprano E5 F5 D5 C5 in C major, a chord a beat.
  const harmony = [C, [5, 9, 0], G7, C].map((pitchClasses, i) => ({ tick: i * 480, duration: 480, pitchClasses }));
  const spans: ChordSpan[] = ['C', 'F', 'G7', 'C'].map((symbol, i) => ({
    tick: i * 480,
    duration: 480,
    symbol,
    roman: '',
  }));
  const soprano = [76, 77, 74, 72].map((p, i) => note(p, i * 480));
  const parts = fourPart(harmony, spans, {
    ear: hear(soprano, [4, 4]),
    meter: [4, 4],
    tonic: 0,
    phraseBars: 1,
    alto: { low: 48, high: 72, velocity: 70 },
    tenor: { low: 48, high: 72, velocity: 70 },
    bass: { low: 38, high: 60, velocity: 80 },
  });
  const at = (notes: Note[], tick: number) => notes.find((n) => n.tick <= tick && tick < n.tick + n.duration)?.pitch;
  const rows = [0, 480, 960, 1440].map(
    (t) => [at(soprano, t), at(parts.alto, t), at(parts.tenor, t), at(parts.bass, t)] as number[],
  );

  it('keeps the voices in order, each chord complete, no parallel fifths or octaves, the final chord on its root', () => {
    for (const [i, row] of rows.entries()) {
      expect(row[0]).toBeGreaterThan(row[1]);
      expect(row[1]).toBeGreaterThanOrEqual(row[2]);
      expect(row[2]).toBeGreaterThan(row[3]);
      const pcs = new Set(row.map((p) => p % 12));
      for (const pc of harmony[i].pitchClasses.slice(0, 2)) expect(pcs.has(pc), `chord ${i}`).toBe(true);
    }
    for (let i = 1; i < rows.length; i++)
      for (let x = 0; x < 4; x++)
        for (let y = x + 1; y < 4; y++)
          expect(parallel(rows[i - 1][x], rows[i - 1][y], rows[i][x], rows[i][y]), `${i}: ${x}/${y}`).toBeUndefined();
    expect(rows[3][3] % 12).toBe(0);
    // The leading tone (B, in G7) rises to C — or, in an inner voice, falls to the fifth (as Bach lets it).
    const lt = rows[2].findIndex((p) => p % 12 === 11);
    if (lt > 0) expect([rows[2][lt] + 1, ...(lt < 3 ? [rows[2][lt] - 4] : [])]).toContain(rows[3][lt]);
    // Planted: the soprano's line copied a twelfth down into the tenor is caught as parallel fifths.
    expect(parallel(rows[0][0], rows[0][0] - 19, rows[1][0], rows[1][0] - 19)).toBe(7);
  });

  it('names the chords over their bass', () => {
    expect(parts.chords).toHaveLength(4);
    for (const [i, c] of parts.chords.entries()) {
      const bass = rows[i][3] % 12;
      const root = chordPitchClasses(spans[i].symbol)[0];
      expect(c.symbol === spans[i].symbol).toBe(bass === root);
    }
    expect(slashChord('G', 11)).toBe('G/B');
    expect(slashChord('D7', 0)).toBe('D7/C');
    expect(slashChord('G', 7)).toBe('G');
  });
});

describe('harmonic rhythm', () => {
  it('samples chords that change on the beat and are never held longer than asked, cadences included', () => {
    const model = modelFor(builtinCorpus('songbook') as NonNullable<ReturnType<typeof builtinCorpus>>, {
      model: { order: 4, temperature: 1 },
    });
    let offBeat = 0;
    let tooLong = 0;
    let plainOffBeat = 0;
    let plainTooLong = 0;
    const runs = (chords: { roman: string; twelfths: number }[]) => {
      const out: number[] = [];
      for (const [i, c] of chords.entries())
        if (i > 0 && chords[i - 1].roman === c.roman) out[out.length - 1] += c.twelfths;
        else out.push(c.twelfths);
      return out;
    };
    for (let seed = 0; seed < 200; seed++) {
      const cadence = seed % 2 ? 'authentic' : 'half';
      const paced = generateHarmonyPhrase(
        model,
        { bars: 4, mode: 'major', cadence, beats: 4, longest: 15 },
        createRng(seed),
      );
      const plain = generateHarmonyPhrase(model, { bars: 4, mode: 'major', cadence }, createRng(seed));
      if (!paced.ok || !plain.ok) throw new Error('harmony');
      offBeat += paced.value.chords.filter((c) => c.start % 3 !== 0).length;
      tooLong += runs(paced.value.chords).filter((r) => r > 15).length;
      plainOffBeat += plain.value.chords.filter((c) => c.start % 3 !== 0).length;
      plainTooLong += runs(plain.value.chords).filter((r) => r > 15).length;
    }
    expect(offBeat).toBe(0);
    expect(tooLong).toBe(0);
    // Planted: the same model unpaced changes off the beat and holds chords a bar and more.
    expect(plainOffBeat).toBeGreaterThan(0);
    expect(plainTooLong).toBeGreaterThan(0);
    // Where no chord may last a bar, the cadence takes the end of the last bar (I–V–I in half notes).
    expect(cadenceLengths({ bars: 4, beats: 4, longest: 6 })).toEqual([6]);
    expect(cadenceLengths({ bars: 4, beats: 4, longest: 9, cadence: 'authentic' })).toEqual([6]);
    expect(cadenceLengths({ bars: 4, beats: 4, longest: 9, cadence: 'half' })).toEqual([9]);
    expect(cadenceLengths({ bars: 4, beats: 4, longest: 15 })).toEqual([12]);
    expect(cadenceLengths({ bars: 4, beats: 4 })).toEqual([12, 24]);
    const chords = [{ roman: 'I', twelfths: 6 }];
    expect(heldTooLong(chords, 9, ['I|6'])([], 0)).toBe(true);
    expect(heldTooLong(chords, 12, ['I|6'])([], 0)).toBe(false);
  }, 60_000);

  it('turns a tonic held over a repeat into I–V7 before it comes back', () => {
    const spans: ChordSpan[] = [
      { tick: 0, duration: 1920, symbol: 'G', roman: 'I' },
      { tick: 1920, duration: 1920, symbol: 'G', roman: 'I' },
    ];
    const paced = keepHarmonicRhythm(spans, [], 5 * 480, [4, 4], 'G', 'major');
    expect(paced.map((c) => [c.symbol, c.tick, c.duration])).toEqual([
      ['G', 0, 960],
      ['D7', 960, 960],
      ['G', 1920, 1920],
    ]);
    // Within the limit nothing changes.
    expect(keepHarmonicRhythm(spans, [], 8 * 480, [4, 4], 'G', 'major')).toEqual(spans);
    // In A minor a tune on G♮ over the turn would cross E7's and E's G♯: the subdominant Dm takes it.
    const am: ChordSpan[] = spans.map((c) => ({ ...c, symbol: 'Am', roman: 'Im' }));
    const g = [{ pitch: 79, tick: 960, duration: 960, velocity: 80 }];
    expect(keepHarmonicRhythm(am, [], 5 * 480, [4, 4], 'A', 'minor')[1].symbol).toBe('E7');
    expect(keepHarmonicRhythm(am, g, 5 * 480, [4, 4], 'A', 'minor')[1].symbol).toBe('Dm');
  });
});

describe('the chorale preset', () => {
  it('asks for four-part writing', () => {
    expect(findPreset('chorale')?.chords.voicing).toBe('four-part');
  });
});
