import { Note } from 'tonal';
import { describe, expect, it } from 'vitest';
import { barTicks, createRng, type Meter } from '../../src/core';
import { type CorpusPiece, type Mode, romanOf } from '../../src/corpus';
import type { CorpusIndex } from '../../src/model/guard';
import { generateHarmonyPhrase } from '../../src/model/harmonyPhrase';
import { generateMelodyPhrase, type MelodyContext } from '../../src/model/melodyPhrase';
import { type MuseModel, trainModel } from '../../src/model/museModel';
import { originalityReport, transposedReport } from '../../src/model/originality';
import { builtinCorpus } from '../../src/presets/builtin';
import { transposedRuns, tuneLine } from '../helpers/transposedRuns';

const pieces = builtinCorpus('songbook')?.pieces ?? [];
const model = trainModel(pieces);
const L = model.options.melodyMaxRun;
const LC = model.options.chordMaxRun;

// The independent check: corpus n-grams computed here from the raw notes, not by the guard's code.
const UNIT = 40; // ticks in a twelfth of a quarter note at 480 PPQ
const pc = (n: number) => ((n % 12) + 12) % 12;
function noteTokens(piece: CorpusPiece): string[] {
  const notes = [...(piece.tracks.find((t) => t.role === 'melody')?.notes ?? [])].sort((a, b) => a.tick - b.tick);
  const tonic = Note.chroma(piece.key) ?? 0;
  return notes.map((n, i) => {
    const end = Math.min(n.tick + n.duration, notes[i + 1]?.tick ?? Number.POSITIVE_INFINITY);
    return `${pc(n.pitch - tonic)}|${Math.round(end / UNIT) - Math.round(n.tick / UNIT)}`;
  });
}
function chordTokens(piece: CorpusPiece): string[] {
  const bar = barTicks(piece.meter);
  return (piece.chords ?? []).map((c) => `${romanOf(c.symbol, piece.key)}|${Math.round((c.duration * 12) / bar)}`);
}
function gramSet(sequences: string[][], n: number): Set<string> {
  const set = new Set<string>();
  for (const s of sequences) for (let i = 0; i + n <= s.length; i++) set.add(s.slice(i, i + n).join(' '));
  return set;
}
const copies = (tokens: string[], corpus: Set<string>, n: number) => {
  let found = 0;
  for (let i = 0; i + n <= tokens.length; i++) if (corpus.has(tokens.slice(i, i + n).join(' '))) found++;
  return found;
};
const keys = ['C', 'G', 'D', 'A', 'E', 'F', 'Bb', 'Eb'];
const meters: Meter[] = [
  [4, 4],
  [3, 4],
  [6, 8],
];

/** Four chained phrases of a piece (so seams between phrases are checked too). */
function generatePiece(seed: number, guard: boolean, temperature = 1, using: MuseModel = model) {
  const rng = createRng(seed);
  const key = keys[seed % keys.length];
  const meter = meters[seed % meters.length];
  const mode: Mode = 'major';
  const tonic = Note.chroma(key) ?? 0;
  let context: MelodyContext | undefined;
  let chordContext: string[] = [];
  const melody: string[] = [];
  const notes: { pitch: number; units: number }[] = [];
  const intervals: string[] = [];
  const chords: string[] = [];
  let relaxed = 0;
  for (let phrase = 0; phrase < 4; phrase++) {
    const h = generateHarmonyPhrase(
      using,
      { bars: 4, mode, cadence: phrase % 2 ? 'authentic' : 'half', context: chordContext, guard, temperature },
      rng,
    );
    if (!h.ok) throw new Error(h.error.message);
    chordContext = [...chordContext, ...h.value.tokens];
    chords.push(...h.value.tokens);
    const m = generateMelodyPhrase(
      using,
      { bars: 4, meter, key, mode, chords: h.value.chords, low: 60, high: 84, context, guard, temperature },
      rng,
    );
    if (!m.ok) throw new Error(m.error.message);
    context = m.value.context;
    relaxed += m.value.relaxed + h.value.relaxed;
    for (const n of m.value.notes) {
      melody.push(`${pc(n.pitch - tonic)}|${n.duration / UNIT}`);
      notes.push({ pitch: n.pitch, units: n.duration / UNIT });
    }
    intervals.push(...m.value.intervalTokens);
  }
  return { melody, notes, intervals, chords, relaxed };
}

describe('originality guard (MaxOrder)', () => {
  const melodyGrams = gramSet(pieces.map(noteTokens), L + 1);
  const transposedGrams = new Set(
    pieces.flatMap((p) => transposedRuns(tuneLine(p.tracks.find((t) => t.role === 'melody')?.notes ?? []), L + 1)),
  );
  const transposedCopies = (notes: { pitch: number; units: number }[]) =>
    transposedRuns(notes, L + 1).filter((r) => transposedGrams.has(r)).length;
  const chordGrams = gramSet(pieces.map(chordTokens), LC + 1);

  it(`1000 generated phrases copy no run longer than L = ${L} notes (as written or transposed) and ${LC} chords (checked independently)`, () => {
    let relaxed = 0;
    for (let seed = 0; seed < 250; seed++) {
      const piece = generatePiece(seed, true);
      relaxed += piece.relaxed;
      expect(copies(piece.melody, melodyGrams, L + 1), `seed ${seed}`).toBe(0);
      expect(transposedCopies(piece.notes), `seed ${seed}: a transposed copy`).toBe(0);
      expect(copies(piece.chords, chordGrams, LC + 1), `seed ${seed}`).toBe(0);
    }
    expect(relaxed).toBe(0);
  });

  it('has something to guard against: without it, cautious sampling copies longer runs', () => {
    let copied = 0;
    for (let seed = 0; seed < 100; seed++) copied += copies(generatePiece(seed, false, 0.4).melody, melodyGrams, L + 1);
    expect(copied).toBeGreaterThan(0);
  });

  it('has transposed copies to guard against: with the exact guard alone, cautious sampling makes them', () => {
    const exactOnly: MuseModel = { ...model, guards: { melody: model.guards.melody, chords: model.guards.chords } };
    let transposed = 0;
    let exact = 0;
    for (let seed = 0; seed < 100; seed++) {
      const piece = generatePiece(seed, true, 0.4, exactOnly);
      transposed += transposedCopies(piece.notes);
      exact += copies(piece.melody, melodyGrams, L + 1);
    }
    expect(exact).toBe(0);
    expect(transposed).toBeGreaterThan(0);
  });

  it('reports the longest transposed copy in notes, as the independent runs find it', () => {
    for (const seed of [3, 17, 40]) {
      const piece = generatePiece(seed, true);
      const report = transposedReport(model.guards.transposed as CorpusIndex, piece.intervals);
      let longest = 0;
      for (let n = 1; n <= L + 1; n++) {
        const grams = new Set(
          pieces.flatMap((p) => transposedRuns(tuneLine(p.tracks.find((t) => t.role === 'melody')?.notes ?? []), n)),
        );
        if (transposedRuns(piece.notes, n).some((r) => grams.has(r))) longest = n;
      }
      expect(report.maxRun).toBe(L);
      expect(report.longestCopy.length, `seed ${seed}`).toBe(longest);
      expect(pieces.some((p) => p.id === report.longestCopy.pieceId)).toBe(true);
    }
  });

  it('reports the longest copied run, novel n-grams and the closest pieces', () => {
    const piece = generatePiece(17, true);
    const report = originalityReport(model.guards.melody, piece.melody);
    // The same longest run, found by brute force over the corpus n-gram sets.
    let longest = 0;
    for (let n = 1; n <= L + 1; n++) if (copies(piece.melody, gramSet(pieces.map(noteTokens), n), n) > 0) longest = n;
    expect(report.longestCopy.length).toBe(longest);
    expect(report.longestCopy.length).toBeLessThanOrEqual(L);
    expect(pieces.some((p) => p.id === report.longestCopy.pieceId)).toBe(true);
    for (const { n, share, total } of report.novelty) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
      expect(total).toBe(piece.melody.length - n + 1);
    }
    expect(report.novelty.find((x) => x.n === L + 1)?.share).toBe(1);
    expect(report.closest.length).toBeGreaterThan(0);
    for (const c of report.closest) expect(pieces.some((p) => p.id === c.pieceId)).toBe(true);
    console.log('originality report of one generated melody:', JSON.stringify(report));
  });
});
