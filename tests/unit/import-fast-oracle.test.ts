import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Meter } from '../../src/core';
import { labelChords, labelDefaults } from '../../src/corpus/chords';
import { gatherEvidence } from '../../src/corpus/chords/evidence';
import { candidateChanges, metricGridOf, snapStepOf } from '../../src/corpus/chords/grid';
import type { LabelOptions } from '../../src/corpus/chords/options';
import { createScoringContext } from '../../src/corpus/chords/score';
import { segmentChords } from '../../src/corpus/chords/segment';
import { buildTemplates, CHORD_SUFFIXES, typeIndices } from '../../src/corpus/chords/vocabulary';
import { quantizeInMeters, quantizeNotes } from '../../src/corpus/midi';
import { trimOverlapsInPlace } from '../../src/corpus/midi/overlaps';
import type { Note } from '../../src/corpus/types';
import { type ReferenceFault, referenceQuantize, referenceSegments } from '../helpers/importReference';

/**
 * Issue 17 made the importer fast: chord windows are skipped when a bound says they cannot win,
 * the window that carries a chord on is scored first, and quantizing leaves windows already on the
 * straight grid alone. None of that may change a result. These properties hold the fast code to
 * the plain code it replaced (tests/helpers/importReference.ts) on random input, with costs of any
 * sign (where the bound must switch itself off), and show with planted faults in the oracle's tie
 * rules that the inputs reach the ties, where a wrong shortcut would show first.
 */

const meter = fc.constantFrom<Meter>([4, 4], [3, 4], [2, 4], [6, 8], [9, 8], [12, 8], [5, 8], [7, 16], [2, 2], [3, 2]);

/** Notes around a few chords: pitches in three octaves, onsets near an eighth grid, some jitter. */
const chordNotes = fc.array(
  fc.record({
    pitch: fc.integer({ min: 36, max: 84 }),
    tick: fc
      .tuple(fc.integer({ min: 0, max: 64 }), fc.constantFrom(0, 0, 0, -7, 13))
      .map(([k, j]) => Math.max(0, k * 240 + j)),
    duration: fc.constantFrom(0, 120, 240, 480, 960, 1920, 333),
    velocity: fc.constant(80),
  }),
  { minLength: 1, maxLength: 70 },
);

const cost = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const options: fc.Arbitrary<LabelOptions> = fc.oneof(
  fc.constant(labelDefaults),
  fc.record({
    span: fc.constant(null),
    types: fc.subarray([...CHORD_SUFFIXES]),
    grid: fc.constant(0),
    maxWindow: fc.constantFrom(0, 480, 5000),
    nonChordTone: cost(-0.5, 3),
    missingTone: cost(-0.5, 2),
    absentTone: cost(-0.5, 2),
    changeCost: fc.tuple(cost(-1, 2), cost(-1, 2), cost(-1, 2), cost(-1, 2)),
    bassFit: cost(-1, 1),
    rootInBass: cost(-1, 1),
    chromaticTone: cost(-1, 1),
  }),
);

/** The fast segmentation and the reference one, as plain data. */
function bothSegmentations(notes: Note[], m: Meter, o: LabelOptions, scaleMask: number, fault: ReferenceFault = {}) {
  const sounding = notes.filter((n) => n.duration > 0);
  if (sounding.length === 0) return null;
  const start = Math.min(...sounding.map((n) => n.tick));
  const end = Math.max(...sounding.map((n) => n.tick + n.duration));
  const grid = metricGridOf(m);
  const changes = candidateChanges(notes, start, end, snapStepOf(grid, 0, end - start));
  const evidence = gatherEvidence(notes, changes);
  const types = typeIndices(o.types);
  const templates = buildTemplates(types.length > 0 ? types : CHORD_SUFFIXES.map((_, i) => i));
  const maxWindow = o.maxWindow >= 1 ? o.maxWindow : 2 * grid.bar;
  const fast = segmentChords(evidence, grid, maxWindow, createScoringContext(templates, scaleMask, o, grid.beat)).map(
    (s) => ({
      start: s.start,
      end: s.end,
      chord: s.chord && {
        root: s.chord.template.root,
        type: s.chord.template.type,
        bass: s.chord.bass,
        score: s.chord.score,
      },
    }),
  );
  return { fast, reference: referenceSegments(evidence, grid, maxWindow, templates, scaleMask, o, fault) };
}

const scaleMask = fc.constantFrom(0xab5, 0x5ad, 0xfff, 0, 0x6b5);

describe('the fast chord segmentation gives what the plain one gave', () => {
  it('the same segments, chords, basses and scores (to the bit) for any notes and options', () => {
    fc.assert(
      fc.property(chordNotes, meter, options, scaleMask, (notes, m, o, mask) => {
        const both = bothSegmentations(notes, m, o, mask);
        if (both) expect(both.fast).toEqual(both.reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('planted fault: with the oracle breaking template ties the other way, some input tells them apart', () => {
    const found = fc.check(
      fc.property(chordNotes, meter, scaleMask, (notes, m, mask) => {
        const both = bothSegmentations(notes, m, labelDefaults, mask, { lastTemplateOnTie: true });
        return !both || JSON.stringify(both.fast) === JSON.stringify(both.reference);
      }),
      { numRuns: 400, seed: 17 },
    );
    expect(found.failed).toBe(true);
  });

  it('labels do not depend on the labellings before (the kept scoring contexts are per key and options)', () => {
    const notes: Note[] = [
      { pitch: 60, tick: 0, duration: 960, velocity: 80 },
      { pitch: 64, tick: 0, duration: 960, velocity: 80 },
      { pitch: 67, tick: 0, duration: 960, velocity: 80 },
      { pitch: 70, tick: 0, duration: 960, velocity: 80 },
      { pitch: 62, tick: 960, duration: 960, velocity: 80 },
      { pitch: 65, tick: 960, duration: 960, velocity: 80 },
      { pitch: 69, tick: 960, duration: 960, velocity: 80 },
    ];
    const request = { meter: [4, 4] as Meter, key: 'C', mode: 'major' as const };
    const first = labelChords(notes, request);
    const triads = labelChords(notes, { ...request, types: ['', 'm'] });
    const changeCost: [number, number, number, number] = [0.05, 0.3, 0.8, 1.2];
    const own = labelChords(notes, { ...request, changeCost });
    changeCost[0] = 50; // the caller's array changes after the call
    expect(labelChords(notes, request)).toEqual(first);
    expect(labelChords(notes, { ...request, changeCost: [0.05, 0.3, 0.8, 1.2] })).toEqual(own);
    expect(first.map((l) => l.symbol)).toEqual(['C7', 'Dm']);
    expect(triads.map((l) => l.symbol)).toEqual(['C', 'Dm']);
  });
});

/** Played notes: onsets near a sixteenth or triplet grid, or far off it, or right on it. */
const playedNotes = fc.array(
  fc.record({
    pitch: fc.integer({ min: 40, max: 80 }),
    tick: fc.oneof(
      fc.integer({ min: 0, max: 200 }).map((k) => k * 120),
      fc.integer({ min: 0, max: 300 }).map((k) => k * 80),
      fc
        .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: -25, max: 25 }))
        .map(([k, j]) => Math.max(0, k * 60 + j)),
      fc.integer({ min: 0, max: 24_000 }),
    ),
    duration: fc.oneof(fc.constantFrom(120, 160, 240, 480, 720), fc.integer({ min: 1, max: 1000 })),
    velocity: fc.constant(64),
  }),
  { maxLength: 80 },
);

const sortedByTick = (notes: Note[]) => [...notes].sort((a, b) => a.tick - b.tick);

describe('the fast quantizer gives what the plain one gave', () => {
  it('the same notes for any notes, meter, origin and triplet setting, sorted or not', () => {
    fc.assert(
      fc.property(
        playedNotes,
        meter,
        fc.boolean(),
        fc.constantFrom(0, 480, 1440, 7),
        fc.boolean(),
        (n, m, triplets, origin, sort) => {
          const notes = sort ? sortedByTick(n) : n;
          expect(quantizeNotes(notes, m, { triplets, origin })).toEqual(
            referenceQuantize(notes, m, { triplets, origin }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('through meter changes, each stretch from its own bar line', () => {
    fc.assert(
      fc.property(playedNotes, meter, meter, fc.integer({ min: 1, max: 12 }), (n, first, second, bars) => {
        const notes = sortedByTick(n);
        const change = bars * 1920;
        const meters = [
          { tick: 0, meter: first },
          { tick: change, meter: second },
        ];
        const expected = trimOverlapsInPlace([
          ...referenceQuantize(
            notes.filter((x) => x.tick < change),
            first,
            { triplets: true, origin: 0, trim: false },
          ),
          ...referenceQuantize(
            notes.filter((x) => x.tick >= change),
            second,
            { triplets: true, origin: change, trim: false },
          ),
        ]);
        expect(quantizeInMeters(notes, meters)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('planted fault: with the oracle breaking grid ties toward the finer grid, some input tells them apart', () => {
    const found = fc.check(
      fc.property(playedNotes, meter, (notes, m) => {
        const options = { triplets: true, origin: 0 };
        return (
          JSON.stringify(quantizeNotes(notes, m, options)) ===
          JSON.stringify(referenceQuantize(notes, m, options, { finerGridOnTie: true }))
        );
      }),
      { numRuns: 500, seed: 17 },
    );
    expect(found.failed).toBe(true);
  });
});
