import { Chord, Note } from 'tonal';
import { describe, expect, it } from 'vitest';
import type { CorpusPiece } from '../../src/corpus';
import { evaluate } from '../../src/model/evaluate';
import { trainModel } from '../../src/model/museModel';
import { builtinCorpus } from '../../src/presets/builtin';

const pieces = builtinCorpus('songbook')?.pieces ?? [];
/** The documented split: every 10th piece (index 9, 19, 29) is held out, the model trains on the other 27. */
const heldOut = pieces.filter((_, i) => i % 10 === 9);
const training = pieces.filter((_, i) => i % 10 !== 9);

function transpose(piece: CorpusPiece, interval: string, semitones: number): CorpusPiece {
  return {
    ...piece,
    key: Note.pitchClass(Note.transpose(piece.key, interval)),
    tracks: piece.tracks.map((t) => ({ ...t, notes: t.notes.map((n) => ({ ...n, pitch: n.pitch + semitones })) })),
    chords: piece.chords?.map((c) => ({ ...c, symbol: Chord.transpose(c.symbol, interval) })),
  };
}

describe('evaluate', () => {
  const model = trainModel(training);

  it('gives bits per pitch and per duration on held-out songbook pieces, per order', () => {
    const e = evaluate(model, heldOut);
    console.log('songbook, every 10th piece held out:', JSON.stringify(e));
    expect(e.pieces).toBe(3);
    expect(e.notes).toBeGreaterThan(80);
    expect(e.outOfVocabulary).toBe(0);
    expect(e.orders.map((o) => o.order)).toEqual([0, 1, 2, 4]);
    expect(e.orders[3]).toEqual({ order: 4, bitsPerPitch: e.bitsPerPitch, bitsPerDuration: e.bitsPerDuration });
    expect(e.bitsPerPitch).toBeLessThan(Math.log2(12));
    expect(e.bitsPerPitch).toBeLessThan(2.3);
    expect(e.bitsPerPitch).toBeLessThan(e.orders[0].bitsPerPitch);
    expect(e.bitsPerDuration).toBeGreaterThan(0);
    expect(e.bitsPerDuration).toBeLessThan(2);
  });

  it('over every piece held out once (10 folds), for a steadier figure', () => {
    let pitch = 0;
    let duration = 0;
    let notes = 0;
    const orders = [0, 0, 0, 0];
    for (let fold = 0; fold < 10; fold++) {
      const e = evaluate(
        trainModel(pieces.filter((_, i) => i % 10 !== fold)),
        pieces.filter((_, i) => i % 10 === fold),
      );
      pitch += e.bitsPerPitch * e.notes;
      duration += e.bitsPerDuration * e.notes;
      e.orders.forEach((o, i) => {
        orders[i] += o.bitsPerPitch * e.notes;
      });
      notes += e.notes;
    }
    const figures = {
      notes,
      bitsPerPitch: pitch / notes,
      bitsPerDuration: duration / notes,
      bitsPerPitchByOrder: orders.map((o) => o / notes),
    };
    console.log('songbook, 10-fold cross-validation:', JSON.stringify(figures));
    expect(figures.bitsPerPitch).toBeLessThan(2.5);
    expect(figures.bitsPerPitch).toBeLessThan(figures.bitsPerPitchByOrder[0]);
  });

  it('is transposition-invariant: the same figures for the pieces (and the model) in another key', () => {
    const e = evaluate(model, heldOut);
    const moved = heldOut.map((p) => transpose(p, '2M', 2));
    expect(moved[0].key).not.toBe(heldOut[0].key);
    const e2 = evaluate(model, moved);
    expect(e2.bitsPerPitch).toBeCloseTo(e.bitsPerPitch, 10);
    expect(e2.bitsPerDuration).toBeCloseTo(e.bitsPerDuration, 10);
    const movedModel = trainModel(training.map((p) => transpose(p, '4P', 5)));
    expect(evaluate(movedModel, heldOut).bitsPerPitch).toBeCloseTo(e.bitsPerPitch, 10);
  });

  it('trains the melody of pieces without chords (the chord is unknown there)', () => {
    const some = training.map((p, i) => (i % 2 ? { ...p, chords: undefined } : p));
    const m = trainModel(some);
    const e = evaluate(
      m,
      heldOut.map((p) => ({ ...p, chords: undefined })),
    );
    expect(Number.isFinite(e.bitsPerPitch)).toBe(true);
    expect(e.bitsPerPitch).toBeLessThan(Math.log2(12));
  });
});
