import fc from 'fast-check';
import { Chord } from 'tonal';
import { describe, expect, it } from 'vitest';
import type { Meter } from '../../src/core';
import { chordPitchClasses, MODES, type Note } from '../../src/corpus';
import { labelChords } from '../../src/corpus/chords';

const note = fc.record({
  pitch: fc.integer({ min: 0, max: 127 }),
  tick: fc.integer({ min: 0, max: 20_000 }),
  duration: fc.integer({ min: 0, max: 4_000 }),
  velocity: fc.integer({ min: 1, max: 127 }),
});
const meter = fc.oneof(
  fc.constantFrom<Meter>([4, 4], [3, 4], [2, 4], [6, 8], [9, 8], [12, 8], [5, 8], [7, 8], [2, 2]),
  fc.tuple(fc.integer({ min: 1, max: 15 }), fc.constantFrom(1, 2, 4, 8, 16, 32)),
);
const request = fc.record({
  meter,
  key: fc.constantFrom('C', 'G', 'F#', 'Bb', 'Db', 'A#', 'Cb', 'E', 'H', ''),
  mode: fc.constantFrom(...MODES),
});

/** Checks the invariants of labels for `notes`, which must sound somewhere. */
function expectCovering(notes: Note[], labels: ReturnType<typeof labelChords>, keyKnown: boolean): void {
  const sounding = notes.filter((n) => n.duration > 0);
  if (sounding.length === 0) {
    expect(labels).toEqual([]);
    return;
  }
  expect(labels[0].tick).toBe(Math.min(...sounding.map((n) => n.tick)));
  const last = labels[labels.length - 1];
  expect(last.tick + last.duration).toBe(Math.max(...sounding.map((n) => n.tick + n.duration)));
  for (const [i, l] of labels.entries()) {
    if (i > 0) expect(l.tick).toBe(labels[i - 1].tick + labels[i - 1].duration);
    expect(Number.isInteger(l.duration) && l.duration > 0).toBe(true);
    expect(Chord.get(l.symbol).empty, l.symbol).toBe(false);
    expect(chordPitchClasses(l.symbol)).toEqual(l.pitchClasses);
    expect(l.roman !== '').toBe(keyKnown);
    if (i > 0) expect(l.symbol).not.toBe(labels[i - 1].symbol);
  }
}

describe('labelChords on random notes', () => {
  it('covers the notes with contiguous, valid labels and never throws', () => {
    fc.assert(
      fc.property(fc.array(note, { maxLength: 120 }), request, (notes, r) => {
        const labels = labelChords(notes, r);
        expectCovering(notes, labels, r.key !== 'H' && r.key !== '');
      }),
      { numRuns: 300 },
    );
  });

  it('labels the same chords an octave higher', () => {
    fc.assert(
      fc.property(fc.array(note, { minLength: 1, maxLength: 60 }), request, (notes, r) => {
        const low = notes.map((n) => ({ ...n, pitch: n.pitch % 100 }));
        const high = low.map((n) => ({ ...n, pitch: n.pitch + 12 }));
        expect(labelChords(high, r)).toEqual(labelChords(low, r));
      }),
      { numRuns: 100 },
    );
  });

  it('covers exactly the span asked for when something sounds in it', () => {
    fc.assert(
      fc.property(
        fc.array(note, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        (notes, start, length) => {
          const span = { start, end: start + length };
          const labels = labelChords(notes, { meter: [4, 4], key: 'C', mode: 'major', span });
          const inside = notes.some((n) => n.duration > 0 && n.tick < span.end && n.tick + n.duration > span.start);
          if (!inside) expect(labels).toEqual([]);
          else {
            expect(labels[0].tick).toBe(span.start);
            const last = labels[labels.length - 1];
            expect(last.tick + last.duration).toBe(span.end);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
